// The control plane has no authentication: whoever reaches the port may drive it, which is the point for a test
// suite on the same machine or in the same docker network. A browser, though, sends requests to loopback for any page
// it shows. It says which page in Origin, which a page cannot set, on every request but a GET or HEAD to the page's own
// origin: every cross-origin fetch, and every request of any other method. Clients that are not browsers (curl,
// Python, Go, Node) send none, so requests without one are let through.

/** localhost, 127.x.x.x or [::1], as URL writes a hostname: an address only this machine reaches. */
const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/** The http(s) origin `text` is, scheme host and port only (as a browser sends one), else undefined. */
function originOf(text: string): URL | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  const http = url.protocol === 'http:' || url.protocol === 'https:'
  return http && url.href === `${url.origin}/` ? url : undefined
}

/** An origin given to crs-mock to allow, as a browser writes it (`https://Tests.Example.com/` -> `https://tests.example.com`). */
export function checkAdminOrigin(value: unknown, what: string): string {
  const url = typeof value === 'string' ? originOf(value) : undefined
  if (!url)
    throw new TypeError(
      `${what} must be an origin such as http://app:3000 (http or https, a host and an optional port, nothing after), got ${JSON.stringify(value)}`,
    )
  return url.origin
}

/** startMockServer's `adminOrigins`, checked before it listens. */
export function checkAdminOrigins(value: unknown): string[] {
  if (!Array.isArray(value))
    throw new TypeError(
      `[crs-kit/msw] adminOrigins must be an array of origins, got ${JSON.stringify(value)}`,
    )
  return value.map((origin, i) => checkAdminOrigin(origin, `[crs-kit/msw] adminOrigins[${i}]`))
}

const loopbackPages =
  'pages served from loopback (http://localhost:PORT, http://127.0.0.1:PORT, http://[::1]:PORT)'

function refuseOrigin(origin: string): string {
  const allow = originOf(origin)
    ? `to allow that page, start crs-mock with --admin-origin ${origin} (startMockServer: adminOrigins: ['${origin}'])`
    : 'a sandboxed iframe or a file:// page sends "null", which cannot be allowed: serve the page over http(s)'
  return `the control plane refuses requests from web pages of other sites, and this one came from origin ${JSON.stringify(origin)}. It accepts ${loopbackPages}, clients that are not browsers, and origins given with --admin-origin; ${allow}`
}

/**
 * Tells whether a control-plane request may go on, from its Origin header: undefined when it may (no Origin, or a page
 * served from loopback or from one of `adminOrigins`), else why not. The Host is not checked: a test container reaches
 * crs-mock as `http://crs-mock:4010` without an Origin, and an allowed page may reach it by any name.
 */
export function createAdminGuard(
  adminOrigins: readonly string[],
): (origin: string | undefined) => string | undefined {
  const allowed = new Set(adminOrigins)
  return (origin) => {
    if (origin === undefined) return undefined
    const url = originOf(origin)
    return url && (isLoopbackHost(url.hostname) || allowed.has(url.origin)) ? undefined : refuseOrigin(origin)
  }
}
