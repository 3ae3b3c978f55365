import type { RedisBackupSet } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { createMockService, defaultInstances, seedInstances } from './create-mock-service.ts'
import { seedBackups } from './generated/fixtures.gen.ts'

// One test's seed must not become another's: mocks of one process (a vitest file, or a worker without isolation)
// share the exported seed, and a mock keeps its seed to go back to on reset().

const extra: RedisBackupSet = {
  StartTime: '2020-01-01 00:00:00',
  BackupId: 'extra',
  BackupType: '0',
  Status: 2,
  Remark: 'mine',
  Locked: 0,
}
const listed = (mock: ReturnType<typeof createMockService>) =>
  mock.state.snapshot().instances.map((i) => [i.InstanceId, i.status, i.backups.map((b) => b.BackupId)])

describe('seeds', () => {
  it('refuses an edit of the exported default seed, which every mock of the process starts from', () => {
    const before = listed(createMockService())
    const [seed] = defaultInstances as never as [{ status?: string; backups: unknown[] }]
    expect(() => seed.backups.push(extra)).toThrow(TypeError)
    expect(() => {
      seed.status = 'abnormal'
    }).toThrow(TypeError)
    expect(() => {
      ;(seedBackups[0] as { Remark: string }).Remark = 'changed'
    }).toThrow(TypeError)
    expect(listed(createMockService())).toEqual(before)
    // seedInstances() is the copy to change.
    const mine = seedInstances()
    mine[0]!.backups = [...mine[0]!.backups!, extra]
    expect(listed(createMockService({ instances: mine }))[0]![2]).toHaveLength(3)
  })

  it('keeps a copy of the instances it is given: later edits of them neither reach reset() nor skip its checks', () => {
    const seed = {
      InstanceId: 'crs-own',
      InstanceName: 'own',
      backups: [{ ...extra }] as Record<string, unknown>[],
    }
    const mock = createMockService({ instances: [seed as never] })
    seed.InstanceId = ''
    seed.backups.push({ ...extra, BackupId: 'bad', BackupType: '9', Status: 99 })
    seed.backups[0]!.Remark = 'edited'
    mock.state.addInstance({ InstanceId: 'crs-added', backups: [] })
    mock.reset()
    expect(listed(mock)).toEqual([['crs-own', 'normal', ['extra']]])
    expect(mock.state.backups('crs-own')[0]!.Remark).toBe('mine')
  })

  it('keeps a copy of an instance added later, as it was added', () => {
    const mock = createMockService({ instances: [] })
    const added = { InstanceId: 'crs-added', InstanceName: 'first', backups: [] }
    mock.state.addInstance(added)
    added.InstanceName = 'second'
    expect(mock.state.snapshot().instances[0]!.InstanceName).toBe('first')
  })
})
