import type { CallError, IncomingCall } from './incoming-call.ts'

/** The v1 common parameters; everything else in a v1 request belongs to the action. */
const v1Common = new Set([
  'Action',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Version',
  'SignatureMethod',
  'Signature',
  'Token',
  'Language',
  'RequestClient',
])

/** The service's limit for the GET form. */
export const maxQueryBytes = 32 * 1024

const decoder = new TextDecoder()

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

function pairsOf(text: string): [string, string][] {
  return [...new URLSearchParams(text)]
}

/**
 * What readCall reads of a request. A fetch Request is one (the msw handlers); crs-mock builds one straight
 * from node:http, without the cost of a fetch Request and its body stream.
 */
export interface WireRequest {
  readonly method: string
  /** Absolute, as a fetch Request's `url`. */
  readonly url: string
  readonly headers: Headers
  /** The body; read only for POST. */
  arrayBuffer(): Promise<ArrayBuffer>
}

/**
 * Reads method, body and common parameters. Never throws on hostile input: anything unreadable becomes a
 * CallError the dispatcher answers in the Tencent envelope.
 */
export async function readCall(
  request: WireRequest,
  maxBodyBytes: number,
): Promise<IncomingCall | CallError> {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'POST') {
    return { code: 'UnsupportedProtocol', message: `method ${method} is not supported; use GET or POST` }
  }
  const url = new URL(request.url)
  if (url.search.length > maxQueryBytes) {
    return { code: 'RequestSizeLimitExceeded', message: `the query string exceeds ${maxQueryBytes} bytes` }
  }
  const body = method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array()
  if (body.byteLength > maxBodyBytes) {
    return { code: 'RequestSizeLimitExceeded', message: `the request body exceeds ${maxBodyBytes} bytes` }
  }
  const h = request.headers
  const contentType = mediaType(h.get('content-type') ?? '')
  const authorization = h.get('authorization') ?? undefined
  const isTc3 = authorization !== undefined || h.has('x-tc-action') || contentType === 'application/json'
  const text = decoder.decode(body)
  // The query (GET) or body as form pairs: what v1 and the form encodings carry; a JSON call never needs them.
  const formPairsOf = () => (method === 'GET' ? pairsOf(url.search) : pairsOf(text))

  if (!isTc3) {
    const formPairs = formPairsOf()
    if (method === 'POST' && contentType !== 'application/x-www-form-urlencoded') {
      return {
        code: 'InvalidParameter',
        message: `Content-Type ${contentType || '(none)'} is not supported here`,
      }
    }
    const first = (name: string) => formPairs.find(([k]) => k === name)?.[1]
    return {
      method,
      url,
      form: 'v1',
      action: first('Action'),
      version: first('Version'),
      region: first('Region'),
      timestamp: first('Timestamp'),
      token: first('Token'),
      language: first('Language'),
      authorization: undefined,
      headers: h,
      v1Params: formPairs,
      input: { pairs: formPairs.filter(([k]) => !v1Common.has(k)) },
      body,
    }
  }

  let input: IncomingCall['input']
  if (method === 'GET' || contentType === 'application/x-www-form-urlencoded')
    input = { pairs: formPairsOf() }
  else if (contentType === 'application/json') {
    try {
      input = { json: text.trim() === '' ? {} : JSON.parse(text) }
    } catch {
      return { code: 'InvalidParameter', message: 'the request body is not valid JSON' }
    }
  } else {
    return {
      code: 'InvalidParameter',
      message: `Content-Type ${contentType || '(none)'} is not supported; send application/json`,
    }
  }
  return {
    method,
    url,
    form: 'tc3',
    action: h.get('x-tc-action') ?? undefined,
    version: h.get('x-tc-version') ?? undefined,
    region: h.get('x-tc-region') ?? undefined,
    timestamp: h.get('x-tc-timestamp') ?? undefined,
    token: h.get('x-tc-token') ?? undefined,
    language: h.get('x-tc-language') ?? undefined,
    authorization,
    headers: h,
    v1Params: [],
    input,
    body,
  }
}
