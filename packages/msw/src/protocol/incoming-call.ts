/** What the service reads of the received headers: a fetch `Headers`, or crs-mock's view of node:http's. */
export interface HeaderReader {
  /** The value (repeated headers joined by `, `), or null; `name` is lower-case. */
  get(name: string): string | null
  has(name: string): boolean
}

/** A request reduced to what the service looks at, whichever of the three wire forms it came in. */
export interface IncomingCall {
  method: 'GET' | 'POST'
  url: URL
  /** The query string as received, without its `?`: TC3 signs these bytes, which `url` may have escaped further. */
  query: string
  /** `tc3`: common parameters in X-TC-* headers; `v1`: everything in the query or a form body. */
  form: 'tc3' | 'v1'
  action: string | undefined
  version: string | undefined
  region: string | undefined
  timestamp: string | undefined
  token: string | undefined
  language: string | undefined
  /** v3 only. */
  authorization: string | undefined
  /** v3: the received headers (names lower-cased), to rebuild the signed ones verbatim. */
  headers: HeaderReader
  /** v1 only: every parameter as received, Signature included, for the string to sign. */
  v1Params: [string, string][]
  /**
   * The action's own parameters: a parsed JSON object, or query/form pairs still to be typed; or, for a TC3 call, why
   * its body cannot be read (not JSON, a Content-Type the service does not take), answered once the signature, which
   * covers the raw bytes, is checked: the service authenticates a call before it reads it.
   */
  input: { json: unknown } | { pairs: [string, string][] } | { unreadable: CallError }
  /** The exact body bytes (hashed by TC3). */
  body: Uint8Array
}

/** A protocol-level refusal, answered before the action is known. */
export interface CallError {
  code: string
  message: string
}

export function isCallError<T extends object>(value: T | CallError): value is CallError {
  return 'code' in value && 'message' in value && !('url' in value)
}
