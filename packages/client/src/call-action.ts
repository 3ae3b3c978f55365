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
import type { HttpResponse, Transport } from './transport.ts'

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

type Attempt = { response: HttpResponse } | { error: CrsKitError; mayHaveReachedServer: boolean }

/** Validates, signs, sends and reads one action, retrying only where it is safe (see retryDecision). */
export async function callAction<A extends ActionName>(
  ctx: CallContext,
  action: A,
  input: ActionTypes[A]['request'],
  options: CallOptions = {},
): Promise<ActionTypes[A]['response']> {
  const issues = validateRequest(action, input)
  if (issues.length > 0) throw new ValidationError(action, issues)
  const { signal } = options
  const aborted = () => new AbortError(action, signal?.reason)
  const body = JSON.stringify(input)
  const idempotent: boolean = actions[action].idempotent
  const timeoutMs = options.timeoutMs ?? ctx.timeoutMs
  let skewCorrected = false

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted()
    const credentials = await ctx.credentials()
    await ctx
      .limiter(action)
      ?.take(signal)
      .catch(() => Promise.reject(aborted()))
    const startedAt = Date.now()
    const request = await signedRequest({
      action,
      region: ctx.region,
      language: ctx.language,
      endpoint: ctx.endpoint,
      credentials,
      timestamp: ctx.clock.timestamp(),
      body,
      fresh: !idempotent,
    })
    const result = await attemptOnce(ctx.transport, action, request, timeoutMs, signal)

    let error: CrsKitError
    let mayHaveReachedServer = true
    if ('response' in result) {
      const outcome = readEnvelope(action, result.response)
      if (outcome.kind === 'ok') return outcome.value
      error = outcome.error
      if (error instanceof TencentCloudError && error.code === 'AuthFailure.SignatureExpire') {
        // Our clock is off, not the call: correct it from the server's Date and try again once,
        // outside the retry budget. Without a usable Date a plain retry would fail the same way.
        if (skewCorrected || !ctx.clock.adjust(result.response.date)) throw error
        skewCorrected = true
        attempt--
        continue
      }
    } else {
      ;({ error, mayHaveReachedServer } = result)
      if (error instanceof AbortError) {
        if (idempotent || !mayHaveReachedServer) throw error
        throw new OutcomeUnknownError(
          action,
          outcomeCheck(action, input as Record<string, unknown>, startedAt),
          error,
        )
      }
    }

    const decision = retryDecision(error, idempotent, mayHaveReachedServer)
    if (decision === 'outcome-unknown') {
      throw new OutcomeUnknownError(
        action,
        outcomeCheck(action, input as Record<string, unknown>, startedAt),
        error,
      )
    }
    if (decision === 'fail' || attempt >= ctx.maxAttempts) throw error
    await abortableSleep(backoffDelay(attempt - 1, ctx.backoff.baseMs, ctx.backoff.maxMs), signal).catch(() =>
      Promise.reject(aborted()),
    )
  }
}

/** One attempt under its own timeout; failures come back as values so the caller can classify them. */
async function attemptOnce(
  transport: Transport,
  action: ActionName,
  request: Parameters<Transport>[0],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const combined = signal ? anySignal(signal, timeout.signal) : timeout.signal
  try {
    return { response: await transport(request, combined) }
  } catch (cause) {
    const reached = cause instanceof NetworkError ? cause.mayHaveReachedServer : true
    if (signal?.aborted)
      return { error: new AbortError(action, signal.reason), mayHaveReachedServer: reached }
    if (timeout.signal.aborted)
      return { error: new TimeoutError(action, timeoutMs), mayHaveReachedServer: reached }
    if (cause instanceof NetworkError) {
      // Re-created to name the action: the transport does not know it.
      const error = new NetworkError(`${action}: ${cause.message}`, {
        code: cause.code,
        mayHaveReachedServer: reached,
        action,
        cause: cause.cause,
      })
      return { error, mayHaveReachedServer: reached }
    }
    throw cause
  } finally {
    clearTimeout(timer)
  }
}
