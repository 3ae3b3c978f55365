const headers = { 'Content-Type': 'application/json' }

/** `{"Response": {...body, "RequestId"}}` with HTTP 200, as the service answers a success. */
export function successResponse(body: object, requestId: string): Response {
  return new Response(JSON.stringify({ Response: { ...body, RequestId: requestId } }), {
    status: 200,
    headers,
  })
}

/** `{"Response": {"Error": {Code, Message}, "RequestId"}}`: the service sends API errors with HTTP 200 too. */
export function errorResponse(code: string, message: string, requestId: string): Response {
  const Response_ = { Error: { Code: code, Message: message }, RequestId: requestId }
  return new Response(JSON.stringify({ Response: Response_ }), { status: 200, headers })
}
