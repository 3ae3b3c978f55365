import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
import { NetworkError } from '../errors.ts'
import { readVariable } from '../read-variable.ts'
import { NOT_SENT_CODES, systemCode, type Transport } from '../transport.ts'
import { proxiedRouter, tunnelFailed } from './proxied-router.ts'
import { envProxyEnabled, proxyFor } from './proxy-for.ts'

/**
 * Node's codes for a server certificate the TLS handshake refused: the handshake fails before any byte of the request
 * is written, so a call failing with one of them never reached the service (as through a proxy's tunnel).
 */
const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
])

/**
 * An https:// endpoint that answers in plain text (an http port, a proxy's error page): OpenSSL reads the first
 * bytes back as a TLS record of a "wrong version number", so the handshake never finished and nothing of the request,
 * which TLS sends only after it, left. Node gives this only as EPROTO, a code that other failures share.
 */
const notTls = (code: string, cause: unknown): boolean =>
  code === 'EPROTO' && /wrong version number/.test(String((cause as Error).message))

export type RequestFn = (options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest

interface Protocol {
  request: RequestFn
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
export interface Target {
  protocol: string
  hostname: string
  port: string
  /** As in a Host header: the port when not the default, IPv6 in brackets. */
  host: string
  path: string
}
const parsed = new Map<string, Target>()
function parse(url: string): Target {
  let result = parsed.get(url)
  if (!result) {
    const { protocol, hostname, port, host, pathname, search } = new URL(url)
    // URL keeps the brackets of an IPv6 literal; http.request wants the bare address.
    result = {
      protocol,
      hostname: hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      host,
      path: `${pathname}${search}`,
    }
    if (parsed.size > 64) parsed.clear()
    parsed.set(url, result)
  }
  return result
}

/** Where one request goes: the node:http(s) request function, its options, and headers to add. */
export interface Route {
  request: RequestFn
  options: RequestOptions
  headers?: Record<string, string>
  /**
   * Whether a request given this socket (undefined: none yet) may have reached the service, where the route
   * can tell: a tunnel not yet open, or whose TLS handshake failed, carried nothing.
   */
  reached?: (socket: object | undefined) => boolean
}

/**
 * The route of a request to `url`; `fresh` asks for a connection of its own (non-idempotent calls), `signal`
 * ends the request's wait for one.
 */
export type Router = (url: Target, fresh: boolean, signal: AbortSignal) => Route | Promise<Route>

const direct: Router = (url, fresh) => {
  const loaded = protocolFor(url.protocol)
  const route = (protocol: Protocol): Route => ({
    request: protocol.request,
    options: {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: url.path,
      agent: fresh ? false : protocol.agent,
    },
  })
  return loaded instanceof Promise ? loaded.then(route) : route(loaded)
}

/**
 * The Node transport of a client sending to `origin`: straight there, or through the proxy that the
 * `proxy` option or, under Node's NODE_USE_ENV_PROXY=1 / --use-env-proxy, the environment names.
 */
export function transportFor(origin: string, proxy?: string | false): Transport {
  // The environment is read only when the option leaves the proxy to it, and each variable only as the runtime
  // allows (Deno without --allow-env: as unset), so that a client with `proxy: false` reads nothing.
  const env: Record<string, string | undefined> =
    proxy === undefined ? new Proxy(process.env, { get: (all, name: string) => readVariable(all, name) }) : {}
  const through = proxyFor(new URL(origin), proxy, env, () => envProxyEnabled(env, process.execArgv))
  if (!through) return defaultTransport
  // One transport, and so one set of keep-alive pools, per proxy in the process, as for direct calls.
  const key = JSON.stringify(through)
  let transport = proxied.get(key)
  if (!transport) {
    transport = nodeTransport(proxiedRouter(through))
    // Bounded; the oldest goes first, so the proxies in use keep their pools.
    if (proxied.size >= 16) proxied.delete(proxied.keys().next().value!)
    proxied.set(key, transport)
  }
  return transport
}
const proxied = new Map<string, Transport>()

/** Node: node:http(s) with keep-alive, several times cheaper per call than Node's fetch. */
export const nodeTransport =
  (router: Router): Transport =>
  async (request, signal) => {
    const routed = router(parse(request.url), request.fresh === true, signal)
    const route = routed instanceof Promise ? await routed : routed
    return new Promise((resolve, reject) => {
      let settled = false
      /** The request was handed to node:http: from here on only an error code can prove it never left. */
      let written = false
      /** The socket node:http gave the request, where the route can tell from it whether anything left. */
      let assigned: object | undefined
      const fail = (cause: unknown, what: string) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        const code = systemCode(cause)
        // Once written, only an error that proves it (a refused connection, a failed DNS lookup) says the request
        // never left. A socket's own events cannot: msw's mock socket, for one, neither connects nor finishes
        // writing before its handler answers, though the handler has the request. Nor did a proxy that refused
        // the tunnel or could not be reached pass the request on.
        const notSent =
          code !== undefined &&
          (NOT_SENT_CODES.has(code) ||
            code === tunnelFailed ||
            CERTIFICATE_CODES.has(code) ||
            notTls(code, cause))
        const mayHaveReachedServer = written && !notSent && (route.reached?.(assigned) ?? true)
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
      const abortReason = () =>
        Object.assign(new Error('aborted', { cause: signal.reason }), {
          name: 'AbortError',
          code: 'ABORT_ERR',
        })
      // Handled here rather than through http.request's `signal` option, which costs more per call.
      const onAbort = () => {
        const reason = abortReason()
        fail(reason, 'request aborted')
        req.destroy(reason)
      }
      // Aborted while the route was made (node:http(s) loading): nothing was created, nothing sent.
      if (signal.aborted) return fail(abortReason(), 'request aborted')
      const { options } = route
      options.method = 'POST'
      options.headers = {
        ...request.headers,
        ...route.headers,
        'Content-Length': String(Buffer.byteLength(request.body)),
      }
      const req = route.request(options, (res) => {
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
          const { date, 'retry-after': retryAfter, location } = res.headers
          resolve({
            status: res.statusCode ?? 0,
            date: date ?? null,
            retryAfter,
            location,
            body,
          })
        })
      })
      req.on('error', (cause) =>
        fail(cause, systemCode(cause) === tunnelFailed ? (cause as Error).message : 'request failed'),
      )
      if (route.reached)
        req.once('socket', (socket) => {
          assigned = socket
        })
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      written = true
      req.end(request.body)
    })
  }

/** Straight to the endpoint over the shared keep-alive pools. */
export const defaultTransport: Transport = nodeTransport(direct)

/** Signatures are node:crypto's, always there (the web runtime checks for WebCrypto). */
export function assertCanSign(): void {}
