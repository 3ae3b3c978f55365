import { type ActionName, actions, service, validateRequest } from '@crs-kit/core'
import { actionImplementations, requestFieldUse } from './action-implementations.ts'
import type { CallContext } from './call-context.ts'
import type { CallLog, CallNote } from './call-log.ts'
import type { HmacAdapter } from './crypto/hmac-adapter.ts'
import { envelopeResponse, errorEnvelope, resultEnvelope, successEnvelope } from './envelope.ts'
import { ignoredFieldWarning } from './ignored-fields.ts'
import type { MaybePromise } from './maybe-promise.ts'
import { MockApiError } from './mock-api-error.ts'
import type { Clock } from './mock-clock.ts'
import type { OverrideRegistry } from './overrides.ts'
import { checkCommonParameters } from './protocol/check-common-parameters.ts'
import { type CallError, type IncomingCall, isCallError } from './protocol/incoming-call.ts'
import { queryInput } from './protocol/query-input.ts'
import { readCall, type WireRequest } from './protocol/read-call.ts'
import { randomId } from './random-id.ts'
import type { RateLimiter } from './rate-limiter.ts'
import type { MockState } from './state/mock-state.ts'
import { authenticate } from './verify/authenticate.ts'
import type { Credential } from './verify/credential.ts'

/** Answer with a dropped connection (msw: `HttpResponse.error()`; crs-mock: a destroyed socket). */
export const dropConnection: unique symbol = Symbol('crs-kit/msw: drop the connection')

export interface DispatchDeps {
  state: MockState
  clock: Clock
  /** Undefined: signatures are not checked. */
  credentials: ReadonlyMap<string, Credential> | undefined
  limiter: RateLimiter | undefined
  overrides: OverrideRegistry
  hmac: HmacAdapter
  maxBodyBytes: number
  /**
   * How many times the service was reset, and the delays now holding calls back: reset() ends them at once, and a
   * call held back across a reset does not run.
   */
  resets: { count: number; held: Set<() => void> }
  /** Undefined: calls are not recorded. */
  log: CallLog | undefined
}

/** Waits `ms`, or until the service is reset (which calls every function in `held`). */
const hold = (ms: number, held: Set<() => void>) =>
  new Promise<void>((resolve) => {
    const release = () => {
      clearTimeout(timer)
      held.delete(release)
      resolve()
    }
    const timer = setTimeout(release, ms)
    held.add(release)
  })

/**
 * One call through the service's stages, in the order the service applies them: protocol, signature,
 * action and version, region, per-test override, rate limit, validation, the action itself. Every outcome
 * is the Tencent envelope with HTTP 200; an unexpected failure becomes InternalError, never a 500.
 */
export async function dispatchCall(
  request: WireRequest,
  deps: DispatchDeps,
): Promise<Response | typeof dropConnection> {
  const answer = await answerCall(request, deps)
  if (answer === dropConnection) return answer
  let now: number
  try {
    now = deps.clock.now()
  } catch {
    // The answer says what failed (InternalError, if the clock did): date it by the system's time.
    now = Date.now()
  }
  return envelopeResponse(answer, now)
}

type Answer = string | typeof dropConnection

/**
 * dispatchCall's answer as the envelope's JSON text (always sent with HTTP 200 and application/json),
 * for a transport that writes it itself: crs-mock, which need not build a fetch Response per call.
 * Synchronous when every stage is (a body already read, node:crypto, no delay override).
 */
export function answerCall(request: WireRequest, deps: DispatchDeps): MaybePromise<Answer> {
  const requestId = randomId()
  const log = deps.log
  if (log === undefined) return answerRead(request, deps, requestId, undefined)
  let time: number
  try {
    time = deps.clock.now()
  } catch (e) {
    return failure(e, requestId)
  }
  const note: CallNote = { time, requestId, action: null, region: null }
  const answer = answerRead(request, deps, requestId, note)
  if (!(answer instanceof Promise)) return log.add(note, answer)
  const generation = log.generation
  return answer.then((a) => log.add(note, a, generation))
}

function answerRead(
  request: WireRequest,
  deps: DispatchDeps,
  requestId: string,
  note: CallNote | undefined,
): MaybePromise<Answer> {
  try {
    const call = readCall(request, deps.maxBodyBytes)
    return call instanceof Promise
      ? call.then(
          (c) => afterRead(noted(c, note), deps, requestId),
          (e) => failure(e, requestId),
        )
      : afterRead(noted(call, note), deps, requestId)
  } catch (e) {
    return failure(e, requestId)
  }
}

/** The call, its action and region copied into the log's note as received (even ones the service refuses). */
function noted(call: IncomingCall | CallError, note: CallNote | undefined): IncomingCall | CallError {
  if (note !== undefined && !isCallError(call)) {
    note.action = call.action ?? null
    note.region = call.region ?? null
  }
  return call
}

const error = (code: string, message: string, requestId: string) => errorEnvelope(code, message, requestId)

/** The answer to an exception: a MockApiError's code, InternalError (logged) for anything else. */
function failure(e: unknown, requestId: string): string {
  if (e instanceof MockApiError) return error(e.code, e.message, requestId)
  console.error('[crs-kit/msw] the mock failed on a request; answering InternalError', e)
  return error('InternalError', 'internal error of the mock service', requestId)
}

/** `answer` and its continuation if it is a Promise, its failure answered as failure() does. */
function guard(answer: MaybePromise<Answer>, requestId: string): MaybePromise<Answer> {
  return answer instanceof Promise ? answer.catch((e) => failure(e, requestId)) : answer
}

function afterRead(
  call: IncomingCall | CallError,
  deps: DispatchDeps,
  requestId: string,
): MaybePromise<Answer> {
  try {
    if (isCallError(call)) return error(call.code, call.message, requestId)
    const now = deps.clock.now()
    if (!deps.credentials) return afterAuth(call, undefined, now, deps, requestId)
    const auth = authenticate(call, {
      credentials: deps.credentials,
      now,
      maxSkewSeconds: service.maxClockSkewSeconds,
      hmac: deps.hmac,
    })
    if (auth instanceof Promise) {
      return guard(
        auth.then((a) => afterAuth(call, a, now, deps, requestId)),
        requestId,
      )
    }
    return guard(afterAuth(call, auth, now, deps, requestId), requestId)
  } catch (e) {
    return failure(e, requestId)
  }
}

function afterAuth(
  call: IncomingCall,
  auth: { secretId: string } | CallError | undefined,
  now: number,
  deps: DispatchDeps,
  requestId: string,
): MaybePromise<Answer> {
  if (auth && isCallError(auth)) return error(auth.code, auth.message, requestId)
  if ('unreadable' in call.input)
    return error(call.input.unreadable.code, call.input.unreadable.message, requestId)
  const secretId = auth?.secretId
  const common = checkCommonParameters(call)
  if (isCallError(common)) return error(common.code, common.message, requestId)
  const { action, region } = common

  const override = deps.overrides.take(action)
  if (override === undefined) return perform(call, action, region, secretId, now, deps, requestId)
  // By value, not `in`: the registry has checked that at most one of these is given (not undefined).
  const answer = (): Answer => {
    if (override.networkError) return dropConnection
    if (override.error !== undefined)
      return error(
        override.error,
        override.message ?? `${override.error} (forced by a test override)`,
        requestId,
      )
    if (override.response !== undefined) return successEnvelope(override.response, requestId)
    return perform(call, action, region, secretId, now, deps, requestId)
  }
  if (!override.delayMs) return answer()
  const resets = deps.resets.count
  // A call still held back when its test ends (reset) must not change the next test's state.
  return hold(override.delayMs, deps.resets.held).then(() =>
    deps.resets.count === resets
      ? answer()
      : // A code no client retries: a retried call would run in the next test.
        error(
          'UnsupportedOperation',
          'the mock was reset while a delay override held this call back; it did not run',
          requestId,
        ),
  )
}

function perform(
  call: IncomingCall,
  action: ActionName,
  region: string,
  secretId: string | undefined,
  now: number,
  deps: DispatchDeps,
  requestId: string,
): string {
  const policy = actions[action]
  if (deps.limiter && !deps.limiter.take(`${action}\n${secretId ?? ''}`, policy.rateLimitPerSecond)) {
    return error(
      'RequestLimitExceeded',
      `more than ${policy.rateLimitPerSecond} ${action} calls per second`,
      requestId,
    )
  }
  const input =
    'json' in call.input
      ? call.input.json
      : 'pairs' in call.input
        ? queryInput(action, call.input.pairs)
        : undefined
  const issues = validateRequest(action, input)
  const first = issues[0]
  if (first) {
    // The service answers one code; the message names the other problems too (three at most), so that a test
    // author fixing the first does not meet the next one call later.
    const also = issues.slice(1, 4).map((issue) => issue.message)
    if (issues.length > 4) also.push(`${issues.length - 4} more`)
    return error(
      first.code,
      also.length ? `${first.message} (also: ${also.join('; ')})` : first.message,
      requestId,
    )
  }

  warnIgnoredFields(action, input)
  const ctx: CallContext = { state: deps.state, now, region, requestId, secretId }
  return resultEnvelope(run(action, input, ctx), requestId)
}

const warnIgnoredFields = ignoredFieldWarning(requestFieldUse)

function run(action: ActionName, input: unknown, ctx: CallContext): object {
  // validateRequest has just proved `input` matches the action's request type.
  const implementation = actionImplementations[action] as (input: unknown, ctx: CallContext) => object
  return implementation(input, ctx)
}
