import type { RedisBackupSet } from '@crs-kit/core'
import { formatTcTime } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { MockApiError } from '../mock-api-error.ts'
import { createMockClock } from '../mock-clock.ts'
import { MockState, startedBackupFields } from './mock-state.ts'

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
  it('names an unknown instance and the ones it has, for every state method taking an InstanceId', () => {
    const { state } = setup()
    const message =
      '[crs-kit/msw] no instance "crs-typo" in the mock state; it has "crs-1", "crs-sick" (state.addInstance adds one)'
    expect(() => state.backups('crs-typo')).toThrow(new TypeError(message))
    expect(() => state.setInstanceStatus('crs-typo', 'abnormal')).toThrow(message)
    expect(() => state.removeBackup('crs-typo', 'a')).toThrow(message)
    state.replaceInstances([])
    expect(() => state.backups('crs-1')).toThrow('no instance "crs-1" in the mock state; it has none')
    state.replaceInstances(Array.from({ length: 7 }, (_, i) => ({ InstanceId: `crs-${i}` })))
    expect(() => state.backups('crs-x')).toThrow('"crs-3", "crs-4" and 2 more (state.addInstance adds one)')
  })

  // A listing is served from the JSON each backup keeps: every change to a backup must reach the next listing.
  it('lists as JSON exactly what listBackups returns, after every kind of change to a listed backup', () => {
    const { clock, state } = setup()
    const query = { InstanceId: 'crs-1', limit: 20, offset: 0 }
    const served = () => JSON.parse(state.listBackupsJson(query).json)
    const same = () => {
      expect(state.listBackupsJson(query).json).toBe(JSON.stringify(state.listBackups(query)))
      return served()
    }
    expect(same().BackupSet.map((b: RedisBackupSet) => b.BackupId)).toEqual(['a', 'b'])
    state.setBackupStatus('crs-1', 'a', 4)
    expect(same().BackupSet[0]).toMatchObject({ BackupId: 'a', Status: 4 })
    const { backup } = state.startManualBackup('crs-1', 'nightly')
    expect(same().BackupSet[2]).toMatchObject({ BackupId: backup.BackupId, Status: 1, BackupSize: null })
    clock.advance(60_000)
    expect(same().BackupSet[2]).toMatchObject({
      Status: 2,
      BackupSize: 1_048_576,
      EndTime: formatTcTime(start + 60_000),
    })
    state.removeBackup('crs-1', 'b')
    state.addBackup('crs-1', { ...seedBackups[1]!, Remark: 'again' })
    expect(same().BackupSet.map((b: RedisBackupSet) => b.Remark)).toEqual(['x', 'again', 'nightly'])
    state.reset()
    expect(same()).toEqual({ TotalCount: 2, BackupSet: seedBackups })
    // The copies listBackups hands out are the caller's: changing one changes nothing served.
    state.listBackups(query).BackupSet[0]!.Remark = 'changed by a test'
    expect(served().BackupSet[0].Remark).toBe('x')
  })

  it('gives a backup it starts the fields startedBackupFields says, from its start and from its end', () => {
    const { clock, state } = setup()
    const { backup } = state.startManualBackup('crs-1', 'nightly')
    const marked = (when: string) =>
      Object.entries(startedBackupFields)
        .filter(([, w]) => w === when)
        .map(([field]) => field)
    expect(Object.keys(backup).sort()).toEqual(marked('from its start').sort())
    clock.advance(60_000)
    const finished = state.backups('crs-1').find((b) => b.BackupId === backup.BackupId)!
    expect(finished.Status).toBe(2)
    expect(Object.keys(finished).sort()).toEqual(
      [...marked('from its start'), ...marked('from its end')].sort(),
    )
  })

  it('frees the lock of a finished backup, so setting the clock back does not lock the instance again', () => {
    const { clock, state } = setup()
    state.startManualBackup('crs-1')
    clock.advance(60_000)
    state.settle()
    clock.set(start)
    expect(state.isLocked('crs-1')).toBe(false)
    expect(codeOf(() => state.startManualBackup('crs-1'))).toBeUndefined()
    // A lock set by hand for longer than the task stays when the task ends.
    clock.advance(120_000)
    state.lockInstance('crs-1', 600_000)
    clock.advance(60_000)
    expect(state.isLocked('crs-1')).toBe(true)
  })

  it('refuses a backup status the contract does not have, or a backup the instance does not hold', () => {
    const { state } = setup()
    const { BackupId: id, Status: before } = state.backups('crs-1')[0]!
    expect(() => state.setBackupStatus('crs-1', id, 7 as never)).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('backup.Status') }),
    )
    expect(() => state.setBackupStatus('crs-1', 'no-such-backup', 2)).toThrow(
      '[crs-kit/msw] instance crs-1 has no backup no-such-backup',
    )
    expect(state.backups('crs-1').find((b) => b.BackupId === id)?.Status).toBe(before)
    state.setBackupStatus('crs-1', id, -1)
    expect(state.backups('crs-1').find((b) => b.BackupId === id)?.Status).toBe(-1)
  })

  it('refuses a lock that is not whole milliseconds >= 0 or that ends beyond a Date, changing nothing', () => {
    const { state } = setup()
    for (const [ms, message] of [
      [
        1.5,
        'lockInstance(id, durationMs): durationMs must be a whole number of milliseconds >= 0 (0 unlocks), got 1.5',
      ],
      [Number.NaN, 'got NaN'],
      [-1, 'got -1'],
      [8.64e15, 'outside the times a Date can hold'],
    ] as const) {
      expect(() => state.lockInstance('crs-1', ms)).toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(message) }),
      )
    }
    expect(state.isLocked('crs-1')).toBe(false)
  })

  it('refuses epoch seconds where the clock takes milliseconds', () => {
    expect(() => createMockClock(1_893_456_000)).toThrow(
      '[crs-kit/msw] createMockClock(start) takes epoch milliseconds; 1893456000 looks like epoch seconds (1893456000000 in ms; a number from 1e8 to 1e11 is read as seconds: give a time of 1970-01-02 to 1973-03-03 as a Date)',
    )
    // Before 1970 is a time in milliseconds, whatever its size.
    expect(createMockClock(-1_000_000_000).now()).toBe(-1_000_000_000)
    expect(createMockClock(new Date(1e9)).now()).toBe(1e9)
    expect(() => createMockClock().set(Date.now() / 1000)).toThrow(/looks like epoch seconds/)
    expect(createMockClock(0).now()).toBe(0)
  })

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
      /backup c.InstanceId "crs-sick" names another instance than "crs-1"/,
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

  it("refuses a backup whose Region is not its instance's, and keeps none of it", () => {
    const { state } = setup()
    state.addInstance({ InstanceId: 'crs-bj', Region: 'ap-beijing' })
    const backup = { ...seedBackups[0]!, BackupId: 'c', Region: 'ap-guangzhou' }
    expect(() => state.addBackup('crs-bj', backup)).toThrow(
      /backup c.Region "ap-guangzhou" is not the region of instance "crs-bj", "ap-beijing"/,
    )
    expect(state.backups('crs-bj')).toEqual([])
    // An instance seen from every region (no Region) takes a backup naming any.
    state.addBackup('crs-1', backup)
    state.addBackup('crs-bj', { ...backup, Region: 'ap-beijing' })
    expect(state.backups('crs-bj').map((b) => b.Region)).toEqual(['ap-beijing'])
  })

  // Its speed (a page of 100,000 backups within 2x of a page of 10) is measured in bench/mock.ts, not here.
  it('lists deep pages of an instance with 100,000 backups as a plain filter and slice would', () => {
    const { state } = setup()
    state.addInstance({ InstanceId: 'crs-big' })
    const statusOf = (i: number): RedisBackupSet['Status'] => (i % 5 === 0 ? -1 : i % 7 === 0 ? 4 : 2)
    for (let i = 0; i < 100_000; i++) {
      state.addBackup('crs-big', {
        StartTime: formatTcTime(start - (100_000 - i) * 1000),
        BackupId: `b-${i}`,
        BackupType: '1',
        Status: statusOf(i),
        Remark: '',
        Locked: 0,
      })
    }
    const expected = (statuses: number[] | undefined, fromIndex: number, offset: number, limit: number) => {
      const ids: string[] = []
      let total = 0
      for (let i = fromIndex; i < 100_000; i++) {
        if (statuses && !statuses.includes(statusOf(i))) continue
        if (total >= offset && ids.length < limit) ids.push(`b-${i}`)
        total++
      }
      return { total, ids }
    }
    const cases: [query: object, statuses: number[] | undefined, fromIndex: number, offset: number][] = [
      [{}, undefined, 0, 50_000],
      [{ Status: [2] }, [2], 0, 40_000],
      [{ Status: [2, -1] }, [2, -1], 0, 77_777],
      [{ Status: [4, -1] }, [4, -1], 60_000, 9_999],
      [{}, undefined, 99_995, 0],
    ]
    for (const [query, statuses, fromIndex, offset] of cases) {
      const page = state.listBackups({
        InstanceId: 'crs-big',
        limit: 7,
        offset,
        ...query,
        ...(fromIndex ? { BeginTime: formatTcTime(start - (100_000 - fromIndex) * 1000) } : {}),
      })
      const want = expected(statuses, fromIndex, offset, 7)
      expect(
        { total: page.TotalCount, ids: page.BackupSet.map((b) => b.BackupId) },
        JSON.stringify(query),
      ).toEqual(want)
    }
    expect(state.listBackups({ InstanceId: 'crs-big', limit: 10, offset: 99_990 }).BackupSet).toHaveLength(10)
  })
})
