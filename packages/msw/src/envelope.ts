const headers = { 'Content-Type': 'application/json' }

/** `{"Response": {...body, "RequestId"}}` as JSON text: the service's answer to a success. */
export function successEnvelope(body: object, requestId: string): string {
  return JSON.stringify({ Response: { ...body, RequestId: requestId } })
}

/** `{"Response": {"Error": {Code, Message}, "RequestId"}}` as JSON text: the service's answer to an error. */
export function errorEnvelope(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } })
}

/** An envelope as the service sends every answer, errors included: HTTP 200, application/json. */
export function envelopeResponse(envelope: string): Response {
  return new Response(envelope, { status: 200, headers })
}
