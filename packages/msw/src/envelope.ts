import { PreparedJson } from './prepared-json.ts'

// Lets a browser page (or a DOM test environment whose fetch applies CORS, such as happy-dom) call the mock
// from its own origin; the real service's CORS policy is not part of the contract.
// The Fetch spec leaves Authorization out of the `*` wildcard, and every TC3 call sends one: name it.
export const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*, Authorization',
  'Access-Control-Allow-Methods': 'GET, POST',
  'Access-Control-Max-Age': '600',
  // A page's client reads the Date of an answer to correct its clock skew; CORS hides it unless exposed.
  'Access-Control-Expose-Headers': 'Date',
}

let dateSecond = Number.NaN
let dateText = ''

/** The HTTP `Date` of a time (epoch ms): the service dates every answer by the clock that judges timestamps. */
export function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== dateSecond) {
    dateSecond = second
    dateText = new Date(second * 1000).toUTCString()
  }
  return dateText
}

/** `{"Response": {...body, "RequestId"}}` as JSON text: the service's answer to a success. */
export function successEnvelope(body: object, requestId: string): string {
  return JSON.stringify({ Response: { ...body, RequestId: requestId } })
}

/**
 * successEnvelope of an action's own result, a plain object of data without a RequestId: its JSON is spliced into
 * the envelope's text, where successEnvelope first copies the object into a new one (a cost on every call).
 */
export function resultEnvelope(result: object, requestId: string): string {
  const json = result instanceof PreparedJson ? result.json : JSON.stringify(result)
  const fields = json === '{}' ? '{' : `${json.slice(0, -1)},`
  return `{"Response":${fields}"RequestId":${JSON.stringify(requestId)}}}`
}

/** `{"Response": {"Error": {Code, Message}, "RequestId"}}` as JSON text: the service's answer to an error. */
export function errorEnvelope(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } })
}

/**
 * An envelope as the service sends every answer, errors included: HTTP 200, application/json, dated by the
 * mock clock (a client corrects its clock skew from it), with the CORS headers crs-mock sends too.
 */
export function envelopeResponse(envelope: string, now: number): Response {
  return new Response(envelope, {
    status: 200,
    headers: { ...cors, 'Content-Type': 'application/json', Date: httpDate(now) },
  })
}
