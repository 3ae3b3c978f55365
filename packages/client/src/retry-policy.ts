import { refusedErrorCodes, transientErrorCodes } from '@crs-kit/core'
import {
  AbortError,
  type CrsKitError,
  NetworkError,
  ResponseError,
  TencentCloudError,
  TimeoutError,
} from './errors.ts'

/** Codes the spec marks as refused before the action ran (rate limits, expired signatures). */
export const REFUSED_CODES: ReadonlySet<string> = new Set(refusedErrorCodes)
/** Codes the spec marks as worth retrying for an idempotent action. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(transientErrorCodes)

/**
 * A code of one of these families: the code itself or one of its sub-codes (`InternalError.DbOperationFailed`
 * is an `InternalError`), as Tencent names codes `Category.Detail`.
 */
export function inFamily(codes: ReadonlySet<string>, code: string): boolean {
  const dot = code.indexOf('.')
  return codes.has(code) || (dot > 0 && codes.has(code.slice(0, dot)))
}

/** What to do after a failed attempt: try again, give up with the error, or report an unknown outcome. */
export type RetryDecision = 'retry' | 'fail' | 'outcome-unknown'

/**
 * Any action is retried when the failure proves nothing ran: a refused code, a connection that never
 * reached the server, or an HTTP 429 page from a gateway. An idempotent action is also retried on
 * transient codes, 5xx pages, resets and timeouts. A non-idempotent action that may have reached the
 * server is never re-sent: its outcome is unknown unless the service answered with an error that says it did not
 * run. A transient code (`InternalError`, `ServiceUnavailable` and their sub-codes) does not say so: the service
 * failed somewhere inside, maybe after the action took effect, as a gateway's 5xx page may. An abort is never
 * retried.
 */
export function retryDecision(
  error: CrsKitError,
  idempotent: boolean,
  mayHaveReachedServer: boolean,
): RetryDecision {
  if (error instanceof TencentCloudError) {
    if (inFamily(REFUSED_CODES, error.code)) return 'retry'
    if (!inFamily(TRANSIENT_CODES, error.code)) return 'fail'
    return idempotent ? 'retry' : 'outcome-unknown'
  }
  if (error instanceof ResponseError) {
    if (error.status === 429) return 'retry'
    if (idempotent) return error.status >= 500 ? 'retry' : 'fail'
    // A 4xx page came from something in front of the service that refused the call; a 2xx or 5xx
    // page may have come after the action ran.
    return error.status >= 400 && error.status < 500 ? 'fail' : 'outcome-unknown'
  }
  // The caller's abort ends the call, but when it cut off a request that may have reached the server the
  // outcome of a non-idempotent action is still unknown.
  if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof AbortError) {
    if (!mayHaveReachedServer || idempotent) return error instanceof AbortError ? 'fail' : 'retry'
    return 'outcome-unknown'
  }
  return 'fail'
}
