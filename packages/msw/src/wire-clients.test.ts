import { connect } from 'node:net'
import { signTc3 } from '@crs-kit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMock, spawnCrsMock } from './bin/spawn-crs-mock.fixture.ts'
import { rawExchange } from './raw-exchange.fixture.ts'

// crs-mock as another language's suite runs it (a child process), over raw sockets, with the bytes clients
// other than Node's send (Java's HttpClient and HttpURLConnection, curl): how they stream bodies, ask for
// 100-continue and keep connections. In its own process, so that the server's timing is not the test's.

interface Exchange {
  /** Everything the server sent, as latin1 text. */
  text: string
  /** The socket error the client saw, if any (EPIPE, ECONNRESET). */
  error: string | undefined
}

/**
 * Sends `head`, then `body` in 16 KiB writes as fast as the socket takes them without waiting for an answer
 * (Java's HttpClient and HttpURLConnection stream a body so), and collects the answer until the server closes.
 */
function streamBody(port: number, head: string, body: Uint8Array): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    let error: string | undefined
    const timer = setTimeout(() => socket.destroy(), 5000)
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ text, error })
    })
    socket.write(head)
    let at = 0
    const pump = () => {
      while (at < body.byteLength && !socket.destroyed) {
        const more = socket.write(body.subarray(at, at + 16384))
        at += 16384
        if (!more) {
          socket.once('drain', pump)
          return
        }
      }
      if (!socket.destroyed) socket.end()
    }
    setImmediate(pump)
  })
}

const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4)

/** A TC3 GET signed over `query` exactly as it is sent, as curl and a hand-written signer do. */
async function signedGet(port: number, action: string, query: string): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000)
  const contentType = 'application/x-www-form-urlencoded'
  const { authorization } = await signTc3({
    method: 'GET',
    host: '127.0.0.1',
    query,
    headers: { 'Content-Type': contentType },
    service: 'redis',
    timestamp,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
  })
  return [
    `GET /?${query} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Authorization: ${authorization}`,
    `Content-Type: ${contentType}`,
    `X-TC-Action: ${action}`,
    'X-TC-Version: 2018-04-12',
    'X-TC-Region: ap-guangzhou',
    `X-TC-Timestamp: ${timestamp}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n')
}

/** A TC3 POST of `json`, signed as Tencent's SDKs sign it (kept alive: nothing asks to close). */
async function signedPost(port: number, action: string, json: string): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000)
  const { authorization } = await signTc3({
    method: 'POST',
    host: '127.0.0.1',
    headers: { 'Content-Type': 'application/json' },
    body: json,
    service: 'redis',
    timestamp,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
  })
  return [
    'POST / HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Authorization: ${authorization}`,
    'Content-Type: application/json',
    `X-TC-Action: ${action}`,
    'X-TC-Version: 2018-04-12',
    'X-TC-Region: ap-guangzhou',
    `X-TC-Timestamp: ${timestamp}`,
    `Content-Length: ${Buffer.byteLength(json)}`,
    '',
    json,
  ].join('\r\n')
}

describe('crs-mock with clients that stream their bodies', () => {
  let mock: RunningMock
  let port: number
  beforeAll(async () => {
    mock = await spawnCrsMock(['--port', '0', '--no-rate-limit'])
    port = Number(new URL(mock.url).port)
  })
  afterAll(() => mock.stop())

  it('answers RequestSizeLimitExceeded to a client still sending a body over the limit, without resetting it', async () => {
    const body = new Uint8Array(2 * 1024 * 1024).fill(0x78)
    const heads = {
      'Content-Length': `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.byteLength}\r\n\r\n`,
      chunked:
        'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    }
    for (const [framing, head] of Object.entries(heads)) {
      // One chunk of the whole body, then the last chunk: the same bytes, framed as chunked.
      const sent =
        framing === 'chunked'
          ? Buffer.concat([
              Buffer.from(`${body.byteLength.toString(16)}\r\n`),
              body,
              Buffer.from('\r\n0\r\n\r\n'),
            ])
          : body
      // The server's close racing the client's writes lost the answer most of the time; try a few.
      for (let attempt = 0; attempt < 5; attempt++) {
        const { text, error } = await streamBody(port, head, sent)
        expect(text, `${framing}, attempt ${attempt} (client saw ${error})`).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
        expect(JSON.parse(bodyOf(text)).Response.Error.Code).toBe('RequestSizeLimitExceeded')
        expect(error, framing).toBeUndefined()
      }
    }
  })
  it('does not run a call pipelined after a refused body, since the connection closes before its answer', async () => {
    await fetch(`${mock.url}/__crs-mock/reset`, { method: 'POST' })
    const big = JSON.stringify({ InstanceId: 'crs-5a4py64p', Remark: 'x'.repeat(2 * 1024 * 1024) })
    const backup = JSON.stringify({ InstanceId: 'crs-5a4py64p', Remark: 'pipelined' })
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n`
    const rest = Buffer.from(big + (await signedPost(port, 'ManualBackupInstance', backup)))
    const { text } = await streamBody(port, head, rest)
    expect(text.match(/^HTTP\/1\.1 /gm)).toHaveLength(1)
    expect(JSON.parse(bodyOf(text)).Response.Error.Code).toBe('RequestSizeLimitExceeded')
    // Only the refusal reached the service: no backup was started for an answer the client never gets.
    const { calls } = (await (await fetch(`${mock.url}/__crs-mock/calls`)).json()) as {
      calls: { code: string }[]
    }
    expect(calls.map((c) => c.code)).toEqual(['RequestSizeLimitExceeded'])
    const state = (await (await fetch(`${mock.url}/__crs-mock/state`)).json()) as { tasks: unknown[] }
    expect(state.tasks).toEqual([])
  })

  it('refuses a body announced over the limit with Expect: 100-continue before the client sends it', async () => {
    // curl asks so for large bodies, as Java's HttpClient does with expectContinue(true): the refusal comes instead
    // of the 100 Continue, and the client need not upload what would be dropped.
    const heads = {
      service: 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n',
      'control plane':
        'POST /__crs-mock/overrides HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n',
    }
    for (const [where, head] of Object.entries(heads)) {
      const text = await rawExchange(
        port,
        `${head}Expect: 100-continue\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
      )
      expect(text, where).not.toMatch(/^HTTP\/1\.1 100 /)
      expect(text, where).toMatch(where === 'service' ? /^HTTP\/1\.1 200 OK\r\n/ : /^HTTP\/1\.1 413 /)
      const answer = JSON.parse(bodyOf(text))
      if (where === 'service') expect(answer.Response.Error.Code).toBe('RequestSizeLimitExceeded')
      else expect(answer).toEqual({ error: 'the request body exceeds 1048576 bytes' })
    }
  })

  it('answers 413 to a control-plane request still sending a body over the limit, without resetting it', async () => {
    const body = new Uint8Array(2 * 1024 * 1024).fill(0x20)
    const head = `POST /__crs-mock/overrides HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.byteLength}\r\n\r\n`
    for (let attempt = 0; attempt < 5; attempt++) {
      const { text, error } = await streamBody(port, head, body)
      expect(text, `attempt ${attempt} (client saw ${error})`).toMatch(/^HTTP\/1\.1 413 /)
      expect(JSON.parse(bodyOf(text))).toEqual({ error: 'the request body exceeds 1048576 bytes' })
      expect(error).toBeUndefined()
    }
  })
})

describe('crs-mock with GET queries as curl sends them', () => {
  let mock: RunningMock
  let port: number
  beforeAll(async () => {
    mock = await spawnCrsMock(['--port', '0', '--no-rate-limit'])
    port = Number(new URL(mock.url).port)
  })
  afterAll(() => mock.stop())

  it('checks a TC3 signature over the query as received, characters URL parsing would escape included', async () => {
    // `'` may stay unescaped in an RFC 3986 query; curl also sends `"`, `<`, `>` and backquotes as typed. The service
    // signs the bytes it received, whereas WHATWG URL parsing escapes these (`'` becomes %27).
    for (const id of ["crs-it's", 'crs-"quoted"', 'crs-<a>', 'crs-back`quote']) {
      const text = await rawExchange(
        port,
        await signedGet(port, 'DescribeInstanceBackups', `InstanceId=${id}&Limit=1`),
      )
      // Past the signature check: the instance, read back as sent, is not there.
      expect(JSON.parse(bodyOf(text)).Response.Error, id).toEqual({
        Code: 'ResourceNotFound.InstanceNotExists',
        Message: `instance ${JSON.stringify(id)} does not exist`,
      })
    }
  })

  it('answers the control plane at /__crs-mock without its slash too, as curl users type it', async () => {
    for (const target of ['/__crs-mock', '/__crs-mock?']) {
      const text = await rawExchange(
        port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      )
      expect(text, target).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
      expect(JSON.parse(bodyOf(text)).endpoints, target).toContain('GET /__crs-mock/')
    }
  })
})
