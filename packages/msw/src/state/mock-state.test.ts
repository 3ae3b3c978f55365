import type { RedisBackupSet } from '@crs-kit/core'
import { formatTcTime } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { MockApiError } from '../mock-api-error.ts'
import { createMockClock } from '../mock-clock.ts'
import { MockState } from './mock-state.ts'

const start = Date.UTC(2024, 0, 1, 0, 0, 0) // 2024-01-01 08:00:00 in UTC+8
const seedBackups: RedisBackupSet[] = [
  { StartTime: '2018-09-04 12:51:21', BackupId: 'a', BackupType: '0', Status: 2, Remark: 'x', Locked: 0 },
  { StartTime: '2018-09-04 12:53:06', BackupId: 'b', BackupType: '0', Status: 2, Remark: 'y', Locked: 0 },
]

function setup() {
  const clock = createMockClock(start)
  const state = new MockState({
    clock,
    backupDurationMs: 60_000,
    instances: [
      { InstanceId: 'crs-1', backups: seedBackups },
      { InstanceId: 'crs-sick', status: 'abnormal' },
    ],
  })
  return { clock, state }
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof MockApiError) return e.code
    throw e
  }
  return undefined
}

describe('MockState', () => {
  it('starts a manual backup in progress, locks the instance, and finishes it on the clock', () => {
    const { clock, state } = setup()
    const { taskId, backup } = state.startManualBackup('crs-1', 'nightly')
    expect(Number.isSafeInteger(taskId)).toBe(true)
    expect(backup).toMatchObject({
      BackupType: '0',
      Status: 1,
      Remark: 'nightly',
      StartTime: '2024-01-01 08:00:00',
    })
    expect(state.isLocked('crs-1')).toBe(true)
    expect(codeOf(() => state.startManualBackup('crs-1'))).toBe('ResourceUnavailable.InstanceLockedError')

    clock.advance(59_999)
    expect(state.listBackups({ InstanceId: 'crs-1', limit: 20, offset: 0, Status: [1] }).TotalCount).toBe(1)
    clock.advance(1)
    expect(state.isLocked('crs-1')).toBe(false)
    const done = state.listBackups({ InstanceId: 'crs-1', limit: 20, offset: 0, Status: [2] })
    expect(done.TotalCount).toBe(3)
    expect(done.BackupSet[2]).toMatchObject({
      BackupId: backup.BackupId,
      Status: 2,
      EndTime: '2024-01-01 08:01:00',
    })
    expect(state.startManualBackup('crs-1').taskId).toBe(taskId + 1)
  })

  it('answers the contract codes for unknown and abnormal instances', () => {
    const { state } = setup()
    expect(codeOf(() => state.startManualBackup('crs-nope'))).toBe('ResourceNotFound.InstanceNotExists')
    expect(codeOf(() => state.listBackups({ InstanceId: 'crs-nope', limit: 1, offset: 0 }))).toBe(
      'ResourceNotFound.InstanceNotExists',
    )
    expect(codeOf(() => state.startManualBackup('crs-sick'))).toBe(
      'ResourceUnavailable.InstanceStatusAbnormal',
    )
    state.setInstanceStatus('crs-sick', 'normal')
    expect(codeOf(() => state.startManualBackup('crs-sick'))).toBeUndefined()
  })

  it('filters on the start time, inclusive at both ends', () => {
    const { state } = setup()
    const page = (BeginTime?: string, EndTime?: string) =>
      state
        .listBackups({ InstanceId: 'crs-1', limit: 20, offset: 0, BeginTime, EndTime })
        .BackupSet.map((b) => b.BackupId)
    expect(page('2018-09-04 12:51:21', '2018-09-04 12:51:21')).toEqual(['a'])
    expect(page('2018-09-04 12:51:22')).toEqual(['b'])
    expect(page(undefined, '2018-09-04 12:53:05')).toEqual(['a'])
    expect(page('2018-09-04 12:53:07', '2018-09-04 13:00:00')).toEqual([])
  })

  it('returns copies, so a caller cannot change the state by mutating an answer', () => {
    const { state } = setup()
    state.listBackups({ InstanceId: 'crs-1', limit: 1, offset: 0 }).BackupSet[0]!.Remark = 'changed'
    expect(state.backups('crs-1')[0]!.Remark).toBe('x')
  })

  it('reset restores the seeds and task ids', () => {
    const { state } = setup()
    const first = state.startManualBackup('crs-1').taskId
    state.removeInstance('crs-sick')
    state.reset()
    expect(state.backups('crs-1')).toHaveLength(2)
    expect(state.hasInstance('crs-sick')).toBe(true)
    expect(state.startManualBackup('crs-1').taskId).toBe(first)
  })

  it('refuses a backup whose InstanceId names another instance, and keeps none of it', () => {
    const { state } = setup()
    const backup = { ...seedBackups[0]!, BackupId: 'c', InstanceId: 'crs-sick' }
    expect(() => state.addBackup('crs-1', backup)).toThrow(
      /backup c: InstanceId "crs-sick" names another instance than "crs-1"/,
    )
    expect(state.backups('crs-1').map((b) => b.BackupId)).toEqual(['a', 'b'])
    state.addBackup('crs-1', { ...backup, InstanceId: 'crs-1' })
    expect(state.backups('crs-1').map((b) => b.BackupId)).toContain('c')
    expect(
      () =>
        new MockState({
          clock: createMockClock(start),
          backupDurationMs: 1,
          instances: [{ InstanceId: 'crs-2', backups: [backup] }],
        }),
    ).toThrow(/names another instance than "crs-2"/)
  })

  it('lists a page of an instance with 100,000 backups about as fast as one with 10', () => {
    const { state } = setup()
    const fill = (id: string, n: number) => {
      state.addInstance({ InstanceId: id })
      for (let i = 0; i < n; i++) {
        state.addBackup(id, {
          StartTime: formatTcTime(start - (n - i) * 1000),
          BackupId: `${id}-${i}`,
          BackupType: '1',
          Status: i % 5 === 0 ? -1 : 2,
          Remark: '',
          Locked: 0,
        })
      }
    }
    fill('crs-small', 10)
    fill('crs-big', 100_000)
    const time = (id: string, query: object) => {
      const t0 = performance.now()
      for (let i = 0; i < 3000; i++) state.listBackups({ InstanceId: id, limit: 5, offset: 0, ...query })
      return performance.now() - t0
    }
    // [query on the 10, query on the 100,000]: the same page shape; deep pages on the big one too.
    const pairs: [object, object][] = [
      [{}, {}],
      [{ offset: 5 }, { offset: 50_000 }],
      [{ Status: [2] }, { Status: [2] }],
      [{ Status: [2, -1] }, { Status: [2, -1] }],
      [
        { Status: [2, -1], offset: 5 },
        { Status: [2, -1], offset: 50_000 },
      ],
      [{ BeginTime: formatTcTime(start - 5000) }, { BeginTime: formatTcTime(start - 5000) }],
    ]
    for (const [smallQuery, bigQuery] of pairs) {
      // Interleaved rounds, best of each: load on the machine slows both sides alike, and the first
      // rounds warm the JIT. A ratio, not an absolute time, so a slow machine does not fail it.
      let small = Number.POSITIVE_INFINITY
      let big = Number.POSITIVE_INFINITY
      for (let round = 0; round < 7; round++) {
        small = Math.min(small, time('crs-small', smallQuery))
        big = Math.min(big, time('crs-big', bigQuery))
      }
      // A scan of 100,000 entries would be thousands of times slower; binary search adds a log factor.
      expect(big / small, JSON.stringify(bigQuery)).toBeLessThan(25)
    }
    expect(state.listBackups({ InstanceId: 'crs-big', limit: 10, offset: 99_990 }).BackupSet).toHaveLength(10)
  })
})
