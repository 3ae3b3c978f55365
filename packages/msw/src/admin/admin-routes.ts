import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLargeError, endAfterRefusedBody, readWireRequest } from '../node-request.ts'
import {
  type AdminAnswer,
  type AdminTarget,
  adminEndpoints,
  adminPrefix,
  isAdminTarget,
} from './admin-endpoints.ts'
import { AdminError, badInput } from './admin-error.ts'
import { createAdminGuard } from './admin-guard.ts'

export { adminPrefix, isAdminTarget }

const plain = { 'Cache-Control': 'no-store', 'Content-Type': 'application/json' }
// A browser test on another origin (one the guard lets through) may drive the control plane as it calls the service.
const headers = {
  ...plain,
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
}

/** `end: false` writes the whole answer but leaves the response open, for endAfterRefusedBody to end. */
function send(
  res: ServerResponse,
  [status, json]: AdminAnswer,
  head: Record<string, string> = headers,
  end = true,
): void {
  const text = JSON.stringify(json)
  res.writeHead(status, { ...head, 'Content-Length': Buffer.byteLength(text) })
  if (end) res.end(text)
  else res.write(text)
}

const failure = (e: unknown): AdminAnswer => {
  if (e instanceof AdminError) return [e.status, { error: e.message }]
  console.error('[crs-kit/msw] crs-mock control plane failed', e)
  return [500, { error: `the control plane failed: ${(e as Error)?.message ?? String(e)}` }]
}

/** The endpoint table's key for a path below the prefix (`overrides/7` -> `overrides/:id`) and its id. */
function route(rest: string): { key: string; id: string } | undefined {
  const path = rest.replace(/\/$/, '')
  if (Object.hasOwn(adminEndpoints, path)) return { key: path, id: '' }
  const segments = path.split('/')
  const [head, id, ...tail] = segments
  if (id === undefined || id === '') return undefined
  const key = [head, ':id', ...tail].join('/')
  if (!Object.hasOwn(adminEndpoints, key)) return undefined
  try {
    return { key, id: decodeURIComponent(id) }
  } catch {
    return undefined
  }
}

/**
 * Answers a request under adminPrefix: JSON in, JSON out, with HTTP statuses (this is the mock's own API,
 * not Tencent's), outside signatures, the rate limit and the call log. A refused request changes nothing:
 * each endpoint checks its whole input before it touches the state. A web page of another site than loopback
 * and `adminOrigins` is refused first (403), whatever the path.
 */
export function createAdminRoutes(
  target: AdminTarget,
  maxBodyBytes: number,
  adminOrigins: readonly string[],
): (req: IncomingMessage, res: ServerResponse) => void {
  const guard = createAdminGuard(adminOrigins)
  // One stderr line per refused origin (a browser test in another container sees only a failed fetch); at most 20.
  const warned = new Set<string>()
  const warnOnce = (origin: string) => {
    if (warned.has(origin) || warned.size >= 20) return
    warned.add(origin)
    console.warn(
      `[crs-kit/msw] crs-mock refused a control-plane request from the web page origin ${JSON.stringify(origin.slice(0, 200))}; if it is your test's page, start crs-mock with --admin-origin (adminOrigins)`,
    )
  }
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://crs-mock')
    const rest = url.pathname.slice(adminPrefix.length)
    const found = route(rest)
    const endpoint = found && adminEndpoints[found.key]!
    const method = req.method ?? ''
    const preflight = method === 'OPTIONS' && Boolean(req.headers['access-control-request-method'])
    const refusal = guard(req.headers.origin)
    if (refusal) {
      req.resume()
      warnOnce(req.headers.origin!)
      // A preflight's answer is the grant itself: none. Other refusals keep the CORS headers, so that a browser test
      // can read why it was refused (the answer holds nothing but the origin the browser sent).
      send(res, [403, { error: refusal }], preflight ? plain : headers)
      return
    }
    if (preflight) {
      res.writeHead(204, { ...headers, 'Access-Control-Max-Age': '600' }).end()
      return
    }
    if (!endpoint || !found) {
      req.resume()
      send(res, [404, { error: `no control-plane endpoint ${url.pathname}; GET ${adminPrefix} lists them` }])
      return
    }
    // HEAD is GET without the body (node:http leaves the body out and keeps its Content-Length): every GET here
    // only reads, so a curl -I or a health check may use it.
    const verb = method === 'HEAD' && Object.hasOwn(endpoint, 'GET') ? 'GET' : method
    const handler = Object.hasOwn(endpoint, verb) ? endpoint[verb] : undefined
    if (!handler) {
      req.resume()
      const methods = Object.keys(endpoint)
      const allowed = (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ')
      send(res, [405, { error: `${method} is not allowed on ${url.pathname}; use ${allowed}` }], {
        ...headers,
        Allow: allowed,
      })
      return
    }
    readWireRequest(req, 'crs-mock', maxBodyBytes, (error, request) => {
      let answer: AdminAnswer
      try {
        if (error instanceof BodyTooLargeError)
          throw new AdminError(413, `the request body exceeds ${maxBodyBytes} bytes`)
        if (!request) throw badInput('the request could not be read')
        const text = Buffer.from(request.bodyBytes ?? []).toString('utf8')
        let body: unknown
        try {
          body = text.trim() === '' ? undefined : JSON.parse(text)
        } catch (e) {
          throw badInput(`the body is not JSON: ${(e as Error).message}`)
        }
        answer = handler(target, { body, query: url.searchParams, id: found.id })
      } catch (e) {
        answer = failure(e)
      }
      if (error instanceof BodyTooLargeError) {
        res.setHeader('Connection', 'close')
        send(res, answer, headers, false)
        endAfterRefusedBody(req, res)
      } else send(res, answer)
    })
  }
}
