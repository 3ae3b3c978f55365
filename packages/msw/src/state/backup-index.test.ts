import type { RedisBackupSet } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../seeded-random.fixture.ts'
import { BackupIndex, type IndexQuery } from './backup-index.ts'

const statuses = [1, 2, 3, 4, -1, -2] as const

function backup(id: string, status: RedisBackupSet['Status']): RedisBackupSet {
  return { StartTime: '', BackupId: id, BackupType: '1', Status: status, Remark: '', Locked: 0 }
}

describe('BackupIndex', () => {
  it('orders by start time, then by insertion, whatever the insertion order', () => {
    const index = new BackupIndex()
    index.insert(backup('c', 2), 3000)
    index.insert(backup('a', 2), 1000)
    index.insert(backup('b1', 2), 2000)
    index.insert(backup('b2', 2), 2000)
    expect(index.entries().map((e) => e.backup.BackupId)).toEqual(['a', 'b1', 'b2', 'c'])
  })

  it('answers every query like a naive filter, sort and slice would', () => {
    const random = seededRandom(7)
    const index = new BackupIndex()
    const naive: { startMs: number; seq: number; id: string }[] = []
    for (let i = 0; i < 400; i++) {
      const startMs = Math.floor(random() * 50) * 1000
      const id = `b${i}`
      index.insert(backup(id, statuses[Math.floor(random() * statuses.length)]!), startMs)
      naive.push({ startMs, seq: i, id })
    }
    for (let i = 0; i < 100; i++)
      index.setStatus(`b${Math.floor(random() * 400)}`, statuses[i % statuses.length]!)
    for (let i = 0; i < 20; i++) index.remove(`b${Math.floor(random() * 400)}`)
    for (let round = 0; round < 500; round++) {
      const q: IndexQuery = { offset: Math.floor(random() * 60), limit: 1 + Math.floor(random() * 30) }
      if (random() < 0.5) q.beginMs = Math.floor(random() * 50) * 1000
      if (random() < 0.5) q.endMs = Math.floor(random() * 50) * 1000
      if (random() < 0.6) q.statuses = statuses.filter(() => random() < 0.4)
      const matches = naive
        .filter((n) => index.get(n.id))
        .filter((n) => q.beginMs === undefined || n.startMs >= q.beginMs)
        .filter((n) => q.endMs === undefined || n.startMs <= q.endMs)
        .filter((n) => !q.statuses || q.statuses.includes(index.get(n.id)!.backup.Status))
        .sort((a, b) => a.startMs - b.startMs || a.seq - b.seq)
      const got = index.query(q)
      expect(got.total).toBe(matches.length)
      expect(got.items.map((e) => e.backup.BackupId)).toEqual(
        matches.slice(q.offset, q.offset + q.limit).map((n) => n.id),
      )
    }
  })

  it('gives disjoint pages that cover every match', () => {
    const index = new BackupIndex()
    for (let i = 0; i < 95; i++) index.insert(backup(`b${i}`, i % 3 === 0 ? 1 : 2), 1000 * (i % 7))
    const seen: string[] = []
    for (let offset = 0; offset < 100; offset += 20) {
      seen.push(...index.query({ offset, limit: 20, statuses: [1, 2] }).items.map((e) => e.backup.BackupId))
    }
    expect(seen).toHaveLength(95)
    expect(new Set(seen).size).toBe(95)
  })
})
