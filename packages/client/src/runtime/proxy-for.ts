import { ConfigurationError } from '../errors.ts'

/** An HTTP proxy as the Node transport uses it; `headers` carries Proxy-Authorization when the URL had a user. */
export interface HttpProxy {
  hostname: string
  port: string
  headers: Record<string, string>
}

type Env = Readonly<Record<string, string | undefined>>

// As Node's own proxy support reads them (and curl and Go): each scheme its variable, lower case first.
const variables = {
  'https:': ['https_proxy', 'HTTPS_PROXY'],
  'http:': ['http_proxy', 'HTTP_PROXY'],
} as const

/**
 * Whether Node's switch for proxies from the environment is on (NODE_USE_ENV_PROXY=1 or --use-env-proxy).
 * Off, the environment is not read: a proxy variable set for other tools never reroutes calls that a test
 * suite's msw intercepts or a loopback mock answers.
 */
export function envProxyEnabled(env: Env, execArgv: readonly string[]): boolean {
  const flag = '--use-env-proxy'
  return (
    env.NODE_USE_ENV_PROXY === '1' ||
    execArgv.includes(flag) ||
    (env.NODE_OPTIONS ?? '').split(/\s+/).includes(flag)
  )
}

/**
 * The proxy for requests to `target`: the `proxy` option (`false` or '': none), else, when `useEnv`, the
 * environment's https_proxy / http_proxy, unless NO_PROXY names the host or the host is loopback (as Go's
 * ProxyFromEnvironment). Throws a ConfigurationError for a proxy it cannot use; never quotes its URL,
 * which may carry a password.
 */
export function proxyFor(target: URL, option: unknown, env: Env, useEnv = true): HttpProxy | undefined {
  // '' as an empty variable reads: none (`proxy: process.env.http_proxy` with the variable set but empty).
  if (option === false || option === '') return undefined
  if (option !== undefined && typeof option !== 'string')
    throw new ConfigurationError(`proxy must be an http:// URL or false, got ${typeof option}`)
  const host = bare(target.hostname)
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  let source = 'proxy'
  let raw = option
  if (raw === undefined) {
    if (!useEnv || isLoopback(host) || bypassed(env.no_proxy || env.NO_PROXY || '', host, port))
      return undefined
    const name = (variables[target.protocol as keyof typeof variables] ?? []).find((n) => env[n])
    if (!name) return undefined
    source = name
    raw = env[name]!
  }
  let url: URL
  try {
    // A bare `host:port` is common in these variables; curl and Go read it as http.
    url = new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    throw new ConfigurationError(`${source} is not a URL such as http://proxy.internal:3128`)
  }
  if (url.protocol !== 'http:')
    throw new ConfigurationError(`${source}: only http:// proxies are supported, got ${url.protocol}//`)
  const headers: Record<string, string> = {}
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(user).toString('base64')}`
  }
  return { hostname: bare(url.hostname), port: url.port || '80', headers }
}

/** URL keeps the brackets of an IPv6 literal; sockets and NO_PROXY entries use the bare address. */
const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1'
}

/**
 * NO_PROXY as curl reads it: comma- or space-separated entries, `*` for every host; an entry names its host
 * and the host's subdomains (a leading `.` or `*.` changes nothing) or an exact IP; `:port` narrows it.
 */
function bypassed(list: string, host: string, port: string): boolean {
  for (const item of list.toLowerCase().split(/[\s,]+/)) {
    if (item === '*') return true
    const m = /^\[([^\]]+)\](?::(\d+))?$|^([^:]+)(?::(\d+))?$|^([0-9a-f:]+)$/.exec(item)
    if (!m) continue
    const name = (m[1] ?? m[3] ?? m[5] ?? '').replace(/^\*?\./, '')
    const only = m[2] ?? m[4]
    if (!name || (only && only !== port)) continue
    if (host === name || host.endsWith(`.${name}`)) return true
  }
  return false
}
