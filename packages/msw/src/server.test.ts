import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { RedisClient } from '@crs-kit/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createMockClock } from './mock-clock.ts'
import { rawExchange } from './raw-exchange.fixture.ts'
import { seededRandom } from './seeded-random.fixture.ts'
import { type MockServer, startMockServer } from './server.ts'
import { codeOf, envelope, tc3Get, v1Request } from './test-requests.fixture.ts'

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** A raw request through node:http, for what fetch refuses to send. */
function raw(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => {
        text += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('startMockServer', () => {
  let server: MockServer
  beforeAll(async () => {
    server = await startMockServer({ maxBodyBytes: 4096, rateLimit: false })
  })
  afterAll(() => server.close())

  it('listens on a free port and answers v1 calls signed for its own host', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const ok = await fetch(v1Request({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` }))
    expect(ok.status).toBe(200)
    expect(await envelope(ok)).toMatchObject({ TotalCount: 2 })
    const wrong = await fetch(
      v1Request({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/`, secretKey: 'nope' }),
    )
    expect(await codeOf(wrong)).toBe('AuthFailure.SignatureFailure')
  })

  it('checks signatures with the example key by default', async () => {
    const unsigned = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(await codeOf(unsigned)).toBe('AuthFailure.InvalidAuthorization')
  })

  it('answers UnsupportedProtocol for any other method, in the envelope with HTTP 200', async () => {
    for (const method of ['PUT', 'DELETE', 'TRACE', 'HEAD', 'PATCH']) {
      const r = await raw(`${server.url}/`, method)
      expect(r.status, method).toBe(200)
      if (method !== 'HEAD') expect(JSON.parse(r.text).Response.Error.Code).toBe('UnsupportedProtocol')
    }
  })

  it('refuses a body over the limit with RequestSizeLimitExceeded', async () => {
    const r = await raw(`${server.url}/`, 'POST', 'x'.repeat(10_000))
    expect(r.status).toBe(200)
    expect(JSON.parse(r.text).Response.Error.Code).toBe('RequestSizeLimitExceeded')
  })

  it('answers RequestSizeLimitExceeded to a chunked body that grows past the limit, then closes', async () => {
    const r = await new Promise<{ status: number; connection: string | undefined; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.url}/`, { method: 'POST' }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => {
            text += c
          })
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }),
          )
        })
        req.on('error', reject)
        // No Content-Length: node:http sends it chunked, so the limit is only found while reading.
        req.write('x'.repeat(3000))
        req.end('x'.repeat(3000))
      },
    )
    expect(r.status).toBe(200)
    expect(r.connection).toBe('close')
    expect(JSON.parse(r.text).Response.Error.Code).toBe('RequestSizeLimitExceeded')
  })

  it('answers a GET query of up to 32 KB, and RequestSizeLimitExceeded in the envelope beyond', async () => {
    const prefix = 'InstanceId=crs-5a4py64p&Remark='
    const get = async (queryBytes: number) => {
      server.reset()
      const query = prefix + 'a'.repeat(queryBytes - prefix.length)
      const response = await fetch(
        await tc3Get(query, { action: 'ManualBackupInstance', url: `${server.url}/` }),
      )
      expect(response.status, `${queryBytes}-byte query`).toBe(200)
      return envelope(response)
    }
    // Over node:http's default 16 KiB head, within the service's limit.
    expect(await get(20_000)).toMatchObject({ TaskId: expect.any(Number) })
    expect(await get(32 * 1024)).toMatchObject({ TaskId: expect.any(Number) })
    for (const size of [32 * 1024 + 1, 40_000]) {
      expect((await get(size)).Error, `${size}-byte query`).toMatchObject({
        Code: 'RequestSizeLimitExceeded',
      })
    }
  })

  it('names an unknown InstanceId quoted, so stray spaces show, and cut short when it is long', async () => {
    const messageFor = async (instanceId: string) => {
      const query = `InstanceId=${encodeURIComponent(instanceId)}`
      const answer = await envelope(await fetch(await tc3Get(query, { url: `${server.url}/` })))
      expect((answer.Error as { Code: string }).Code).toBe('ResourceNotFound.InstanceNotExists')
      return (answer.Error as { Message: string }).Message
    }
    expect(await messageFor('crs-5a4py64p ')).toBe('instance "crs-5a4py64p " does not exist')
    const long = await messageFor(`crs-${'x'.repeat(20_000)}`)
    expect(long).toBe(`instance "crs-${'x'.repeat(76)}..." (20004 characters) does not exist`)
  })

  it('answers a head too large for node:http with RequestSizeLimitExceeded and closes', async () => {
    const r = await raw(`${server.url}/?InstanceId=crs-5a4py64p&Remark=${'a'.repeat(200_000)}`, 'GET')
    expect(r.status).toBe(200)
    expect(r.headers.connection).toBe('close')
    expect(r.headers['content-type']).toBe('application/json')
    expect(JSON.parse(r.text).Response).toMatchObject({
      Error: { Code: 'RequestSizeLimitExceeded' },
      RequestId: expect.any(String),
    })
    // The server is still fine for the next client.
    const ok = await fetch(v1Request({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` }))
    expect(await envelope(ok)).toMatchObject({ TotalCount: 2 })
  })

  it('answers a CORS preflight allowing the Authorization header by name', async () => {
    const r = await raw(`${server.url}/`, 'OPTIONS', undefined, {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-tc-action,x-tc-timestamp',
    })
    expect(r.status).toBe(204)
    expect(r.headers['access-control-allow-origin']).toBe('*')
    expect(r.headers['access-control-allow-methods']).toBe('GET, POST')
    // `*` alone does not cover Authorization (Fetch spec, CORS-safelisted wildcard exception).
    const allowed = String(r.headers['access-control-allow-headers'])
      .split(',')
      .map((h) => h.trim().toLowerCase())
    expect(allowed).toEqual(['*', 'authorization'])
  })

  it('refuses a port that is not a whole number from 0 to 65535, before listening', async () => {
    for (const port of [-1, 65536, 1.5, '4010'])
      await expect(startMockServer({ port: port as never }), String(port)).rejects.toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringContaining('port must be a whole number from 0'),
        }),
      )
  })

  // crs-mock's command line said so already; a test suite starting the server for other containers had no word.
  it('warns when its open control plane listens beyond loopback, and not otherwise', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      for (const options of [{}, { host: '0.0.0.0', admin: false }, { host: '0.0.0.0' }] as const) {
        const server = await startMockServer({ port: 0, ...options })
        await server.close()
      }
      expect(warn.mock.calls).toHaveLength(1)
      expect(warn.mock.calls[0]![0]).toMatch(
        /^\[crs-kit\/msw\] the control plane \(http:\/\/0\.0\.0\.0:\d+\/__crs-mock\/\) has no authentication .* pass admin: false \(crs-mock --no-admin\)/,
      )
    } finally {
      warn.mockRestore()
    }
  })

  it('drops the connection when an override says so', async () => {
    const remove = server.override('DescribeInstanceBackups', { networkError: true })
    await expect(
      fetch(v1Request({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` })),
    ).rejects.toThrow()
    remove()
  })

  it('shares state with the caller', async () => {
    server.state.addInstance({ InstanceId: 'crs-new' })
    const r = await fetch(v1Request({ InstanceId: 'crs-new' }, { url: `${server.url}/` }))
    expect(await envelope(r)).toMatchObject({ TotalCount: 0, BackupSet: [] })
  })
})

it('survives malformed HTTP without ever answering 500', async () => {
  const server = await startMockServer({ verify: false })
  const random = seededRandom(99)
  const templates = [
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{"a"',
    'POST / HTTP/1.1\r\nHost: \u00ff\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET /?%zz=%ff HTTP/1.1\r\nHost: [::1\r\n\r\n',
    'GET http://evil/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-TC-Action: DescribeInstanceBackups\r\n\r\n',
    'BREW / HTTP/1.1\r\n\r\n',
  ]
  for (let i = 0; i < 150; i++) {
    const base = new TextEncoder().encode(templates[i % templates.length])
    const bytes = base.map((b) => (random() < 0.05 ? Math.floor(random() * 256) : b))
    const reply = await rawExchange(
      server.port,
      i % 10 === 9 ? bytes.slice(0, Math.floor(random() * bytes.length)) : bytes,
      { halfClose: true },
    )
    expect(reply).not.toMatch(/^HTTP\/1\.1 5\d\d/)
  }
  const ok = await fetch(v1Request({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` }))
  expect(await envelope(ok)).toMatchObject({ TotalCount: 2 })
  await server.close()
})

it('closes cleanly with connections open', async () => {
  const server = await startMockServer({ verify: false })
  await fetch(`${server.url}/`, { keepalive: true }).then((r) => r.text())
  await server.close()
  await server.close()
  await expect(fetch(`${server.url}/`)).rejects.toThrow()
})

describe('crs-mock and the clock', () => {
  it('dates its answers by its clock, so a client corrects its skew from them', async () => {
    // The mock's clock runs 10 minutes ahead of ours: the client's first call is outside the 5-minute window.
    const ahead = createMockClock(Date.now() + 10 * 60_000)
    const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
    const crsMock = await startMockServer({ clock: ahead })
    try {
      const answer = await raw(crsMock.url, 'POST', '{}')
      expect(Date.parse(String(answer.headers.date))).toBe(Math.floor(ahead.now() / 1000) * 1000)
      // A CORS preflight too: node:http would date it by the real time.
      const preflight = await raw(crsMock.url, 'OPTIONS', undefined, {
        'Access-Control-Request-Method': 'POST',
      })
      expect(preflight.status).toBe(204)
      expect(Date.parse(String(preflight.headers.date))).toBe(Math.floor(ahead.now() / 1000) * 1000)
      // Exposed to a page on another origin, whose client reads it.
      expect(answer.headers['access-control-expose-headers']).toBe('Date')
      const redis = new RedisClient({ region: 'ap-guangzhou', endpoint: crsMock.url, credentials })
      expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
    } finally {
      await crsMock.close()
    }
  })
})
