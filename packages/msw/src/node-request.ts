import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HeaderReader } from './protocol/incoming-call.ts'
import { parseUrl, type WireRequest } from './protocol/read-call.ts'

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

const safeHost = /^[A-Za-z0-9.\-:[\]]{1,300}$/
const empty = new Uint8Array(0)

/** `received` case-insensitively equal to the lower-case `name` of the same length (no string allocated). */
function sameName(received: string, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let c = received.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    if (c !== name.charCodeAt(i)) return false
  }
  return true
}

/**
 * node:http's received headers read as a fetch `Headers` reads them: names case-insensitive, a repeated
 * header's values joined by `, ` (node:http itself keeps only the first Content-Type, Authorization or
 * Host). Looks names up in `rawHeaders` instead of building a map per request; node:http has already
 * trimmed the values and refused names and values fetch could not carry.
 */
export class NodeHeaders implements HeaderReader {
  readonly #raw: readonly string[]

  constructor(raw: readonly string[]) {
    this.#raw = raw
  }

  get(name: string): string | null {
    const raw = this.#raw
    let value: string | null = null
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i]!
      if (key.length === name.length && sameName(key, name)) {
        value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`
      }
    }
    return value
  }

  has(name: string): boolean {
    return this.get(name) !== null
  }
}

// The last Host, path and fallback seen and their URL: a client sends the same ones call after call.
let lastHost: string | undefined
let lastPath: string | undefined
let lastFallback: string | undefined
let lastHref = ''

/** The request's absolute URL: the Host header as received, or the listening address when unusable. */
export function hrefOf(
  hostHeader: string | undefined,
  rawPath: string | undefined,
  fallbackHost: string,
): string {
  if (hostHeader === lastHost && rawPath === lastPath && fallbackHost === lastFallback) return lastHref
  const host = hostHeader && safeHost.test(hostHeader) ? hostHeader : fallbackHost
  const path = rawPath?.startsWith('/') ? rawPath : '/'
  let href: string
  try {
    href = parseUrl(`http://${host}${path}`).href
  } catch {
    return parseUrl(`http://${fallbackHost}/`).href
  }
  lastHost = hostHeader
  lastPath = rawPath
  lastFallback = fallbackHost
  lastHref = href
  return href
}

/**
 * A node:http request as the service reads it (what a fetch Request of it would give), reading at most
 * `maxBodyBytes` of body (BodyTooLargeError beyond). The URL keeps the Host header as received, port
 * included, since the v1 signature covers it; an unusable Host falls back to the listening address.
 * No fetch Request is built: its body stream and header guards cost more than the rest of a call.
 * Calls `done` synchronously for a GET, on the next tick for a body that came with its head (the usual
 * small POST), once the body has arrived otherwise.
 */
export function readWireRequest(
  req: IncomingMessage,
  fallbackHost: string,
  maxBodyBytes: number,
  done: (error: unknown, request?: WireRequest) => void,
): void {
  const url = hrefOf(req.headers.host, req.url, fallbackHost)
  const rawQuery = rawQueryOf(req.url ?? '')
  const headers = new NodeHeaders(req.rawHeaders)
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') {
    done(undefined, new NodeWireRequest(method, url, rawQuery, headers, empty))
    return
  }
  const declared = Number(req.headers['content-length'])
  if (declared > maxBodyBytes) {
    done(new BodyTooLargeError())
    return
  }
  // node:http pushes a body that arrived with the head right after emitting 'request': by the next tick
  // it is buffered and can be taken in one read(), without flowing the stream through 'data' events.
  process.nextTick(takeBody, req, method, url, rawQuery, headers, maxBodyBytes, done)
}

/** The query string of a request target as received (between `?` and any `#`), without escaping anything. */
export function rawQueryOf(target: string): string {
  const start = target.indexOf('?')
  if (start < 0) return ''
  const end = target.indexOf('#', start)
  return end < 0 ? target.slice(start + 1) : target.slice(start + 1, end)
}

/** A request whose body has been read. */
export class NodeWireRequest implements WireRequest {
  readonly method: string
  readonly url: string
  readonly rawQuery: string
  readonly headers: HeaderReader
  readonly bodyBytes: Uint8Array

  constructor(method: string, url: string, rawQuery: string, headers: HeaderReader, bodyBytes: Uint8Array) {
    this.method = method
    this.url = url
    this.rawQuery = rawQuery
    this.headers = headers
    this.bodyBytes = bodyBytes
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bodyBytes.slice().buffer)
  }
}

function takeBody(
  req: IncomingMessage,
  method: string,
  url: string,
  rawQuery: string,
  headers: HeaderReader,
  maxBodyBytes: number,
  done: (error: unknown, request?: WireRequest) => void,
): void {
  if (req.destroyed) {
    done(new Error('the request closed before its body ended'))
    return
  }
  const size = req.readableLength
  // With a Content-Length, the body is complete once that many bytes are buffered (node:http marks the
  // request complete only a little later).
  if ((req.complete || size === Number(req.headers['content-length'])) && !req.readableFlowing) {
    if (size > maxBodyBytes) {
      done(new BodyTooLargeError())
      return
    }
    let body: Uint8Array
    try {
      body = size === 0 ? empty : ((req.read() as Uint8Array | null) ?? empty)
    } catch (e) {
      done(e)
      return
    }
    done(undefined, new NodeWireRequest(method, url, rawQuery, headers, body))
    return
  }
  readBody(req, maxBodyBytes).then(
    (body) => done(undefined, new NodeWireRequest(method, url, rawQuery, headers, body)),
    (e) => done(e),
  )
}

/** The whole body; stops reading once it passes the limit. */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let chunks: Uint8Array | Uint8Array[] = empty
    let size = 0
    let ended = false
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength
      if (size > maxBodyBytes) {
        // Stop reading; the caller answers RequestSizeLimitExceeded with Connection: close.
        ended = true
        req.off('data', onData).pause()
        reject(new BodyTooLargeError())
      } else if (chunks === empty) chunks = chunk
      else if (Array.isArray(chunks)) chunks.push(chunk)
      else chunks = [chunks, chunk]
    }
    req.on('data', onData)
    req.once('end', () => {
      ended = true
      if (!Array.isArray(chunks)) return resolve(chunks)
      // Usually the whole body came in one chunk; otherwise join them.
      const body = new Uint8Array(size)
      let at = 0
      for (const chunk of chunks) {
        body.set(chunk, at)
        at += chunk.byteLength
      }
      resolve(body)
    })
    req.once('error', reject)
    // Closed before its end without an error (the client went away): unreadable, as a stream error is.
    req.once('close', () => {
      if (!ended) reject(new Error('the request closed before its body ended'))
    })
  })
}

// Connections that close once a refused body has been read: node:http still parses requests pipelined behind it.
const closing = new WeakSet<object>()

/**
 * Whether `req` came pipelined behind a refused body on the same connection, which closes after that refusal: its
 * answer would never be sent, so it must not be served (a ManualBackupInstance would start a backup nobody hears of).
 */
export function behindRefusedBody(req: IncomingMessage): boolean {
  return closing.has(req.socket)
}

/** How long a refused body may pause before the connection closes anyway, and how much of it is read at most. */
const refusedBodyIdleMs = 2000
const refusedBodyMaxBytes = 64 * 1024 * 1024

/**
 * Ends `res`, whose whole answer is already written, once the client has stopped sending the body that answer
 * refused (or after 64 MiB of it, or 2 s without a byte), reading and dropping the rest meanwhile. Closing while
 * the client still writes resets the connection, and a client that streams its body before reading (Java's
 * HttpClient and HttpURLConnection do) would lose the answer to the reset.
 */
export function endAfterRefusedBody(req: IncomingMessage, res: ServerResponse): void {
  closing.add(req.socket)
  if (req.readableEnded || req.destroyed) {
    res.end()
    return
  }
  let received = 0
  let ended = false
  const finish = () => {
    if (ended) return
    ended = true
    clearTimeout(timer)
    req.off('data', drop)
    res.end()
  }
  const drop = (chunk: Uint8Array) => {
    received += chunk.byteLength
    if (received > refusedBodyMaxBytes) finish()
    else timer.refresh()
  }
  const timer = setTimeout(finish, refusedBodyIdleMs)
  req.on('data', drop)
  req.once('end', finish)
  req.once('close', finish)
  req.resume()
}
