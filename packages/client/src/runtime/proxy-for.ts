import { ConfigurationError } from '../errors.ts'

/** A proxy as the Node transport uses it; `headers` carries Proxy-Authorization when the URL had a user. */
export interface HttpProxy {
  /** TLS to the proxy itself (an `https://` proxy URL). */
  secure: boolean
  hostname: string
  port: string
  headers: Record<string, string>
}

type Env = Readonly<Record<string, string | undefined>>

// As Node's own proxy support reads them: each scheme its variable, lower case first.
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
 * The proxy for requests to `target`: the `proxy` option (`false` or '': none), else, when `useEnv` (or what it
 * returns), the environment's https_proxy / http_proxy read as Node reads them under its switch, except that
 * loopback hosts are never proxied. Throws a ConfigurationError for a `proxy` it cannot use, and for a variable
 * Node would use but this transport cannot; never quotes the URL, which may carry a password.
 */
export function proxyFor(
  target: URL,
  option: unknown,
  env: Env,
  useEnv: boolean | (() => boolean) = true,
): HttpProxy | undefined {
  // '' as an empty variable reads: none (`proxy: process.env.http_proxy` with the variable set but empty).
  if (option === false || option === '') return undefined
  if (option !== undefined && typeof option !== 'string')
    throw new ConfigurationError(`proxy must be an http:// or https:// URL or false, got ${typeof option}`)
  let source = 'proxy'
  let raw = option
  if (raw === undefined) {
    const host = bare(target.hostname)
    const port = target.port || (target.protocol === 'https:' ? '443' : '80')
    // A loopback host reads no variable at all; `useEnv` as a function is asked only after that.
    if (isLoopback(host) || !(typeof useEnv === 'function' ? useEnv() : useEnv)) return undefined
    // Node takes the first variable that is set, even to blanks (which then name no proxy).
    const noProxy = env.no_proxy || env.NO_PROXY || ''
    if (bypassed(noProxy, host, port)) return undefined
    const name = (variables[target.protocol as keyof typeof variables] ?? []).find((n) => env[n])
    if (!name) return undefined
    source = name
    raw = env[name]!.trim()
    if (!raw) return undefined
    // A scheme Node's own support skips (socks5://...) sends Node's requests straight; so it does here.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^https?:\/\//i.test(raw)) return undefined
  }
  let url: URL
  try {
    // A bare `host:port` is common in these variables; curl and Go read it as http.
    url = new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    throw new ConfigurationError(`${source} is not a URL such as http://proxy.internal:3128`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(
      `${source}: only http:// and https:// proxies are supported, got ${url.protocol}//`,
    )
  // The option's path would be ignored (a proxy is a host and a port): said rather than dropped. A variable's is
  // ignored, as curl and Node's own support ignore it.
  if (source === 'proxy' && (url.pathname !== '/' || url.search || url.hash))
    throw new ConfigurationError(
      'proxy is a host and a port, such as http://proxy.internal:3128: its path, query or fragment would be ignored',
    )
  const headers: Record<string, string> = {}
  if (url.username || url.password) {
    let user: string
    try {
      user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    } catch {
      throw new ConfigurationError(`${source}: the user or password is not percent-encoded (write % as %25)`)
    }
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(user).toString('base64')}`
  }
  const secure = url.protocol === 'https:'
  return { secure, hostname: bare(url.hostname), port: url.port || (secure ? '443' : '80'), headers }
}

/** URL keeps the brackets of an IPv6 literal; sockets and NO_PROXY entries use the bare address. */
const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1'
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/
const ipv4Number = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)

/**
 * NO_PROXY as Node reads it: comma-separated entries, `*` for every host; a name matches itself only
 * (`.example.com` also its subdomains, `*.example.com` its subdomains only), an IP itself, an IPv4 range
 * `a-b` the addresses in it, and `host:port` that host on that port only. An IPv6 entry may also be bracketed.
 */
function bypassed(list: string, host: string, port: string): boolean {
  for (const raw of list.toLowerCase().split(',')) {
    const item = raw.trim()
    if (item === '*') return true
    if (!item) continue
    const range = /^([\d.]+)-([\d.]+)$/.exec(item)
    if (range) {
      const [from, to] = [range[1]!, range[2]!]
      if (ipv4.test(host) && ipv4.test(from) && ipv4.test(to)) {
        const n = ipv4Number(host)
        if (n >= ipv4Number(from) && n <= ipv4Number(to)) return true
      }
      continue
    }
    // `.example.com` covers example.com and its subdomains, `*.example.com` the subdomains only.
    if (item[0] === '.' || item.startsWith('*.')) {
      const suffix = item.replace(/^\*/, '')
      if (host.endsWith(suffix) || (item[0] === '.' && host === item.slice(1))) return true
      continue
    }
    const exact = /^\[([^\]]+)\](?::(\d+))?$|^([^:]+)(?::(\d+))?$|^([0-9a-f:]+)$/.exec(item)
    if (!exact) continue
    const name = exact[1] ?? exact[3] ?? exact[5]
    const only = exact[2] ?? exact[4]
    if (host === name && (!only || only === port)) return true
  }
  return false
}
