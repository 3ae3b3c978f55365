import { shown } from './shown.ts'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every host of the service: default, intl, each region's (financial ones included), any port. */
const tencentHosts = String.raw`redis(?:\.[a-z0-9-]+)?\.tencentcloudapi\.com(?::\d+)?`

/**
 * The URLs the handlers answer, as one RegExp over msw's clean URL (no query): path `/` of the service's
 * hosts, plus each extra host given as `host`, `host:port` or a URL (whose path is then the one matched).
 * A host without a port matches any port.
 */
export function hostPattern(extra: readonly string[] = []): RegExp {
  // A string would be read character by character, each one a host: a list of one is what was meant.
  if (!Array.isArray(extra))
    throw new TypeError(
      `[crs-kit/msw] hosts must be a list of hosts, e.g. ['127.0.0.1:4010'], got ${shown(extra)}${typeof extra === 'string' ? `: give [${JSON.stringify(extra)}]` : ''}`,
    )
  const alternatives = [`${tencentHosts}/`]
  for (const [index, entry] of extra.entries()) {
    if (typeof entry !== 'string')
      throw new TypeError(
        `[crs-kit/msw] hosts[${index}] must be a string (a host, host:port or URL, e.g. 127.0.0.1:4010), got ${shown(entry)}`,
      )
    let url: URL
    try {
      url = new URL(entry.includes('://') ? entry : `http://${entry}`)
    } catch {
      throw new TypeError(
        `[crs-kit/msw] hosts: ${JSON.stringify(entry)} is not a host, host:port or URL (e.g. 127.0.0.1:4010)`,
      )
    }
    // Taken, each would match nothing the user meant: msw's wildcards are not read here, and the handlers answer
    // http(s) on a path, whatever the query.
    const wrong = url.hostname.includes('*')
      ? 'a wildcard is not read here: list each host'
      : !/^https?:$/.test(url.protocol)
        ? `${url.protocol.slice(0, -1)} is not http or https`
        : url.search || url.hash || entry.endsWith('?') || entry.endsWith('#')
          ? 'a query or fragment is not matched: give the host and path only'
          : undefined
    if (wrong)
      throw new TypeError(`[crs-kit/msw] hosts: ${JSON.stringify(entry)}: ${wrong} (e.g. 127.0.0.1:4010)`)
    const port = url.port ? `:${url.port}` : entry.includes('://') ? '' : String.raw`(?::\d+)?`
    const path = url.pathname === '/' ? '/' : `${escapeRegExp(url.pathname.replace(/\/$/, ''))}/?`
    alternatives.push(`${escapeRegExp(url.hostname)}${port}${path}`)
  }
  return new RegExp(`^https?://(?:${alternatives.join('|')})$`, 'i')
}
