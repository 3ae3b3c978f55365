import { type ActionName, type ActionTypes, isRecord, ResponseShapeError, readResponse } from '@crs-kit/core'
import { ResponseError, TencentCloudError } from './errors.ts'
import type { HttpResponse } from './transport.ts'

/**
 * Reads `{"Response": {...}}` into the action's response, or the error it stands for (returned, not thrown).
 * An `Error` inside is the service's answer whatever the status (the service sends errors with 200, and a
 * gateway may forward them with another); a 2xx success is read leniently by core; anything else (HTML
 * pages, truncated or empty JSON, a 5xx) is a ResponseError.
 */
export function readEnvelope<A extends ActionName>(
  action: A,
  { status, body, location }: HttpResponse,
): ActionTypes[A]['response'] | TencentCloudError<A> | ResponseError {
  const unreadable = (problem: string, requestId?: string, cause?: unknown) =>
    new ResponseError({ action, status, body, problem, requestId, cause })
  // A 3xx, or status 0: a browser's opaque answer to a redirect it was told not to follow (it hides the Location).
  const redirect = !status || (status > 299 && status < 400)
  let response: unknown
  try {
    // A byte order mark before the JSON (some proxies add one) is not part of it.
    response = JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body)?.Response
  } catch (cause) {
    if (!redirect) return unreadable(body.trim() ? 'not JSON' : 'an empty body', undefined, cause)
  }
  const requestId =
    isRecord(response) && typeof response.RequestId === 'string' ? response.RequestId : undefined
  if (redirect) {
    // Where it pointed, without a user:password, query or fragment (a portal's session), and not at any length.
    const to = location
      ?.replace(/[?#].*/s, '')
      .replace(/\/\/[^/]*@/, '//')
      .slice(0, 100)
    return unreadable(`a redirect${to ? ` to ${to}` : ''}, not followed (check the endpoint)`, requestId)
  }
  if (!isRecord(response)) return unreadable('not a Tencent Cloud API response')
  const { Error: error } = response
  if (isRecord(error) && typeof error.Code === 'string') {
    const message = typeof error.Message === 'string' ? error.Message : error.Code
    return new TencentCloudError({ action, code: error.Code, message, requestId })
  }
  if (status < 200 || status > 299) return unreadable('a response without an error', requestId)
  try {
    return readResponse(action, response)
  } catch (cause) {
    if (!(cause instanceof ResponseShapeError)) throw cause
    return unreadable(`breaks the contract: ${cause.message}`, requestId, cause)
  }
}
