import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkAdminOrigins } from './admin/admin-guard.ts'
import { createAdminRoutes, isAdminTarget } from './admin/admin-routes.ts'
import {
  createMockServiceCore,
  type MockService,
  type MockServiceOptions,
  serviceOptionNames,
} from './create-mock-service.ts'
import { nodeCryptoHmac } from './crypto/node-crypto-hmac.ts'
import { dropConnection } from './dispatch-call.ts'
import { cors, errorEnvelope, httpDate } from './envelope.ts'
import { serveFastPath } from './fast-connection.ts'
import { checkKnownOptions } from './known-options.ts'
import type { MockClock } from './mock-clock.ts'
import { BodyTooLargeError, behindRefusedBody, endAfterRefusedBody, readWireRequest } from './node-request.ts'
import { createOffsetClock } from './offset-clock.ts'
import { maxQueryBytes, type WireRequest } from './protocol/read-call.ts'
import { randomId } from './random-id.ts'
import { shown } from './shown.ts'
import type { Credential } from './verify/credential.ts'

export interface MockServerOptions extends Omit<MockServiceOptions, 'hmac' | 'credentials'> {
  /** Default 127.0.0.1. */
  host?: string | undefined
  /** Default 0: a free port (the CLI defaults to 4010). */
  port?: number | undefined
  /** Key pairs to accept. Default: AKIDEXAMPLE / SECRETEXAMPLE, as the CLI. */
  credentials?: readonly Credential[] | undefined
  /** false: accept requests without checking signatures. Default true. */
  verify?: boolean | undefined
  /**
   * The control plane under `/__crs-mock/` (reset, overrides, seeding, the clock, state and calls over HTTP,
   * for suites that cannot call this object). Default true; false: those paths are service paths like any other.
   * It refuses web pages of other sites (403): only pages served from loopback, and `adminOrigins`, may drive it.
   */
  admin?: boolean | undefined
  /**
   * More origins whose pages may drive the control plane, besides loopback ones: a browser test served from another
   * host, e.g. `['http://app:3000']` in docker compose. Each is an http(s) origin; anything else throws a TypeError.
   */
  adminOrigins?: readonly string[] | undefined
}

export interface MockServer extends MockService {
  /** `http://HOST:PORT` */
  readonly url: string
  readonly port: number
  /**
   * Seed state, no overrides, empty rate-limit windows, no recorded calls, and the server's own clock back to
   * real time (a clock you passed is left alone). What `POST /__crs-mock/reset` does.
   */
  reset(): void
  /** Stops accepting, ends open connections, resolves once closed; later calls share that promise. */
  close(): Promise<void>
}

/** The options of startMockServer besides the service's (the type checker keeps the list whole). */
const serverOnlyOptions = {
  host: true,
  port: true,
  verify: true,
  admin: true,
  adminOrigins: true,
} as const satisfies Record<Exclude<keyof MockServerOptions, keyof MockServiceOptions>, true>

const serverOptionNames = [...serviceOptionNames, ...Object.keys(serverOnlyOptions)]

export const defaultCredentials: readonly Credential[] = [
  { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
]

// Every answer's head as name/value pairs, Content-Length last: writeHead takes them as they are and the
// array is filled in per answer (writeHead copies it into the head before returning).
const head: string[] = [
  ...Object.entries(cors).flat(),
  'content-type',
  'application/json',
  'Date',
  '',
  'Content-Length',
  '',
]

/**
 * node:http's limit on the request line plus headers (its default, 16 KiB, is below the service's 32 KB
 * GET query): room for a query at the limit and ordinary headers, so the service's own check answers a
 * longer query with RequestSizeLimitExceeded before node:http has to refuse the head.
 */
const maxHeaderBytes = 2 * maxQueryBytes

/** The raw HTTP/1.1 answer to a head over maxHeaderBytes: the envelope, then the connection closes. */
function headerOverflowAnswer(now: number): string {
  const envelope = errorEnvelope(
    'RequestSizeLimitExceeded',
    `the request line and headers exceed ${maxHeaderBytes} bytes (the query string may have at most ${maxQueryBytes})`,
    randomId(),
  )
  const fields = Object.entries(cors).map(([name, value]) => `${name}: ${value}\r\n`)
  return `HTTP/1.1 200 OK\r\n${fields.join('')}Content-Type: application/json\r\nDate: ${httpDate(now)}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(envelope)}\r\n\r\n${envelope}`
}

/**
 * Writes an envelope as the service sends every answer: HTTP 200, application/json (and CORS), dated `now`.
 * `end: false` writes the whole answer but leaves the response open, for endAfterRefusedBody to end.
 */
function send(res: ServerResponse, envelope: string, now: number, end = true): void {
  head[head.length - 3] = httpDate(now)
  head[head.length - 1] = String(Buffer.byteLength(envelope))
  res.writeHead(200, head)
  // A string body goes out in the same write as the head.
  if (end) res.end(envelope)
  else res.write(envelope)
}

/** 127.x.x.x or ::1 (also as an IPv4-mapped IPv6 address): a listening address only this machine reaches. */
const isLoopbackAddress = (address: string) => /^(::ffff:)?127\./.test(address) || address === '::1'

/**
 * The mock service over plain node:http: what the `crs-mock` bin runs, for tests in any language. Plain, complete
 * service calls are answered before node:http builds its request objects (fast-connection.ts), with the same bytes.
 * @example const server = await startMockServer({ port: 4010 }); await server.close()
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  checkKnownOptions('startMockServer', options, serverOptionNames)
  const { port } = options
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
    throw new TypeError(
      `[crs-kit/msw] port must be a whole number from 0 (a free port) to 65535, got ${shown(port)}`,
    )
  for (const name of ['verify', 'admin'] as const) {
    const value = options[name]
    // A string from an environment variable ("false", "0") would otherwise mean on.
    if (value !== undefined && typeof value !== 'boolean')
      throw new TypeError(`[crs-kit/msw] ${name} must be true or false (default true), got ${shown(value)}`)
  }
  const { host = '127.0.0.1' } = options
  // '' (an unset variable's fallback, say) would make node:http listen on every interface, control plane included.
  if (typeof host !== 'string' || host.trim() === '')
    throw new TypeError(
      `[crs-kit/msw] host must be an address or host name to listen on (default 127.0.0.1; '0.0.0.0' for every interface), got ${shown(host)}`,
    )
  const adminOrigins = checkAdminOrigins(options.adminOrigins ?? [])
  const ownClock = options.clock === undefined ? createOffsetClock() : undefined
  // Checked (its now() read once) with the other service options.
  const clock = ownClock ?? (options.clock as MockClock)
  const {
    service,
    answer: answerCall,
    overrides,
    log,
  } = createMockServiceCore({
    ...options,
    clock,
    credentials:
      options.verify === false
        ? undefined
        : options.credentials === undefined
          ? defaultCredentials
          : options.credentials,
    hmac: nodeCryptoHmac,
  })
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  // The time an answer is dated by. A clock of yours that breaks later fails the call (InternalError) in the service;
  // here, outside it, the answer is dated by the system's time rather than the exception ending the process.
  const now = (): number => {
    try {
      const time = clock.now()
      if (Number.isFinite(time)) return time
    } catch {}
    return Date.now()
  }
  const reset = () => {
    service.reset()
    ownClock?.real()
  }
  const admin =
    options.admin === false
      ? undefined
      : createAdminRoutes(
          { state: service.state, overrides, log, clock, ownClock, reset },
          maxBodyBytes,
          adminOrigins,
        )
  let fallbackHost = '127.0.0.1'

  const failure = (e: unknown) => {
    console.error('[crs-kit/msw] crs-mock failed to answer a request', e)
    return errorEnvelope('InternalError', 'internal error of the mock service', randomId())
  }
  const failed = (res: ServerResponse, e: unknown) => {
    const envelope = failure(e)
    if (!res.headersSent) send(res, envelope, now())
    else res.destroy()
  }

  const respond = (req: IncomingMessage, res: ServerResponse, answer: string | typeof dropConnection) => {
    if (answer === dropConnection) req.socket.destroy()
    else send(res, answer, now())
  }

  const unreadable = (req: IncomingMessage, res: ServerResponse, e: unknown) => {
    const tooLarge = e instanceof BodyTooLargeError
    const code = tooLarge ? 'RequestSizeLimitExceeded' : 'InvalidParameter'
    const message = tooLarge
      ? `the request body exceeds ${maxBodyBytes} bytes`
      : 'the request could not be read'
    // Answer at once, then close the connection once the client has stopped sending what is left of the body.
    res.setHeader('Connection', 'close')
    send(res, refusal(code, message), now(), false)
    endAfterRefusedBody(req, res)
  }

  /** A refusal answered before the service's stages, recorded as they record a call (with no action known). */
  const refusal = (code: string, message: string) => {
    const requestId = randomId()
    const envelope = errorEnvelope(code, message, requestId)
    return log ? log.add({ time: now(), requestId, action: null, region: null }, envelope) : envelope
  }

  /** Answers a request that could be read; synchronous unless a stage is not (an override's delay). */
  const answerRequest = (req: IncomingMessage, res: ServerResponse, request: WireRequest) => {
    const answer = answerCall(request)
    if (answer instanceof Promise)
      answer.then((a) => respond(req, res, a)).catch((e: unknown) => failed(res, e))
    else respond(req, res, answer)
  }

  function onRequest(req: IncomingMessage, res: ServerResponse) {
    if (behindRefusedBody(req)) {
      // Its connection closes once the refused body before it is read: drop it unanswered, as the client will see.
      req.resume()
      return
    }
    // The one check the control plane adds to a service call.
    if (admin && isAdminTarget(req.url ?? '')) {
      admin(req, res)
      return
    }
    const method = req.method ?? ''
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      // Dated by the mock clock, as every other answer.
      res.writeHead(204, { ...cors, Date: httpDate(now()) }).end()
      return
    }
    if (method !== 'GET' && method !== 'POST') {
      // Answered before reading: fetch's Request cannot even represent some methods (CONNECT, TRACE).
      req.resume()
      send(res, refusal('UnsupportedProtocol', `method ${method} is not supported; use GET or POST`), now())
      return
    }
    readWireRequest(req, fallbackHost, maxBodyBytes, (error, request) => {
      try {
        if (request) answerRequest(req, res, request)
        else unreadable(req, res, error)
      } catch (e) {
        failed(res, e)
      }
    })
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    try {
      onRequest(req, res)
    } catch (e) {
      failed(res, e)
    }
  }
  const server = createServer({ maxHeaderSize: maxHeaderBytes }, handle)
  const fastConnections = serveFastPath(server, {
    isServiceTarget: (target) => !(admin && isAdminTarget(target)),
    answer: answerCall,
    failure,
    now,
    maxBodyBytes,
    fallbackHost: () => fallbackHost,
  })
  // Expect: 100-continue (curl for large bodies, Java's expectContinue): a body announced over the limit is refused
  // instead of invited, so the client does not upload what would be dropped. node:http invites every one by default.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers['content-length']) > maxBodyBytes)) res.writeContinue()
    handle(req, res)
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy()
      return
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      // Too large for node:http even with the raised limit: still the service's answer, not a bare 4xx.
      socket.end(headerOverflowAnswer(now()))
      return
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const listening = address.family === 'IPv6' ? `[${address.address}]` : address.address
  fallbackHost = `${listening}:${address.port}`
  const url = `http://${listening}:${address.port}`
  // The control plane has no authentication: fine on loopback, open to a network on any other address.
  if (options.admin !== false && !isLoopbackAddress(address.address))
    console.warn(
      `[crs-kit/msw] the control plane (${url}/__crs-mock/) has no authentication and anyone who reaches ${host} can reset the mock or change its answers; pass admin: false (crs-mock --no-admin) if they should not`,
    )
  // One shutdown however often close() is called (an afterAll and a test's own cleanup, say).
  let closed: Promise<void> | undefined
  return {
    ...service,
    reset,
    url,
    port: address.port,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
        for (const socket of fastConnections) socket.destroy()
      })
      return closed
    },
  }
}
