import type { MaybePromise } from '../maybe-promise.ts'
import type { CallError, HeaderReader, IncomingCall } from './incoming-call.ts'

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
  if (contentType === 'application/json') return contentType
  const end = contentType.indexOf(';')
  return (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase()
}

// Parsed URLs by href: a client sends the same few URLs over and over, and a URL costs more to parse than
// the rest of reading a call. Nothing mutates a call's URL. Long hrefs (hostile queries) are not kept.
const urls = new Map<string, URL>()
const maxCachedUrls = 64
const maxCachedHref = 2048

/** `new URL(href)` (throws as it does), parsed once per distinct href: the result must not be modified. */
export function parseUrl(href: string): URL {
  let url = urls.get(href)
  if (url === undefined) {
    url = new URL(href)
    if (href.length <= maxCachedHref) {
      if (urls.size >= maxCachedUrls) urls.clear()
      urls.set(href, url)
    }
  }
  return url
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
  /**
   * The query string as received, without its `?`, when the transport keeps it (crs-mock): `url` went through URL
   * parsing, which escapes characters a client may send as they are (`'`, `"`, `<`, `>`, backquote). Default: `url`'s.
   */
  readonly rawQuery?: string
  readonly headers: HeaderReader
  /** The body when it is already read (crs-mock); then arrayBuffer is not called. */
  readonly bodyBytes?: Uint8Array
  /** The body; read only for POST. */
  arrayBuffer(): Promise<ArrayBuffer>
}

/**
 * Reads method, body and common parameters. Never throws on hostile input: anything unreadable becomes a
 * CallError the dispatcher answers in the Tencent envelope.
 */
export function readCall(request: WireRequest, maxBodyBytes: number): MaybePromise<IncomingCall | CallError> {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'POST') {
    return { code: 'UnsupportedProtocol', message: `method ${method} is not supported; use GET or POST` }
  }
  const url = parseUrl(request.url)
  // `search` includes the `?`, which is not part of the query string.
  const query = request.rawQuery ?? url.search.slice(1)
  if (query.length > maxQueryBytes) {
    return { code: 'RequestSizeLimitExceeded', message: `the query string exceeds ${maxQueryBytes} bytes` }
  }
  const h = request.headers
  if (method === 'GET') return readParts(h, method, url, query, new Uint8Array(), maxBodyBytes)
  if (request.bodyBytes) return readParts(h, method, url, query, request.bodyBytes, maxBodyBytes)
  return request
    .arrayBuffer()
    .then((body) => readParts(h, method, url, query, new Uint8Array(body), maxBodyBytes))
}

function readParts(
  h: HeaderReader,
  method: 'GET' | 'POST',
  url: URL,
  query: string,
  body: Uint8Array,
  maxBodyBytes: number,
): IncomingCall | CallError {
  if (body.byteLength > maxBodyBytes) {
    return { code: 'RequestSizeLimitExceeded', message: `the request body exceeds ${maxBodyBytes} bytes` }
  }
  const contentType = mediaType(h.get('content-type') ?? '')
  const authorization = h.get('authorization') ?? undefined
  const isTc3 = authorization !== undefined || h.has('x-tc-action') || contentType === 'application/json'
  const text = decoder.decode(body)
  // The query (GET) or body as form pairs: what v1 and the form encodings carry; a JSON call never needs them.
  // URLSearchParams drops one leading `?`: put back the one the query string went without.
  const formPairsOf = () => pairsOf(method === 'GET' ? `?${query}` : text)

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
      query,
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
      input = { unreadable: { code: 'InvalidParameter', message: 'the request body is not valid JSON' } }
    }
  } else {
    input = {
      unreadable: {
        code: 'InvalidParameter',
        message: `Content-Type ${contentType || '(none)'} is not supported; send application/json`,
      },
    }
  }
  return {
    method,
    url,
    query,
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
