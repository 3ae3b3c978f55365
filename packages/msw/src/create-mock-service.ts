import { type ActionName, formatTcTime, parseTcTime, type RedisBackupSet } from '@crs-kit/core'
import { checkedInJavaScript, checkInstanceSeeds } from './admin/check-instance-seed.ts'
import { isWholeMs } from './admin/check-times.ts'
import { CallLog, type CallRecord, callsFilterProblem } from './call-log.ts'
import type { HmacAdapter } from './crypto/hmac-adapter.ts'
import { webCryptoHmac } from './crypto/web-crypto-hmac.ts'
import { answerCall, dispatchCall, type dropConnection } from './dispatch-call.ts'
import { seedBackups, seedInstanceId } from './generated/fixtures.gen.ts'
import { checkKnownOptions } from './known-options.ts'
import type { MaybePromise } from './maybe-promise.ts'
import { type Clock, checkedClock, guardedClock, systemClock } from './mock-clock.ts'
import { type Override, OverrideRegistry } from './overrides.ts'
import type { WireRequest } from './protocol/read-call.ts'
import { RateLimiter } from './rate-limiter.ts'
import { shown } from './shown.ts'
import { type InstanceSeed, MockState } from './state/mock-state.ts'
import { type Credential, credentialsProblem, withheld } from './verify/credential.ts'

/** credentialsProblem, and a list that is not one or is empty: a mock with no key pair would refuse every call. */
const credentialsListProblem = (credentials: readonly Credential[]) =>
  !Array.isArray(credentials)
    ? `must be a list of { secretId, secretKey } pairs, got ${withheld(credentials)}`
    : credentials.length === 0
      ? 'the list is empty, so every call would be refused: give at least one key pair, or leave the option out'
      : credentialsProblem(credentials)

export interface MockServiceOptions {
  /** Verify signatures against these key pairs. Omitted: signatures are not checked. */
  credentials?: readonly Credential[] | undefined
  /** Seed state. Default: crs-5a4py64p holding the two backups of the seed sample. */
  instances?: readonly InstanceSeed[] | undefined
  /** Time for backup progress, locks, signature expiry and rate limits. Default: the system clock. */
  clock?: Clock | undefined
  /** The spec's per-action rate (20/s) on the mock clock. Default true; false disables it. */
  rateLimit?: boolean | undefined
  /** How long a manual backup stays in progress, in clock milliseconds. Default 5000. */
  backupDurationMs?: number | undefined
  /** Largest accepted body in bytes; larger ones get RequestSizeLimitExceeded. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** How many of the latest calls `calls()` keeps (older ones are dropped). Default 1000; 0 records none. */
  callLogSize?: number | undefined
  /** @internal The HMAC for v1 signatures; the Node server passes node:crypto. */
  hmac?: HmacAdapter | undefined
}

/** The mock service without any transport: the state machine and the protocol, as a fetch-style function. */
export interface MockService {
  readonly state: MockState
  readonly clock: Clock
  /** Answer one request; `dropConnection` means the transport should fail the connection. */
  handle(request: Request): Promise<Response | typeof dropConnection>
  /**
   * Make an action answer differently, for every call or the next few: an error code, a response, a
   * dropped connection, or a delay. Returns a function that removes it.
   * @example mock.override('ManualBackupInstance', { error: 'ResourceUnavailable.InstanceLockedError', once: true })
   */
  override<A extends ActionName>(action: A, override: Override<A>): () => void
  clearOverrides(): void
  /**
   * The latest calls that reached the service (at most `callLogSize`, oldest first), or only those naming
   * `action`: to count how often a client called, or what each call was answered.
   * @example expect(mock.calls('ManualBackupInstance')).toHaveLength(1)
   */
  calls(action?: ActionName): CallRecord[]
  /** Forget the calls recorded so far. */
  clearCalls(): void
  /** Seed state, no overrides, empty rate-limit windows, no recorded calls. The clock is the caller's and is left alone. */
  reset(): void
}

/**
 * The seed sample's instance and its two backups, in `region`. Each backup carries the fields the live service
 * sends beside the six the sample shows (as a finished manual backup of the mock has them), so that every row
 * of a listing has the same shape.
 */
export function seedInstances(region = 'ap-guangzhou'): InstanceSeed[] {
  const instance = { InstanceId: seedInstanceId, InstanceName: 'crs-seed', Region: region }
  const asListed = (backup: RedisBackupSet): RedisBackupSet => {
    const started = parseTcTime(backup.StartTime) ?? 0
    return {
      ...backup,
      BackupSize: 1_048_576,
      ...instance,
      EndTime: formatTcTime(started + 60_000),
      FileType: 'RDB-Redis 6.2',
      ExpireTime: formatTcTime(started + 7 * 24 * 3600 * 1000),
    }
  }
  return [{ ...instance, backups: seedBackups.map(asListed) }]
}

/**
 * The default seed, as every mock of the process starts from it: frozen, so that a test changing it cannot change
 * the others' (take `seedInstances()` for a copy to change).
 */
export const defaultInstances: readonly InstanceSeed[] = deepFreeze(seedInstances())
// What seedInstances() builds every copy from, exported as the seed sample: frozen for the same reason.
deepFreeze(seedBackups)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** Every option of MockServiceOptions (the type checker keeps the list whole), `hmac` aside: it is internal. */
const serviceOptions = {
  credentials: true,
  instances: true,
  clock: true,
  rateLimit: true,
  backupDurationMs: true,
  maxBodyBytes: true,
  callLogSize: true,
} as const satisfies Record<keyof Omit<MockServiceOptions, 'hmac'>, true>

/** The public options createMockService(), createHandlers() and startMockServer() share. */
export const serviceOptionNames: readonly string[] = Object.keys(serviceOptions)

export function createMockService(options: MockServiceOptions = {}): MockService {
  checkKnownOptions('createMockService', options, serviceOptionNames, ['hmac'])
  return createMockServiceCore(options).service
}

/**
 * @internal The service plus `answer`: handle's result as the envelope's JSON text, from a request that
 * need not be a fetch Request. crs-mock's transport uses it; everything else goes through `handle`.
 */
export function createMockServiceCore(options: MockServiceOptions = {}): {
  service: MockService
  answer(request: WireRequest): MaybePromise<string | typeof dropConnection>
  overrides: OverrideRegistry
  log: CallLog | undefined
} {
  const callLogSize = options.callLogSize ?? 1000
  if (!(Number.isSafeInteger(callLogSize) && callLogSize >= 0))
    throw new TypeError(`[crs-kit/msw] callLogSize must be an integer >= 0, got ${shown(callLogSize)}`)
  const backupDurationMs = options.backupDurationMs ?? 5000
  // A string (from an environment variable, say) would be concatenated to the clock's time: the backup would
  // never finish and the instance stay locked. A fraction would show in the state as no time the mock keeps does,
  // as for the control plane's lockMs (and the CLI's --backup-duration-ms).
  if (!isWholeMs(backupDurationMs))
    throw new TypeError(
      `[crs-kit/msw] backupDurationMs must be a whole number of milliseconds >= 0, got ${shown(backupDurationMs)}`,
    )
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  if (!(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0))
    throw new TypeError(
      `[crs-kit/msw] maxBodyBytes must be an integer number of bytes >= 0, got ${shown(maxBodyBytes)}`,
    )
  const clock = options.clock === undefined ? systemClock : checkedClock(options.clock)
  // What the service reads on every call: a clock of yours that breaks later is answered InternalError, not taken.
  const time = clock === systemClock ? clock : guardedClock(clock)
  const state = new MockState({
    clock: time,
    backupDurationMs,
    // Checked once here (reset() re-adds them as they are), with the control plane's checks.
    instances:
      options.instances === undefined
        ? defaultInstances
        : checkedInJavaScript(() => checkInstanceSeeds(options.instances, 'instances')),
  })
  const overrides = new OverrideRegistry()
  if (options.rateLimit !== undefined && typeof options.rateLimit !== 'boolean')
    throw new TypeError(
      `[crs-kit/msw] rateLimit must be true or false (false turns the per-action limit off), got ${shown(options.rateLimit)}`,
    )
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(time)
  // Only a left-out option means no checks: a null, '' or 0 (an unset variable passed on) is refused, not read as off.
  const problem = options.credentials !== undefined && credentialsListProblem(options.credentials)
  if (problem) throw new TypeError(`[crs-kit/msw] credentials: ${problem}`)
  const credentials = options.credentials && new Map(options.credentials.map((c) => [c.secretId, c]))
  const resets = { count: 0, held: new Set<() => void>() }
  const log = callLogSize > 0 ? new CallLog(callLogSize) : undefined
  const deps = {
    log,
    state,
    clock: time,
    credentials,
    resets,
    limiter,
    overrides,
    hmac: options.hmac ?? webCryptoHmac,
    maxBodyBytes,
  }
  return {
    service: {
      state,
      clock,
      handle: (request) => dispatchCall(request, deps),
      override: (action, override) => overrides.add(action, override),
      clearOverrides: () => overrides.clear(),
      calls(action) {
        const problem = callsFilterProblem(action, 'calls() without it')
        if (problem) throw new TypeError(`[crs-kit/msw] calls(): ${problem}`)
        return log?.records(action) ?? []
      },
      clearCalls: () => log?.clear(),
      reset() {
        resets.count++
        // A call an override holds back is answered now (it does not run), not into the next test.
        for (const release of [...resets.held]) release()
        state.reset()
        overrides.clear()
        limiter?.reset()
        log?.clear()
      },
    },
    answer: (request) => answerCall(request, deps),
    overrides,
    log,
  }
}
