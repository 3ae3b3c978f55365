import { type ActionName, type ActionTypes, ResponseShapeError, readResponse } from '@crs-kit/core'
import { ResponseError, TencentCloudError } from './errors.ts'
import type { HttpResponse } from './transport.ts'

export type EnvelopeOutcome<A extends ActionName> =
  | { kind: 'ok'; value: ActionTypes[A]['response'] }
  | { kind: 'api-error'; error: TencentCloudError<A> }
  | { kind: 'unreadable'; error: ResponseError }

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads `{"Response": {...}}`. An `Error` inside is the service's answer whatever the status (the
 * service sends errors with 200, and a gateway may forward them with another); a 2xx success is read
 * leniently by core; anything else (HTML pages, truncated or empty JSON, a 5xx) is unreadable.
 */
export function readEnvelope<A extends ActionName>(action: A, http: HttpResponse): EnvelopeOutcome<A> {
  const unreadable = (problem: string, requestId?: string, cause?: unknown): EnvelopeOutcome<A> => ({
    kind: 'unreadable',
    error: new ResponseError({ action, status: http.status, body: http.body, problem, requestId, cause }),
  })
  let parsed: { Response?: unknown } | null
  try {
    parsed = JSON.parse(http.body)
  } catch (cause) {
    return unreadable(http.body.trim() ? 'a body that is not JSON' : 'an empty body', undefined, cause)
  }
  const response = parsed?.Response
  if (!isRecord(response)) return unreadable('a body that is not a Tencent Cloud API response')
  const requestId = typeof response.RequestId === 'string' ? response.RequestId : undefined
  const error = response.Error
  if (isRecord(error) && typeof error.Code === 'string') {
    const message = typeof error.Message === 'string' ? error.Message : error.Code
    return {
      kind: 'api-error',
      error: new TencentCloudError({ action, code: error.Code, message, requestId }),
    }
  }
  if (http.status < 200 || http.status > 299) return unreadable('a response without an error', requestId)
  try {
    return { kind: 'ok', value: readResponse(action, response) }
  } catch (cause) {
    if (!(cause instanceof ResponseShapeError)) throw cause
    return unreadable(`a response that breaks the contract (${cause.message})`, requestId, cause)
  }
}
