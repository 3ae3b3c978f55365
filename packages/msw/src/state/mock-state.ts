import type { RedisBackupSet } from '@crs-kit/core'
import { formatTcTime, parseTcTime } from '@crs-kit/core'
import { checkBackup, checkedInJavaScript, checkInstanceSeed } from '../admin/check-instance-seed.ts'
import { checkLockMs } from '../admin/check-times.ts'
import { MockApiError } from '../mock-api-error.ts'
import type { Clock } from '../mock-clock.ts'
import { PreparedJson } from '../prepared-json.ts'
import { randomId } from '../random-id.ts'
import { BackupIndex, changeRecord, type IndexQuery, recordJson } from './backup-index.ts'

export type InstanceStatus = 'normal' | 'abnormal'

/** An instance the mock starts with (or that a test adds). */
export interface InstanceSeed {
  InstanceId: string
  InstanceName?: string | undefined
  /**
   * The region it lives in: calls naming another region (X-TC-Region) do not see it, as the service's instances
   * live in one region (ResourceNotFound.InstanceNotExists). Without one, calls from every region see it.
   */
  Region?: string | undefined
  /** `abnormal` makes ManualBackupInstance answer ResourceUnavailable.InstanceStatusAbnormal. */
  status?: InstanceStatus | undefined
  backups?: readonly RedisBackupSet[] | undefined
}

/** A page query on one instance's backups; times are the service's `YYYY-MM-DD HH:mm:ss` (UTC+8). */
export interface BackupQuery {
  InstanceId: string
  /** The region the call names; an instance of another region is not found. */
  region?: string
  limit: number
  offset: number
  BeginTime?: string | undefined
  EndTime?: string | undefined
  /** Only backups in one of these statuses; omitted or empty: every status (the GET form cannot send an empty list). */
  Status?: readonly number[] | undefined
}

interface Instance {
  seed: InstanceSeed
  status: InstanceStatus
  lockedUntilMs: number
  backups: BackupIndex
}

interface Pending {
  instance: Instance
  backupId: string
  taskId: number
  finishMs: number
}

/** One instance as the state holds it now, for a test to read (crs-mock's `GET /__crs-mock/state`). */
export interface InstanceSnapshot {
  InstanceId: string
  InstanceName?: string
  Region?: string
  status: InstanceStatus
  /** Until when (mock clock, epoch ms) a running task locks it; null when unlocked. */
  lockedUntil: number | null
  backups: RedisBackupSet[]
}

/** A manual backup still in progress. */
export interface TaskSnapshot {
  TaskId: number
  InstanceId: string
  BackupId: string
  /** When it finishes on the mock clock (epoch ms). */
  finishesAt: number
}

const weekMs = 7 * 24 * 3600 * 1000
/** The seed sample's TaskId is 6954227; new tasks continue from there. */
const firstTaskId = 6954228

const copy = (b: RedisBackupSet): RedisBackupSet => ({ ...b })
const copySeed = (seed: InstanceSeed): InstanceSeed =>
  seed.backups ? { ...seed, backups: seed.backups.map(copy) } : { ...seed }

/**
 * An id from a call, as an answer's message names it: quoted, so that a stray space shows, and cut short when
 * long (a call may send 32 KB of query or 1 MiB of body).
 */
const quotedId = (id: string) =>
  id.length > 80 ? `${JSON.stringify(`${id.slice(0, 80)}...`)} (${id.length} characters)` : JSON.stringify(id)

/**
 * Which fields of the contract's backup model a backup the mock starts carries: from its start, from its end, or
 * none. A field the spec adds to the model fails typecheck here until someone decides, as `requestFieldUse` does
 * for request fields: set it in startManualBackup (or in settle, at the backup's end), or leave it out.
 */
export const startedBackupFields = {
  StartTime: 'from its start',
  BackupId: 'from its start',
  BackupType: 'from its start',
  Status: 'from its start',
  Remark: 'from its start',
  Locked: 'from its start',
  BackupSize: 'from its start',
  FullBackup: 'left out',
  InstanceType: 'left out',
  InstanceId: 'from its start',
  InstanceName: 'from its start',
  Region: 'from its start',
  EndTime: 'from its end',
  FileType: 'from its start',
  ExpireTime: 'from its start',
  Encrypted: 'left out',
} as const satisfies { [F in keyof Required<RedisBackupSet>]: 'from its start' | 'from its end' | 'left out' }

/**
 * The mock service's data: instances, their backups, locks and tasks. Time comes from the injected clock
 * and progress is settled lazily on each call, so a test moves backups along by advancing its clock.
 */
export class MockState {
  readonly #clock: Clock
  readonly #seeds: readonly InstanceSeed[]
  readonly #instances = new Map<string, Instance>()
  #pending: Pending[] = []
  #nextTaskId = firstTaskId
  /** How long a manual backup stays in progress (Status 1), in clock milliseconds. */
  backupDurationMs: number

  constructor(options: { clock: Clock; backupDurationMs: number; instances: readonly InstanceSeed[] }) {
    this.#clock = options.clock
    // Copies: reset() goes back to the seed as it was given, whatever the caller changes in its objects later.
    this.#seeds = options.instances.map(copySeed)
    this.backupDurationMs = options.backupDurationMs
    this.reset()
  }

  /** Back to the seed instances and backups; task ids start over. */
  reset(): void {
    this.#instances.clear()
    this.#pending = []
    this.#nextTaskId = firstTaskId
    for (const seed of this.#seeds) this.#add(seed)
  }

  /** Every instance as `seeds` has them instead of the current ones (task ids keep counting). */
  replaceInstances(seeds: readonly InstanceSeed[]): void {
    this.#instances.clear()
    this.#pending = []
    for (const seed of seeds) this.#add(seed)
  }

  /** Every instance with its backups and the running tasks, settled to the clock's time (copies). */
  snapshot(): { instances: InstanceSnapshot[]; tasks: TaskSnapshot[] } {
    this.settle()
    const now = this.#clock.now()
    const instances = [...this.#instances.values()].map(
      ({ seed, status, lockedUntilMs, backups }): InstanceSnapshot => ({
        InstanceId: seed.InstanceId,
        ...(seed.InstanceName === undefined ? {} : { InstanceName: seed.InstanceName }),
        ...(seed.Region === undefined ? {} : { Region: seed.Region }),
        status,
        lockedUntil: now < lockedUntilMs ? lockedUntilMs : null,
        backups: backups.entries().map((e) => copy(e.backup)),
      }),
    )
    const tasks = this.#pending
      .filter((p) => this.#instances.get(p.instance.seed.InstanceId) === p.instance)
      .map((p) => ({
        TaskId: p.taskId,
        InstanceId: p.instance.seed.InstanceId,
        BackupId: p.backupId,
        finishesAt: p.finishMs,
      }))
    return { instances, tasks }
  }

  /** Adds (or replaces) an instance; a seed that breaks the contract is refused whole with a TypeError. */
  addInstance(seed: InstanceSeed): void {
    checkedInJavaScript(() => checkInstanceSeed(seed, `instance ${String(seed?.InstanceId)}`))
    this.#add(copySeed(seed))
  }

  /** A seed already checked (the constructor's, once; the control plane's): reset() re-adds them unchecked. */
  #add(seed: InstanceSeed): void {
    const instance: Instance = {
      seed,
      status: seed.status ?? 'normal',
      lockedUntilMs: 0,
      backups: new BackupIndex(),
    }
    this.#instances.set(seed.InstanceId, instance)
    for (const b of seed.backups ?? []) this.#addBackup(seed.InstanceId, b)
  }

  removeInstance(instanceId: string): boolean {
    this.#pending = this.#pending.filter((p) => p.instance.seed.InstanceId !== instanceId)
    return this.#instances.delete(instanceId)
  }

  hasInstance(instanceId: string): boolean {
    return this.#instances.has(instanceId)
  }

  setInstanceStatus(instanceId: string, status: InstanceStatus): void {
    const instance = this.#instance(instanceId)
    if (status !== 'normal' && status !== 'abnormal')
      throw new TypeError(
        `[crs-kit/msw] an instance's status is "normal" or "abnormal", got ${JSON.stringify(status)}`,
      )
    instance.status = status
  }

  /** Lock an instance as a running task would (ManualBackupInstance then answers InstanceLockedError). */
  lockInstance(instanceId: string, durationMs: number): void {
    const now = this.#clock.now()
    checkedInJavaScript(() => checkLockMs(durationMs, now, 'lockInstance(id, durationMs): durationMs'))
    this.#instance(instanceId).lockedUntilMs = now + durationMs
  }

  isLocked(instanceId: string): boolean {
    this.settle()
    return this.#clock.now() < this.#instance(instanceId).lockedUntilMs
  }

  /**
   * Add a backup as is (its StartTime must be `YYYY-MM-DD HH:mm:ss`; its InstanceId, if it has one, the
   * instance's: it is listed under `instanceId` whatever it says; its Region, if both have one, the instance's).
   */
  addBackup(instanceId: string, backup: RedisBackupSet): void {
    const region = this.#instance(instanceId).seed.Region
    checkedInJavaScript(() => checkBackup(backup, `backup ${String(backup?.BackupId)}`, instanceId, region))
    this.#addBackup(instanceId, backup)
  }

  #addBackup(instanceId: string, backup: RedisBackupSet): void {
    const startMs = parseTcTime(backup.StartTime)
    if (startMs === undefined) {
      throw new TypeError(`[crs-kit/msw] backup ${backup.BackupId}: StartTime must be YYYY-MM-DD HH:mm:ss`)
    }
    if (typeof backup.InstanceId === 'string' && backup.InstanceId !== instanceId)
      throw new TypeError(
        `[crs-kit/msw] backup ${backup.BackupId}: InstanceId ${JSON.stringify(backup.InstanceId)} names another instance than ${JSON.stringify(instanceId)}, the one it is added to`,
      )
    const instance = this.#instance(instanceId)
    const region = instance.seed.Region
    if (typeof backup.Region === 'string' && region !== undefined && backup.Region !== region)
      throw new TypeError(
        `[crs-kit/msw] backup ${backup.BackupId}: Region ${JSON.stringify(backup.Region)} is not the region of instance ${JSON.stringify(instanceId)}, ${JSON.stringify(region)}`,
      )
    const index = instance.backups
    if (index.get(backup.BackupId))
      throw new TypeError(`[crs-kit/msw] backup ${backup.BackupId} already exists`)
    index.insert(copy(backup), startMs)
  }

  removeBackup(instanceId: string, backupId: string): boolean {
    return this.#instance(instanceId).backups.remove(backupId)
  }

  setBackupStatus(instanceId: string, backupId: string, status: RedisBackupSet['Status']): void {
    const { backups } = this.#instance(instanceId)
    const entry = backups.get(backupId)
    if (!entry) throw new TypeError(`[crs-kit/msw] instance ${instanceId} has no backup ${backupId}`)
    // The contract's rule for a backup, as seeds get it: a Status the service never sends (7) is refused.
    checkedInJavaScript(() => checkBackup({ ...entry.backup, Status: status }, 'backup', instanceId))
    backups.setStatus(backupId, status)
  }

  /** Every backup of the instance in listing order (copies; O(n), for assertions). */
  backups(instanceId: string): RedisBackupSet[] {
    this.settle()
    return this.#instance(instanceId)
      .backups.entries()
      .map((e) => copy(e.backup))
  }

  /**
   * ManualBackupInstance: start a backup that finishes `backupDurationMs` later, locking the instance meanwhile.
   * `region`, the call's, must be the instance's own (when it has one).
   */
  startManualBackup(
    instanceId: string,
    remark?: string,
    region?: string,
  ): { taskId: number; backup: RedisBackupSet } {
    this.settle()
    const instance = this.#existing(instanceId, region)
    if (instance.status === 'abnormal') {
      throw new MockApiError(
        'ResourceUnavailable.InstanceStatusAbnormal',
        `instance ${instanceId} is not running normally`,
      )
    }
    const now = this.#clock.now()
    if (now < instance.lockedUntilMs) {
      throw new MockApiError(
        'ResourceUnavailable.InstanceLockedError',
        `instance ${instanceId} is locked by a running task`,
      )
    }
    const backup: RedisBackupSet = {
      StartTime: formatTcTime(now),
      BackupId: randomId(),
      BackupType: '0',
      Status: 1,
      Remark: remark ?? '',
      Locked: 0,
      BackupSize: null,
      InstanceId: instanceId,
      InstanceName: instance.seed.InstanceName ?? instanceId,
      Region: instance.seed.Region ?? region ?? 'ap-guangzhou',
      FileType: 'RDB-Redis 6.2',
      ExpireTime: formatTcTime(now + weekMs),
    }
    const finishMs = now + this.backupDurationMs
    instance.backups.insert(backup, Math.floor(now / 1000) * 1000)
    instance.lockedUntilMs = finishMs
    const taskId = this.#nextTaskId++
    this.#pending.push({ instance, backupId: backup.BackupId, taskId, finishMs })
    this.#pending.sort((a, b) => a.finishMs - b.finishMs)
    return { taskId, backup: copy(backup) }
  }

  /** DescribeInstanceBackups: one page of the matches and the number of all matches. */
  listBackups(q: BackupQuery): { TotalCount: number; BackupSet: RedisBackupSet[] } {
    const { total, items } = this.#page(q)
    return { TotalCount: total, BackupSet: items.map((e) => copy(e.backup)) }
  }

  /** listBackups as the JSON of the service's answer, from the text each listed backup keeps. */
  listBackupsJson(q: BackupQuery): PreparedJson<ReturnType<MockState['listBackups']>> {
    const { total, items } = this.#page(q)
    return new PreparedJson(`{"TotalCount":${total},"BackupSet":[${items.map(recordJson).join(',')}]}`)
  }

  #page(q: BackupQuery): ReturnType<BackupIndex['query']> {
    this.settle()
    const instance = this.#existing(q.InstanceId, q.region)
    return instance.backups.query({
      beginMs: q.BeginTime === undefined ? undefined : parseTcTime(q.BeginTime),
      endMs: q.EndTime === undefined ? undefined : parseTcTime(q.EndTime),
      // `Status: []` in JSON means what the query form, which cannot carry an empty list, means: no filter.
      statuses: q.Status?.length ? q.Status : undefined,
      offset: q.offset,
      limit: q.limit,
    } satisfies IndexQuery)
  }

  /**
   * Finishes every backup whose end the clock has reached, and frees the lock its task held. Calls do it as they
   * come; the control plane also does it around a clock move, so that moving the clock back never undoes, or
   * half undoes, what moving it ahead finished.
   */
  settle(): void {
    const now = this.#clock.now()
    while (this.#pending.length > 0 && this.#pending[0]!.finishMs <= now) {
      const { instance, backupId, finishMs } = this.#pending.shift()!
      // The task's lock ends with it, even when the clock is later set back before finishMs (a lock from
      // lockInstance that ends at another time stays).
      if (instance.lockedUntilMs === finishMs) instance.lockedUntilMs = 0
      const entry = instance.backups.get(backupId)
      if (entry?.backup.Status !== 1) continue
      instance.backups.setStatus(backupId, 2)
      changeRecord(entry, { EndTime: formatTcTime(finishMs), BackupSize: 1_048_576 })
    }
  }

  #existing(instanceId: string, region: string | undefined): Instance {
    const instance = this.#instances.get(instanceId)
    const elsewhere =
      region !== undefined && instance?.seed.Region !== undefined && instance.seed.Region !== region
    if (!instance || elsewhere)
      throw new MockApiError(
        'ResourceNotFound.InstanceNotExists',
        // As the service, the code says it does not exist; the message tells a test author where it is.
        elsewhere
          ? `instance ${quotedId(instanceId)} does not exist in region ${region} (the mock has it in ${instance.seed.Region})`
          : `instance ${quotedId(instanceId)} does not exist`,
      )
    return instance
  }

  #instance(instanceId: string): Instance {
    const instance = this.#instances.get(instanceId)
    if (!instance) {
      const ids = [...this.#instances.keys()]
      const shown = ids.slice(0, 5).map((id) => JSON.stringify(id))
      throw new TypeError(
        `[crs-kit/msw] no instance ${JSON.stringify(instanceId)} in the mock state; it has ${
          ids.length ? shown.join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '') : 'none'
        } (state.addInstance adds one)`,
      )
    }
    return instance
  }
}
