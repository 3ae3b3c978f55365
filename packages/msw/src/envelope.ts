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

/** `{"Response": {"Error": {Code, Message}, "RequestId"}}` as JSON text: the service's answer to an error. */
export function errorEnvelope(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } })
}

/**
 * An envelope as the service sends every answer, errors included: HTTP 200, application/json, dated by the
 * mock clock (a client corrects its clock skew from it).
 */
export function envelopeResponse(envelope: string, now: number): Response {
  return new Response(envelope, {
    status: 200,
    headers: { 'Content-Type': 'application/json', Date: httpDate(now) },
  })
}
