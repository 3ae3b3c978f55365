import type { Agent, IncomingMessage, RequestOptions } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import type { Route, Router, Target } from './node.ts'
import type { HttpProxy } from './proxy-for.ts'

/** The error code of a tunnel the proxy refused or could not open: the request never reached the service. */
export const tunnelFailed = 'ERR_PROXY_TUNNEL'

interface Modules {
  http: typeof import('node:http')
  https: typeof import('node:https')
  tls: typeof import('node:tls')
}

// Loaded with the first proxied request, as node:http(s) are for direct ones: importing the client stays cheap.
let modules: Modules | Promise<Modules> | undefined
function load(): Modules | Promise<Modules> {
  modules ??= Promise.all([import('node:http'), import('node:https'), import('node:tls')]).then(
    ([http, https, tls]) => {
      modules = { http: http.default, https: https.default, tls: tls.default }
      return modules
    },
  )
  return modules
}

/** The signal of the request a tunnel is opened for: its abort or timeout also ends a CONNECT left unanswered. */
const tunnelSignal = Symbol('crs-kit tunnel signal')

const tunnelError = (message: string, cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { code: tunnelFailed })

// The TLS sessions to the service whose handshake has completed: node:http writes nothing into one before
// that, so a request whose socket is not in here (none yet, or a handshake that failed) never left.
const secured = new WeakSet<object>()
const reachedOver = (socket: object | undefined) => socket !== undefined && secured.has(socket)

/**
 * Requests through a proxy, as the official SDK and curl send them: an https target through a CONNECT
 * tunnel (TLS end to end, the proxy sees only the host), an http one in absolute form. Each router keeps
 * its own keep-alive pools; a fresh request gets a connection (and a tunnel) of its own.
 */
export function proxiedRouter(proxy: HttpProxy): Router {
  let agents: { http: Agent; tunnel: Agent; freshTunnel: Agent } | undefined
  const route = (m: Modules, url: Target, fresh: boolean, signal: AbortSignal): Route => {
    const toProxy = proxy.secure ? m.https : m.http
    agents ??= {
      http: new toProxy.Agent({ keepAlive: true, scheduling: 'lifo' }),
      tunnel: tunnelAgent(m, proxy, true),
      freshTunnel: tunnelAgent(m, proxy, false),
    }
    if (url.protocol === 'https:') {
      return {
        request: (options, onResponse) => m.https.request(options, onResponse),
        options: {
          protocol: 'https:',
          hostname: url.hostname,
          port: url.port,
          path: url.path,
          agent: fresh ? agents.freshTunnel : agents.tunnel,
          // node:http passes a request's options on to the agent's createConnection.
          [tunnelSignal]: signal,
        } as RequestOptions,
        reached: reachedOver,
      }
    }
    return {
      request: (options, onResponse) => toProxy.request(options, onResponse),
      options: {
        protocol: proxy.secure ? 'https:' : 'http:',
        hostname: proxy.hostname,
        port: proxy.port,
        path: `http://${url.host}${url.path}`,
        agent: fresh ? false : agents.http,
      },
      headers: { Host: url.host, ...proxy.headers },
    }
  }
  return (url, fresh, signal) => {
    const loaded = load()
    return loaded instanceof Promise
      ? loaded.then((m) => route(m, url, fresh, signal))
      : route(loaded, url, fresh, signal)
  }
}

/** An https Agent whose connections are TLS sessions inside a CONNECT tunnel through `proxy`. */
function tunnelAgent({ http, https, tls }: Modules, proxy: HttpProxy, keepAlive: boolean): Agent {
  const agent = new https.Agent({ keepAlive, scheduling: 'lifo' })
  // node:http waits for the callback when createConnection returns nothing: the tunnel is opened first.
  agent.createConnection = ((
    options: ConnectionOptions,
    callback: (error: Error | null, socket?: Socket) => void,
  ) => {
    const signal = (options as { [tunnelSignal]?: AbortSignal })[tunnelSignal]
    let answered = false
    const done = (error: Error | null, socket?: Socket) => {
      signal?.removeEventListener('abort', abandon)
      if (!answered) callback(error, socket)
      answered = true
    }
    const host = String(options.host)
    const authority = `${host.includes(':') ? `[${host}]` : host}:${options.port}`
    // Never answered synchronously: node:http has not yet listened for the request's errors.
    if (signal?.aborted) {
      process.nextTick(callback, tunnelError(`the tunnel to ${authority} was abandoned`, signal.reason))
      return undefined
    }
    const connect = (proxy.secure ? https : http).request({
      hostname: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...proxy.headers },
      agent: false,
    })
    const refused = (status: number | undefined) =>
      done(
        tunnelError(
          status === 407
            ? `the proxy answered 407 to CONNECT ${authority}: it wants credentials, or refused those in the proxy URL (http://user:password@host:port)`
            : `the proxy answered ${status} to CONNECT ${authority}`,
        ),
      )
    connect.on('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      const status = res.statusCode ?? 0
      if (status < 200 || status > 299) {
        socket.destroy()
        return refused(status)
      }
      if (head.length > 0) socket.unshift(head)
      const secure = tls.connect({ ...options, socket })
      secure.once('secureConnect', () => secured.add(secure))
      done(null, secure)
    })
    // node:http reads every answer to CONNECT as the tunnel's; should one arrive as a plain response, it is a refusal.
    connect.on('response', (res: IncomingMessage) => {
      res.resume()
      refused(res.statusCode)
    })
    connect.on('error', (cause) =>
      done(
        tunnelError(
          `the proxy at ${proxy.hostname}:${proxy.port} could not be reached or closed the connection before a tunnel to ${authority} opened`,
          cause,
        ),
      ),
    )
    function abandon() {
      connect.destroy()
      done(tunnelError(`the tunnel to ${authority} was abandoned`, signal?.reason))
    }
    signal?.addEventListener('abort', abandon, { once: true })
    connect.end()
    return undefined
  }) as unknown as Agent['createConnection']
  return agent
}
