import { type ActionName, type ActionTypes, actionPolicies, validateRequest } from '@crs-kit/core'
import { abortableSleep, untilAborted } from './abortable-sleep.ts'
import { backoffDelay, retryAfterMs } from './backoff-delay.ts'
import { type CallOptions, callOptions } from './call-options.ts'
import type { ClockOffset } from './clock-offset.ts'
import type { Endpoint } from './endpoint.ts'
import {
  AbortError,
  ConfigurationError,
  CrsKitError,
  NetworkError,
  OutcomeUnknownError,
  TencentCloudError,
  TimeoutError,
  ValidationError,
} from './errors.ts'
import { onAbort } from './on-abort.ts'
import { outcomeCheck } from './outcome-check.ts'
import { positiveOption } from './positive-option.ts'
import type { TakeTurn } from './rate-limiter.ts'
import { readEnvelope } from './read-envelope.ts'
import type { Credentials, Language } from './redis-client-options.ts'
import { retryDecision } from './retry-policy.ts'
import { signedRequest } from './signed-request.ts'
import type { HttpResponse, Transport } from './transport.ts'

/** Everything a call needs from its client. */
export interface CallContext {
  region: string
  language: Language | undefined
  endpoint: Endpoint
  credentials: () => Credentials | Promise<Credentials>
  transport: Transport
  clock: ClockOffset
  limiter: (action: ActionName) => TakeTurn | undefined
  timeoutMs: number
  maxAttempts: number
  backoff: { baseMs: number; maxMs: number }
}

/** A JSON.stringify replacer that leaves out object fields set to null (array items stay). */
function withoutNullFields(this: unknown, _key: string, value: unknown): unknown {
  return value === null && !Array.isArray(this) ? undefined : value
}

/** Validates, signs, sends and reads one action, retrying only where it is safe (see retryDecision). */
export async function callAction<A extends ActionName>(
  ctx: CallContext,
  action: A,
  input: ActionTypes[A]['request'],
  options?: CallOptions,
): Promise<ActionTypes[A]['response']> {
  const { signal, timeoutMs: callTimeoutMs } = callOptions(action, options)
  if (signal != null && typeof signal.addEventListener !== 'function')
    throw new ConfigurationError(`${action}: signal must be an AbortSignal`)
  const timeoutMs = positiveOption(`${action}: timeoutMs`, callTimeoutMs, ctx.timeoutMs)
  const issues = validateRequest(action, input)
  if (issues.length > 0) throw new ValidationError(action, issues)
  const aborted = () => new AbortError(action, signal?.reason)
  // The waits (rate limiter, backoff) reject with the signal's reason: the call ends with an AbortError.
  const abortable = <T>(wait: Promise<T> | undefined) =>
    wait?.catch((): Promise<T> => Promise.reject(aborted()))
  let body = JSON.stringify(input)
  // Validation reads a field set to null as absent, so the service must not see it either.
  if (body.includes('null')) body = JSON.stringify(input, withoutNullFields)
  // Read per call from the spec's x-tc-idempotent, never from the action's name.
  const { idempotent } = actionPolicies[action]
  let skewCorrected = false

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted()
    // The limiter counts this attempt until it ends: `done` in the finally below (told whether it was sent).
    const done = await abortable(ctx.limiter(action)?.(signal))
    // On the server's clock as far as we know it: the check's BeginTime is compared with the StartTime it stamps.
    const startedAt = ctx.clock.now()
    const unknownOutcome = (cause: CrsKitError, attempts: number) =>
      new OutcomeUnknownError(
        action,
        outcomeCheck(action, input as Record<string, unknown>, startedAt),
        cause,
        attempts,
      )
    // One controller per attempt, aborted by the caller's signal or the timeout, whichever comes first.
    const controller = new AbortController()
    const abort = () => controller.abort()
    const timer = setTimeout(abort, timeoutMs)
    const stopListening = signal && onAbort(signal, abort)
    // Aborted while the limiter was awaited: a listener added now would never hear it.
    if (signal?.aborted) abort()
    let response: HttpResponse | undefined
    let error: CrsKitError
    // Until the transport has the request, nothing can have reached the server.
    let reached = false
    let credentials: Credentials | undefined
    try {
      // A provider that hangs ends with the caller's signal or the timeout, as the request would.
      const source = ctx.credentials()
      credentials = source instanceof Promise ? await untilAborted(source, controller.signal) : source
      const request = await signedRequest(ctx, action, credentials, body, !idempotent)
      if (controller.signal.aborted) throw controller.signal.reason
      reached = true
      response = await ctx.transport(request, controller.signal)
    } catch (cause) {
      if (cause instanceof NetworkError) reached = cause.mayHaveReachedServer
      if (signal?.aborted) error = aborted()
      else if (controller.signal.aborted)
        error = new TimeoutError(
          action,
          timeoutMs,
          credentials ? '' : ' waiting for the credentials provider (nothing was sent)',
        )
      else if (cause instanceof NetworkError) error = cause
      else throw cause
    } finally {
      clearTimeout(timer)
      stopListening?.()
      done?.(reached)
    }
    // The provider did not answer within the timeout: asking it again would only pile up waits on it.
    if (!credentials) throw error!

    if (response) {
      const outcome = readEnvelope(action, response)
      if (!(outcome instanceof CrsKitError)) return outcome
      error = outcome
      if (error instanceof TencentCloudError && error.code === 'AuthFailure.SignatureExpire') {
        // Our clock is off, not the call: correct it from the server's Date and try again once,
        // outside the retry budget. Without a usable Date a plain retry would fail the same way.
        if (skewCorrected || !ctx.clock.adjust(response.date)) throw error
        skewCorrected = true
        attempt--
        continue
      }
    }

    const decision = retryDecision(error!, idempotent, reached)
    if (decision !== 'retry' || attempt >= ctx.maxAttempts) {
      if (decision === 'outcome-unknown') throw unknownOutcome(error!, attempt)
      // Said after retries: a 60 s time-out that took three minutes would puzzle. The service's messages stay its own.
      if (attempt > 1 && !(error! instanceof TencentCloudError)) error!.message += ` (${attempt} attempts)`
      throw error!
    }
    // A gateway's Retry-After (429, 503) is honoured up to backoff.maxMs, never below the usual backoff.
    const { baseMs, maxMs } = ctx.backoff
    // The service counts calls per second: after RequestLimitExceeded, a retry within the second is refused too.
    const throttled = error! instanceof TencentCloudError && error.code.startsWith('RequestLimitExceeded')
    const hinted = Math.min(
      Math.max(retryAfterMs(response?.retryAfter, Date.now()), throttled ? 1000 : 0),
      maxMs,
    )
    await abortable(abortableSleep(Math.max(hinted, backoffDelay(attempt - 1, baseMs, maxMs)), signal))
  }
}
