import type { IncomingMessage } from 'node:http'
import type { WireRequest } from './protocol/read-call.ts'

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

const safeHost = /^[A-Za-z0-9.\-:[\]]{1,300}$/
const empty = new ArrayBuffer(0)

/**
 * A node:http request as the service reads it (what a fetch Request of it would give), reading at most
 * `maxBodyBytes` of body (throws BodyTooLargeError beyond). The URL keeps the Host header as received,
 * port included, since the v1 signature covers it; an unusable Host falls back to the listening address.
 * No fetch Request is built: its body stream and header guards cost more than the rest of a call.
 */
export async function toWireRequest(
  req: IncomingMessage,
  fallbackHost: string,
  maxBodyBytes: number,
): Promise<WireRequest> {
  const hostHeader = req.headers.host
  const host = hostHeader && safeHost.test(hostHeader) ? hostHeader : fallbackHost
  const path = req.url?.startsWith('/') ? req.url : '/'
  let url: URL
  try {
    url = new URL(`http://${host}${path}`)
  } catch {
    url = new URL(`http://${fallbackHost}/`)
  }
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
    } catch {
      // A header fetch cannot carry is one the service would not read either.
    }
  }
  const method = req.method ?? 'GET'
  let body = empty
  if (method !== 'GET' && method !== 'HEAD') {
    const declared = Number(req.headers['content-length'])
    if (declared > maxBodyBytes) throw new BodyTooLargeError()
    body = await readBody(req, maxBodyBytes)
  }
  return { method, url: url.href, headers, arrayBuffer: () => Promise.resolve(body) }
}

/** The whole body in an ArrayBuffer of its exact size; stops reading once it passes the limit. */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    let ended = false
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength
      if (size <= maxBodyBytes) chunks.push(chunk)
      else {
        // Stop reading; the caller answers RequestSizeLimitExceeded with Connection: close.
        ended = true
        req.off('data', onData).pause()
        reject(new BodyTooLargeError())
      }
    }
    req.on('data', onData)
    req.once('end', () => {
      ended = true
      const body = new Uint8Array(size)
      let at = 0
      for (const chunk of chunks) {
        body.set(chunk, at)
        at += chunk.byteLength
      }
      resolve(body.buffer)
    })
    req.once('error', reject)
    // Closed before its end without an error (the client went away): unreadable, as a stream error is.
    req.once('close', () => {
      if (!ended) reject(new Error('the request closed before its body ended'))
    })
  })
}
