const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every host of the service: default, intl, each region's (financial ones included), any port. */
const tencentHosts = String.raw`redis(?:\.[a-z0-9-]+)?\.tencentcloudapi\.com(?::\d+)?`

/**
 * The URLs the handlers answer, as one RegExp over msw's clean URL (no query): path `/` of the service's
 * hosts, plus each extra host given as `host`, `host:port` or a URL (whose path is then the one matched).
 * A host without a port matches any port.
 */
export function hostPattern(extra: readonly string[] = []): RegExp {
  const alternatives = [`${tencentHosts}/`]
  for (const entry of extra) {
    let url: URL
    try {
      url = new URL(entry.includes('://') ? entry : `http://${entry}`)
    } catch {
      throw new TypeError(
        `[crs-kit/msw] hosts: ${JSON.stringify(entry)} is not a host, host:port or URL (e.g. 127.0.0.1:4010)`,
      )
    }
    const port = url.port ? `:${url.port}` : entry.includes('://') ? '' : String.raw`(?::\d+)?`
    const path = url.pathname === '/' ? '/' : `${escapeRegExp(url.pathname.replace(/\/$/, ''))}/?`
    alternatives.push(`${escapeRegExp(url.hostname)}${port}${path}`)
  }
  return new RegExp(`^https?://(?:${alternatives.join('|')})$`, 'i')
}
