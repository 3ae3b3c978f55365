import type { IncomingMessage } from 'node:http'

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

const safeHost = /^[A-Za-z0-9.\-:[\]]{1,300}$/

/**
 * A node:http request as a fetch Request, reading at most `maxBodyBytes` of body (throws
 * BodyTooLargeError beyond). The URL keeps the Host header as received, port included, since the v1
 * signature covers it; an unusable Host falls back to the listening address.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  fallbackHost: string,
  maxBodyBytes: number,
): Promise<Request> {
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
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })
  const declared = Number(req.headers['content-length'])
  if (declared > maxBodyBytes) throw new BodyTooLargeError()
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBodyBytes) throw new BodyTooLargeError()
    chunks.push(chunk)
  }
  const body = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return new Request(url, { method, headers, body })
}
