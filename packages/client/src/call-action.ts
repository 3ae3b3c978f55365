import { type ActionName, type ActionTypes, actions, validateRequest } from '@crs-kit/core'
import { abortableSleep } from './abortable-sleep.ts'
import { anySignal } from './any-signal.ts'
import { backoffDelay } from './backoff-delay.ts'
import type { CallOptions } from './call-options.ts'
import type { ClockOffset } from './clock-offset.ts'
import type { Endpoint } from './endpoint.ts'
import {
  AbortError,
  type CrsKitError,
  NetworkError,
  OutcomeUnknownError,
  TencentCloudError,
  TimeoutError,
  ValidationError,
} from './errors.ts'
import { outcomeCheck } from './outcome-check.ts'
import { readEnvelope } from './read-envelope.ts'
import type { Credentials, Language } from './redis-client-options.ts'
import { retryDecision } from './retry-policy.ts'
import { signedRequest } from './signed-request.ts'
import type { TokenBucket } from './token-bucket.ts'
import type { HttpRequest, HttpResponse, Transport } from './transport.ts'

/** Everything a call needs from its client. */
export interface CallContext {
  region: string
  language: Language | undefined
  endpoint: Endpoint
  credentials: () => Promise<Credentials>
  transport: Transport
  clock: ClockOffset
  limiter: (action: ActionName) => TokenBucket | undefined
  timeoutMs: number
  maxAttempts: number
  backoff: { baseMs: number; maxMs: number }
}

/** A response, or the failure and whether the request may have reached the server. */
type Attempt = HttpResponse | [error: CrsKitError, mayHaveReachedServer: boolean]

/** Validates, signs, sends and reads one action, retrying only where it is safe (see retryDecision). */
export async function callAction<A extends ActionName>(
  ctx: CallContext,
  action: A,
  input: ActionTypes[A]['request'],
  { signal, timeoutMs = ctx.timeoutMs }: CallOptions = {},
): Promise<ActionTypes[A]['response']> {
  const issues = validateRequest(action, input)
  if (issues.length > 0) throw new ValidationError(action, issues)
  const aborted = () => new AbortError(action, signal?.reason)
  // The waits (rate limiter, backoff) reject with the signal's reason: the call ends with an AbortError.
  const abortable = (wait: Promise<void> | undefined) => wait?.catch(() => Promise.reject(aborted()))
  const body = JSON.stringify(input)
  // Read per call from the action table (the spec's x-tc-idempotent), never from the action's name.
  const idempotent: boolean = actions[action].idempotent
  let skewCorrected = false

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted()
    const credentials = await ctx.credentials()
    await abortable(ctx.limiter(action)?.take(signal))
    const startedAt = Date.now()
    const request = await signedRequest(ctx, action, credentials, body, !idempotent)
    const result = await attemptOnce(ctx.transport, action, request, timeoutMs, signal)
    const unknownOutcome = (cause: CrsKitError) =>
      new OutcomeUnknownError(
        action,
        outcomeCheck(action, input as Record<string, unknown>, startedAt),
        cause,
      )

    let error: CrsKitError
    let mayHaveReachedServer = true
    if (Array.isArray(result)) {
      ;[error, mayHaveReachedServer] = result
      if (error instanceof AbortError)
        throw idempotent || !mayHaveReachedServer ? error : unknownOutcome(error)
    } else {
      const outcome = readEnvelope(action, result)
      if (outcome.kind === 'ok') return outcome.value
      error = outcome.error
      if (error instanceof TencentCloudError && error.code === 'AuthFailure.SignatureExpire') {
        // Our clock is off, not the call: correct it from the server's Date and try again once,
        // outside the retry budget. Without a usable Date a plain retry would fail the same way.
        if (skewCorrected || !ctx.clock.adjust(result.date)) throw error
        skewCorrected = true
        attempt--
        continue
      }
    }

    const decision = retryDecision(error, idempotent, mayHaveReachedServer)
    if (decision === 'outcome-unknown') throw unknownOutcome(error)
    if (decision === 'fail' || attempt >= ctx.maxAttempts) throw error
    await abortable(abortableSleep(backoffDelay(attempt - 1, ctx.backoff.baseMs, ctx.backoff.maxMs), signal))
  }
}

/** One attempt under its own timeout; failures come back as values so the caller can classify them. */
async function attemptOnce(
  transport: Transport,
  action: ActionName,
  request: HttpRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  try {
    return await transport(request, signal ? anySignal(signal, timeout.signal) : timeout.signal)
  } catch (cause) {
    const reached = cause instanceof NetworkError ? cause.mayHaveReachedServer : true
    if (signal?.aborted) return [new AbortError(action, signal.reason), reached]
    if (timeout.signal.aborted) return [new TimeoutError(action, timeoutMs), reached]
    if (!(cause instanceof NetworkError)) throw cause
    // Re-created to name the action: the transport does not know it.
    const { code, message } = cause
    return [
      new NetworkError(`${action}: ${message}`, {
        code,
        mayHaveReachedServer: reached,
        action,
        cause: cause.cause,
      }),
      reached,
    ]
  } finally {
    clearTimeout(timer)
  }
}
