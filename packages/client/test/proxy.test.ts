// The Node transport through a real HTTP proxy on loopback: CONNECT tunnels for https (TLS end to end, to a
// test certificate for redis.tencentcloudapi.com), absolute-form requests for http. The API server behind it
// re-derives every signature (loopback-server.ts).
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net, { type AddressInfo } from 'node:net'
import tls from 'node:tls'
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { NetworkError, OutcomeUnknownError, RedisClient, type RedisClientOptions } from '../src/index.ts'
import { defaultTransport, transportFor } from '../src/runtime/node.ts'
import { startLoopbackServer } from './loopback-server.ts'

// Trusted by this process for the file's tests only: the test certificate is added in beforeAll, removed in afterAll.
const defaultCAs = tls.getCACertificates('default')
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const manualInput = { InstanceId: 'crs-5a4py64p', Remark: 'nightly' }
const describeInput = { InstanceId: 'crs-5a4py64p', Limit: 5 }

let api: Awaited<ReturnType<typeof startLoopbackServer>>
let terminator: tls.Server
let proxy: http.Server
let proxyUrl: string
let secureProxy: https.Server
let secureProxyUrl: string
/** What the proxy saw: CONNECT authorities and absolute-form request lines, with their Proxy-Authorization. */
const seen: { kind: 'CONNECT' | 'forward'; target: string; auth: string | undefined }[] = []
const behaviour = { refuse: 0, stall: false }
/** CONNECTs the proxy left unanswered, and whether the client has closed each. */
const stalled: { closedByClient: boolean }[] = []
/** Tunnelled sockets leave the servers' books: closed by hand at the end. */
const sockets = new Set<net.Socket>()
const track = (...each: net.Socket[]) => {
  for (const socket of each) sockets.add(socket.on('close', () => sockets.delete(socket)))
}

const listen = async (server: net.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

let tlsPort: number

/** The error of a backup whose TLS handshake refused the test certificate (another host's): not sent, retried. */
function expectRefusedCertificateUnsent(error: unknown): void {
  expect(error).not.toBeInstanceOf(OutcomeUnknownError)
  expect(error).toMatchObject({
    name: 'NetworkError',
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    mayHaveReachedServer: false,
  })
}

beforeAll(async () => {
  api = await startLoopbackServer()
  const apiPort = Number(new URL(api.origin).port)
  // The service's TLS, played by a terminator in front of the loopback API with a test certificate this
  // process trusts.
  terminator = tls.createServer(
    { key: fixture('tls-test-key.pem'), cert: fixture('tls-test-cert.pem') },
    (socket) => {
      const upstream = net.connect(apiPort, '127.0.0.1')
      track(socket, upstream)
      socket.pipe(upstream).pipe(socket)
      socket.on('error', () => upstream.destroy())
      upstream.on('error', () => socket.destroy())
    },
  )
  tlsPort = await listen(terminator)
  tls.setDefaultCACertificates([...defaultCAs, fixture('tls-test-cert.pem')])

  const proxyHandler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ kind: 'forward', target: String(req.url), auth: req.headers['proxy-authorization'] })
    const { 'proxy-authorization': _, ...headers } = req.headers
    const upstream = http.request(String(req.url), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  }
  const onConnect = (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push({ kind: 'CONNECT', target: String(req.url), auth: req.headers['proxy-authorization'] })
    track(client)
    if (behaviour.stall) {
      const entry = { closedByClient: false }
      stalled.push(entry)
      client.on('end', () => {
        entry.closedByClient = true
        client.destroy()
      })
      return
    }
    if (behaviour.refuse > 0) {
      behaviour.refuse--
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n')
      return
    }
    // Every tunnel leads to the terminator, whatever host it names: only the proxy resolves names.
    const upstream = net.connect(tlsPort, '127.0.0.1', () => {
      track(upstream)
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  }
  const tlsOptions = { key: fixture('tls-test-key.pem'), cert: fixture('tls-test-cert.pem') }
  proxy = http.createServer(proxyHandler).on('connect', onConnect)
  secureProxy = https.createServer(tlsOptions, proxyHandler).on('connect', onConnect)
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`
  secureProxyUrl = `https://127.0.0.1:${await listen(secureProxy)}`
})

afterAll(async () => {
  tls.setDefaultCACertificates(defaultCAs)
  for (const socket of sockets) socket.destroy()
  for (const server of [proxy, secureProxy]) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  await new Promise((resolve) => terminator.close(resolve))
  await api.close()
})

beforeEach(() => {
  api.reset()
  seen.length = 0
  behaviour.refuse = 0
  behaviour.stall = false
  stalled.length = 0
  vi.unstubAllEnvs()
})

/** A client through the plain proxy with quick retries, and `options` on top. */
const viaProxy = (options: Partial<RedisClientOptions> = {}) =>
  new RedisClient({
    region: 'ap-guangzhou',
    credentials,
    proxy: proxyUrl,
    backoff: { baseMs: 1, maxMs: 5 },
    ...options,
  })

describe('through an HTTP proxy', () => {
  it('reaches the default https endpoint through a CONNECT tunnel named by https_proxy, reusing the tunnel', async () => {
    vi.stubEnv('NODE_USE_ENV_PROXY', '1')
    vi.stubEnv('https_proxy', proxyUrl.replace('http://', 'http://ops:pa%3Ass@'))
    const client = new RedisClient({ region: 'ap-guangzhou', credentials })
    expect(client.endpoint).toBe('https://redis.tencentcloudapi.com')
    expect((await client.describeInstanceBackups(describeInput)).TotalCount).toBe(7)
    expect((await client.describeInstanceBackups(describeInput)).TotalCount).toBe(7)
    expect(await client.manualBackupInstance(manualInput)).toMatchObject({ TaskId: 6954227 })
    const another = new RedisClient({ region: 'ap-guangzhou', credentials })
    expect((await another.describeInstanceBackups(describeInput)).TotalCount).toBe(7)
    expect(api.received.map((r) => [r.action, r.verified, r.headers.host])).toEqual([
      ['DescribeInstanceBackups', true, 'redis.tencentcloudapi.com'],
      ['DescribeInstanceBackups', true, 'redis.tencentcloudapi.com'],
      ['ManualBackupInstance', true, 'redis.tencentcloudapi.com'],
      ['DescribeInstanceBackups', true, 'redis.tencentcloudapi.com'],
    ])
    // One tunnel for the describes, both clients' (keep-alive pools per proxy, shared in the process), one of
    // its own for the backup (a fresh connection).
    expect(seen).toEqual([
      { kind: 'CONNECT', target: 'redis.tencentcloudapi.com:443', auth: `Basic ${btoa('ops:pa:ss')}` },
      { kind: 'CONNECT', target: 'redis.tencentcloudapi.com:443', auth: `Basic ${btoa('ops:pa:ss')}` },
    ])
    expect(api.received.some((r) => 'proxy-authorization' in r.headers)).toBe(false)
  })

  it('sends an http endpoint to the `proxy` option in absolute form', async () => {
    const client = viaProxy({ endpoint: api.origin })
    await client.describeInstanceBackups(describeInput)
    await client.manualBackupInstance(manualInput)
    expect(seen.map((s) => [s.kind, s.target])).toEqual([
      ['forward', `${api.origin}/`],
      ['forward', `${api.origin}/`],
    ])
    expect(api.received.map((r) => r.verified)).toEqual([true, true])
  })

  it('leaves loopback hosts and those NO_PROXY names out of the environment proxy', async () => {
    vi.stubEnv('NODE_USE_ENV_PROXY', '1')
    vi.stubEnv('http_proxy', proxyUrl)
    await new RedisClient({
      region: 'ap-guangzhou',
      credentials,
      endpoint: api.origin,
    }).describeInstanceBackups(describeInput)
    vi.stubEnv('https_proxy', proxyUrl)
    const service = 'https://redis.tencentcloudapi.com'
    expect(transportFor(service)).not.toBe(defaultTransport)
    vi.stubEnv('NO_PROXY', '.tencentcloudapi.com')
    expect(transportFor(service)).toBe(defaultTransport)
    expect(seen).toEqual([])
    expect(api.received).toHaveLength(1)
  })

  it('retries a ManualBackupInstance whose tunnel the proxy refused, since it never reached the service', async () => {
    behaviour.refuse = 1
    const client = viaProxy({ proxy: proxyUrl.replace('http://', 'http://ops:s3cret@') })
    expect(await client.manualBackupInstance(manualInput)).toMatchObject({ TaskId: 6954227 })
    expect(seen.map((s) => s.kind)).toEqual(['CONNECT', 'CONNECT'])
    expect(api.count('ManualBackupInstance')).toBe(1)

    behaviour.refuse = 3
    const error = await client.manualBackupInstance(manualInput).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).not.toBeInstanceOf(OutcomeUnknownError)
    expect(error).toMatchObject({ code: 'ERR_PROXY_TUNNEL', mayHaveReachedServer: false })
    expect((error as Error).message).toBe(
      'ManualBackupInstance: the proxy answered 407 to CONNECT redis.tencentcloudapi.com:443: it wants credentials, or refused those in the proxy URL (http://user:password@host:port) (ERR_PROXY_TUNNEL) (3 attempts)',
    )
    expect(api.count('ManualBackupInstance')).toBe(1)
    const shown = [inspect(error, { depth: 5 }), inspect(client), JSON.stringify(client)].join('\n')
    expect(shown).not.toContain('s3cret')
    expect(shown).not.toContain(btoa('ops:s3cret'))
  })

  it('gives up a tunnel the proxy leaves unanswered when the attempt times out, closing its connection', async () => {
    behaviour.stall = true
    const error = await viaProxy({ timeoutMs: 100, maxAttempts: 2 })
      .describeInstanceBackups(describeInput)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 100 })
    expect(stalled).toHaveLength(2)
    await vi.waitFor(() => expect(stalled.every((s) => s.closedByClient)).toBe(true), { timeout: 1000 })
    expect(api.received).toHaveLength(0)
  })

  it('counts a backup whose CONNECT the proxy never answered as never sent', async () => {
    behaviour.stall = true
    const error = await viaProxy({ timeoutMs: 100 })
      .manualBackupInstance(manualInput)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(stalled).toHaveLength(3) // retried: nothing can have left before the tunnel opened
    expect(api.received).toHaveLength(0)
  })

  it('counts a backup whose TLS handshake failed inside the tunnel as never sent', async () => {
    // The test certificate does not name the regional host: the handshake fails after the tunnel opened.
    const client = viaProxy({ endpoint: 'https://redis.ap-guangzhou.tencentcloudapi.com', maxAttempts: 2 })
    const error = await client.manualBackupInstance(manualInput).catch((e: unknown) => e)
    expectRefusedCertificateUnsent(error)
    expect(seen.map((s) => s.target)).toEqual([
      'redis.ap-guangzhou.tencentcloudapi.com:443',
      'redis.ap-guangzhou.tencentcloudapi.com:443',
    ])
    expect(api.received).toHaveLength(0)
  })

  it('counts a backup whose direct TLS handshake refused the certificate as never sent, and retries it', async () => {
    // No proxy: straight to the terminator, whose certificate names redis.tencentcloudapi.com and 127.0.0.1, not localhost.
    const client = new RedisClient({
      region: 'ap-guangzhou',
      credentials,
      endpoint: `https://localhost:${tlsPort}`,
      proxy: false,
      maxAttempts: 2,
      backoff: { baseMs: 1, maxMs: 1 },
    })
    const error = await client.manualBackupInstance(manualInput).catch((e: unknown) => e)
    expectRefusedCertificateUnsent(error)
    expect((error as Error).message).toContain('2 attempts')
    expect(api.received).toHaveLength(0)
  })

  it('counts a backup sent with https:// to a plain-http port as never sent, and retries it', async () => {
    // The loopback API speaks plain http: its answer to the ClientHello is no TLS record, so the handshake fails.
    const client = new RedisClient({
      region: 'ap-guangzhou',
      credentials,
      endpoint: api.origin.replace('http:', 'https:'),
      proxy: false,
      maxAttempts: 2,
      backoff: { baseMs: 1, maxMs: 1 },
    })
    const error = await client.manualBackupInstance(manualInput).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(OutcomeUnknownError)
    expect(error).toMatchObject({ name: 'NetworkError', code: 'EPROTO', mayHaveReachedServer: false })
    expect((error as Error).message).toContain('2 attempts')
    expect(api.received).toHaveLength(0)
  })

  it('speaks TLS to an https:// proxy, for a tunnel and for an absolute-form request', async () => {
    const tunnelled = new RedisClient({ region: 'ap-guangzhou', credentials, proxy: secureProxyUrl })
    expect((await tunnelled.describeInstanceBackups(describeInput)).TotalCount).toBe(7)
    const forwarded = new RedisClient({
      region: 'ap-guangzhou',
      credentials,
      endpoint: api.origin,
      proxy: secureProxyUrl,
    })
    expect(await forwarded.manualBackupInstance(manualInput)).toMatchObject({ TaskId: 6954227 })
    expect(seen.map((s) => [s.kind, s.target])).toEqual([
      ['CONNECT', 'redis.tencentcloudapi.com:443'],
      ['forward', `${api.origin}/`],
    ])
    expect(api.received.map((r) => r.verified)).toEqual([true, true])
  })

  it('retries when the proxy cannot be reached, and says so', async () => {
    const closed = http.createServer()
    const port = await listen(closed)
    await new Promise((resolve) => closed.close(resolve))
    const client = viaProxy({ proxy: `http://127.0.0.1:${port}` })
    const error = await client.manualBackupInstance(manualInput).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'NetworkError',
      code: 'ERR_PROXY_TUNNEL',
      mayHaveReachedServer: false,
    })
    expect((error as Error).message).toMatch(
      /the proxy at 127\.0\.0\.1:\d+ could not be reached or closed the connection before a tunnel to redis\.tencentcloudapi\.com:443 opened/,
    )
    expect((error as NetworkError).cause).toMatchObject({ cause: { code: 'ECONNREFUSED' } })
  })
})
