import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
import { NetworkError } from '../errors.ts'
import { NOT_SENT_CODES, systemCode, type Transport } from '../transport.ts'

interface Protocol {
  request(options: RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest
  agent: Agent
}

// node:http costs about 50 ms to load on Node 24 and node:https more: load each with the first request that
// needs it, not with the package, so importing the client stays cheap. Keep-alive pools are shared by every
// client in the process: the TLS handshake is the costly part of a call.
const protocols = new Map<string, Protocol | Promise<Protocol>>()
function protocolFor(scheme: string): Protocol | Promise<Protocol> {
  let found = protocols.get(scheme)
  if (!found) {
    found = (scheme === 'https:' ? import('node:https') : import('node:http')).then(({ default: mod }) => {
      const loaded: Protocol = {
        request: (options, onResponse) => mod.request(options, onResponse),
        agent: new mod.Agent({ keepAlive: true, scheduling: 'lifo' }),
      }
      protocols.set(scheme, loaded)
      return loaded
    })
    protocols.set(scheme, found)
  }
  return found
}

// A client sends every call to one URL: parse it once into request options, not per request (a URL
// given to http.request is converted again on every call).
interface Target {
  protocol: string
  hostname: string
  port: string
  path: string
}
const parsed = new Map<string, Target>()
function parse(url: string): Target {
  let result = parsed.get(url)
  if (!result) {
    const { protocol, hostname, port, pathname, search } = new URL(url)
    // URL keeps the brackets of an IPv6 literal; http.request wants the bare address.
    result = { protocol, hostname: hostname.replace(/^\[(.*)\]$/, '$1'), port, path: `${pathname}${search}` }
    if (parsed.size > 64) parsed.clear()
    parsed.set(url, result)
  }
  return result
}

/** Node: node:http(s) with keep-alive, several times cheaper per call than Node's fetch. */
export const defaultTransport: Transport = async (request, signal) => {
  const url = parse(request.url)
  const loaded = protocolFor(url.protocol)
  const protocol = loaded instanceof Promise ? await loaded : loaded
  return new Promise((resolve, reject) => {
    let settled = false
    /** The request was handed to node:http: from here on only an error code can prove it never left. */
    let written = false
    const fail = (cause: unknown, what: string) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      const code = systemCode(cause)
      // Once written, only an error that proves it (a refused connection, a failed DNS lookup) says the request
      // never left. A socket's own events cannot: msw's mock socket, for one, neither connects nor finishes
      // writing before its handler answers, though the handler has the request.
      const mayHaveReachedServer = written && !(code !== undefined && NOT_SENT_CODES.has(code))
      const { action } = request
      reject(
        new NetworkError(`${action}: ${what}${code ? ` (${code})` : ''}`, {
          code,
          mayHaveReachedServer,
          action,
          cause,
        }),
      )
    }
    // Handled here rather than through http.request's `signal` option, which costs more per call.
    const onAbort = () => {
      const reason = Object.assign(new Error('aborted', { cause: signal.reason }), {
        name: 'AbortError',
        code: 'ABORT_ERR',
      })
      fail(reason, 'request aborted')
      req.destroy(reason)
    }
    const req = protocol.request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: url.path,
        method: 'POST',
        headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
        agent: request.fresh ? false : protocol.agent,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('error', (cause) => fail(cause, 'the response body was cut off'))
        res.on('end', () => {
          if (settled) return
          // Node ends a response whose connection closed early without an error when it has no length to check.
          if (!res.complete) {
            return fail(
              Object.assign(new Error('aborted'), { code: 'ECONNRESET' }),
              'the response body was cut off',
            )
          }
          settled = true
          signal.removeEventListener('abort', onAbort)
          const { date, 'retry-after': retryAfter } = res.headers
          resolve({
            status: res.statusCode ?? 0,
            date: date ?? null,
            retryAfter,
            body,
          })
        })
      },
    )
    req.on('error', (cause) => fail(cause, 'request failed'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    written = true
    req.end(request.body)
  })
}
