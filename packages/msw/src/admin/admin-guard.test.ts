import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type MockServer, startMockServer } from '../server.ts'
import { tc3Post } from '../test-requests.fixture.ts'

/** A control-plane answer: arbitrary JSON, read by path in the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions are the type check
type Answer = any

// What a web page may do with the control plane: a page of another site is refused and changes nothing; pages
// served from loopback or given in adminOrigins, and clients that are not browsers, go on working.
// Requests go over node:http, with the Origin (and Host) headers a browser would send.

let server: MockServer
beforeAll(async () => {
  server = await startMockServer()
})
afterAll(() => server.close())
afterEach(() => send(server, 'POST', 'reset'))

interface Sent {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: Answer
}

/** One request to `/__crs-mock/{path}` of `to` with exactly these headers (Host defaults to the server's). */
function send(
  to: MockServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${to.url}/__crs-mock/${path}`,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            json: text === '' ? undefined : JSON.parse(text),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const j = JSON.stringify
const foreign = 'https://evil.example'

/** Everything a control-plane request can change, read back by a client that is not a browser. */
const everything = async (to = server) => ({
  state: (await send(to, 'GET', 'state')).json.instances,
  overrides: (await send(to, 'GET', 'overrides')).json,
  clock: (await send(to, 'GET', 'clock')).json.offsetMs,
  calls: (await send(to, 'GET', 'calls')).json,
})

/** Something for a refused request to undo: an override and a moved clock. */
async function changeSomething(to = server) {
  await send(to, 'POST', 'overrides', {}, j({ action: 'ManualBackupInstance', error: 'InternalError' }))
  await send(to, 'POST', 'clock', {}, j({ advanceMs: 1234 }))
}

describe('a page of another site', () => {
  it.each([
    ['GET', 'state', undefined],
    ['POST', 'reset', undefined],
    ['POST', 'instances', j({ InstanceId: 'crs-from-a-page' })],
    ['PUT', 'instances', j({ instances: [] })],
    ['POST', 'overrides', j({ action: 'DescribeInstanceBackups', error: 'InternalError' })],
    ['DELETE', 'overrides', undefined],
    ['POST', 'clock', j({ advanceMs: 60_000 })],
  ])(
    '%s %s %s: refused with 403 naming the origin and how to allow it, nothing changed',
    async (method, path, body) => {
      await changeSomething()
      const before = await everything()
      const refused = await send(server, method, path, { Origin: foreign }, body)
      expect(refused.status).toBe(403)
      expect(refused.headers['content-type']).toBe('application/json')
      // Only the reason: a refused GET reads nothing of the state.
      expect(Object.keys(refused.json)).toEqual(['error'])
      expect(refused.json.error).toContain(`origin "${foreign}"`)
      expect(refused.json.error).toContain(`--admin-origin ${foreign}`)
      expect(refused.json.error).toContain(`adminOrigins: ['${foreign}']`)
      expect(await everything()).toEqual(before)
    },
  )

  it('is refused for every path under the prefix, known or not, but the service answers its calls as before', async () => {
    for (const path of ['', 'nothing-here', 'reset']) {
      expect((await send(server, 'GET', path, { Origin: foreign })).status, path).toBe(403)
    }
    const call = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` })
    call.headers.set('Origin', foreign)
    const answer = await fetch(call)
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await answer.json()) as Answer).Response).toMatchObject({ TotalCount: 2 })
  })

  it('gets no grant from a preflight, while a page served from loopback does', async () => {
    const preflight = (origin: string) =>
      send(server, 'OPTIONS', 'instances', {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      })
    const refused = await preflight(foreign)
    expect(refused.status).toBe(403)
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    expect(refused.headers['access-control-allow-methods']).toBeUndefined()
    const granted = await preflight('http://localhost:5173')
    expect(granted.status).toBe(204)
    expect(granted.headers['access-control-allow-origin']).toBe('*')
  })

  it('refuses Origin null (a sandboxed iframe, a file:// page) and origins that only look like loopback', async () => {
    await changeSomething()
    const before = await everything()
    for (const origin of [
      'null',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example:4010',
      'http://127.evil.example',
      'http://[::2]:3000',
      'chrome-extension://abcdefghijklmnop',
    ]) {
      const refused = await send(server, 'POST', 'reset', { Origin: origin })
      expect(refused.status, origin).toBe(403)
      expect(refused.json.error, origin).toContain(`origin "${origin}"`)
    }
    expect((await send(server, 'POST', 'reset', { Origin: 'null' })).json.error).toMatch(
      /sandboxed iframe or a file:\/\/ page/,
    )
    expect(await everything()).toEqual(before)
  })
})

describe('what goes on working', () => {
  it('accepts pages served from loopback on any port, over http or https, next to a refused foreign page', async () => {
    expect((await send(server, 'GET', 'state', { Origin: foreign })).status).toBe(403)
    for (const origin of [
      'http://localhost:5173',
      'https://localhost',
      'http://127.0.0.1:3000',
      'https://127.0.0.2:8443',
      'http://[::1]:8080',
    ]) {
      await changeSomething()
      const reset = await send(server, 'POST', 'reset', { Origin: origin })
      expect(reset, origin).toMatchObject({ status: 200, json: { ok: true } })
      expect(reset.headers['access-control-allow-origin'], origin).toBe('*')
      expect((await send(server, 'GET', 'clock', { Origin: origin })).json.offsetMs, origin).toBe(0)
    }
  })

  it('accepts clients that are not browsers (no Origin) by any name, as a test container reaches crs-mock:4010', async () => {
    expect((await send(server, 'POST', 'reset', { Origin: foreign, Host: 'crs-mock:4010' })).status).toBe(403)
    await changeSomething()
    // Python, curl, Go, Node's fetch (which sends Sec-Fetch-Mode: cors, but never an Origin of its own).
    const clients: Record<string, string>[] = [
      { Host: 'crs-mock:4010' },
      { Host: 'crs-mock:4010', 'Sec-Fetch-Mode': 'cors' },
      {},
    ]
    for (const headers of clients) {
      expect((await send(server, 'GET', 'state', headers)).status, j(headers)).toBe(200)
    }
    expect(await send(server, 'POST', 'reset', { Host: 'crs-mock:4010' })).toMatchObject({
      status: 200,
      json: { ok: true },
    })
    expect((await send(server, 'GET', 'clock')).json.offsetMs).toBe(0)
  })
})

describe('adminOrigins', () => {
  it('lets pages of the origins given in, by any name they reach crs-mock with, and no others', async () => {
    const compose = await startMockServer({ adminOrigins: ['http://app:3000', 'https://Tests.Example.com/'] })
    try {
      await changeSomething(compose)
      // A browser test served by http://app:3000 calling http://crs-mock:4010 in docker compose.
      const fromApp = await send(compose, 'POST', 'reset', {
        Origin: 'http://app:3000',
        Host: 'crs-mock:4010',
      })
      expect(fromApp).toMatchObject({ status: 200, json: { ok: true } })
      expect((await send(compose, 'GET', 'state', { Origin: 'https://tests.example.com' })).status).toBe(200)
      expect((await send(compose, 'GET', 'state', { Origin: 'http://localhost:5173' })).status).toBe(200)

      await changeSomething(compose)
      const before = await everything(compose)
      for (const origin of ['http://app:3001', 'https://app:3000', 'http://app', foreign]) {
        expect((await send(compose, 'POST', 'reset', { Origin: origin })).status, origin).toBe(403)
      }
      expect(await everything(compose)).toEqual(before)
    } finally {
      await compose.close()
    }
  })

  it('refuses a value that is not an http(s) origin before listening, naming it', async () => {
    for (const [origins, message] of [
      [
        ['app:3000'],
        'adminOrigins[0] must be an origin such as http://app:3000 (http or https, a host and an optional port, nothing after), got "app:3000"',
      ],
      [
        ['http://app:3000', 'http://app:3000/tests'],
        'adminOrigins[1] must be an origin such as http://app:3000',
      ],
      [['*'], 'got "*"'],
      [['null'], 'got "null"'],
      [['file:///tmp/page.html'], 'got "file:///tmp/page.html"'],
      [['http://user@app:3000'], 'got "http://user@app:3000"'],
      [[''], 'got ""'],
      ['http://app:3000', 'adminOrigins must be an array of origins, got "http://app:3000"'],
    ] as const) {
      const started = startMockServer({ adminOrigins: origins as unknown as string[] })
      started.then(
        (s) => s.close(),
        () => undefined,
      ) // were it to start
      await expect(started, String(origins)).rejects.toThrow(TypeError)
      await expect(started, String(origins)).rejects.toThrow(message)
    }
  })
})
