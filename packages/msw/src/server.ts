import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMockServiceCore, type MockService, type MockServiceOptions } from './create-mock-service.ts'
import { nodeCryptoHmac } from './crypto/node-crypto-hmac.ts'
import { dropConnection } from './dispatch-call.ts'
import { errorEnvelope } from './envelope.ts'
import { BodyTooLargeError, toWireRequest } from './node-request.ts'
import type { WireRequest } from './protocol/read-call.ts'
import { randomId } from './random-id.ts'
import type { Credential } from './verify/credential.ts'

export interface MockServerOptions extends Omit<MockServiceOptions, 'hmac' | 'credentials'> {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port (the CLI defaults to 4010). */
  port?: number
  /** Key pairs to accept. Default: AKIDEXAMPLE / SECRETEXAMPLE, as the CLI. */
  credentials?: readonly Credential[]
  /** false: accept requests without checking signatures. Default true. */
  verify?: boolean
}

export interface MockServer extends MockService {
  /** `http://HOST:PORT` */
  readonly url: string
  readonly port: number
  /** Stops accepting, ends open connections, resolves once closed; later calls share that promise. */
  close(): Promise<void>
}

export const defaultCredentials: readonly Credential[] = [
  { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
]

// Lets a browser page call crs-mock directly; the real service's CORS policy is not part of the contract.
const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, POST',
  'Access-Control-Max-Age': '600',
}

/** Writes an envelope as the service sends every answer: HTTP 200, application/json (and CORS). */
function send(res: ServerResponse, envelope: string): void {
  res.writeHead(200, {
    ...cors,
    'content-type': 'application/json',
    'Content-Length': String(Buffer.byteLength(envelope)),
  })
  // A string body goes out in the same write as the head.
  res.end(envelope)
}

/**
 * The mock service over plain node:http: what the `crs-mock` bin runs, for tests in any language.
 * @example const server = await startMockServer({ port: 4010 }); await server.close()
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { service, answer: answerCall } = createMockServiceCore({
    ...options,
    credentials: options.verify === false ? undefined : (options.credentials ?? defaultCredentials),
    hmac: nodeCryptoHmac,
  })
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  let fallbackHost = '127.0.0.1'

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? ''
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, cors).end()
      return
    }
    if (method !== 'GET' && method !== 'POST') {
      // Answered before reading: fetch's Request cannot even represent some methods (CONNECT, TRACE).
      req.resume()
      send(
        res,
        errorEnvelope(
          'UnsupportedProtocol',
          `method ${method} is not supported; use GET or POST`,
          randomId(),
        ),
      )
      return
    }
    let request: WireRequest
    try {
      request = await toWireRequest(req, fallbackHost, maxBodyBytes)
    } catch (e) {
      const tooLarge = e instanceof BodyTooLargeError
      const code = tooLarge ? 'RequestSizeLimitExceeded' : 'InvalidParameter'
      const message = tooLarge
        ? `the request body exceeds ${maxBodyBytes} bytes`
        : 'the request could not be read'
      // Stop reading an oversized body: answer, then close the connection.
      res.setHeader('Connection', 'close')
      send(res, errorEnvelope(code, message, randomId()))
      return
    }
    const answer = await answerCall(request)
    if (answer === dropConnection) req.socket.destroy()
    else send(res, answer)
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e) => {
      console.error('[crs-kit/msw] crs-mock failed to answer a request', e)
      if (!res.headersSent)
        send(res, errorEnvelope('InternalError', 'internal error of the mock service', randomId()))
      else res.destroy()
    })
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  fallbackHost = `${host}:${address.port}`
  // One shutdown however often close() is called (an afterAll and a test's own cleanup, say).
  let closed: Promise<void> | undefined
  return {
    ...service,
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closed
    },
  }
}
