import type { ActionName } from '@crs-kit/core'

/** One signed API call on the wire: always `POST /` with a JSON body. */
export interface HttpRequest {
  /** The action called, named in a NetworkError's message. */
  action: ActionName
  url: string
  headers: Record<string, string>
  body: string
  /** Use a new connection rather than a pooled one (non-idempotent calls: a stale pooled socket would make the outcome unknown). */
  fresh?: boolean
}

export interface HttpResponse {
  status: number
  /** The `Date` header, for clock-skew correction. */
  date: string | null
  /** The `Retry-After` header of a gateway's 429 or 503, if any. */
  retryAfter?: string | null | undefined
  /** The `Location` header of a 3xx, which is not followed: the error names where it pointed. */
  location?: string | null | undefined
  body: string
}

/**
 * Sends one request. Rejects with a NetworkError of the request's action (aborts included, code `ABORT_ERR`),
 * whose `mayHaveReachedServer` is false only when the request provably never left.
 */
export type Transport = (request: HttpRequest, signal: AbortSignal) => Promise<HttpResponse>

/** System error codes that prove the request never reached the server. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
])

/** The system error code of an error or of its causes (undici nests it: TypeError('fetch failed').cause.code). */
export function systemCode(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code
    if ((e as { name?: unknown }).name === 'AbortError') return 'ABORT_ERR'
  }
  return undefined
}
