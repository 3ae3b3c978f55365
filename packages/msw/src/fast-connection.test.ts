import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { seedInstances } from './create-mock-service.ts'
import { type MockServer, startMockServer } from './server.ts'

// crs-mock answers plain, complete service calls without node:http (fast-connection.ts) and hands anything else
// to node:http. Whichever path answers, the client must see the same bytes, in order, on the same connection.

let server: MockServer
beforeAll(async () => {
  server = await startMockServer({ verify: false })
})
afterAll(() => server.close())
beforeEach(() => server.reset())

function call(action: string, input: object, extraHeaders = ''): string {
  const body = JSON.stringify(input)
  return (
    `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-TC-Action: ${action}\r\n` +
    `X-TC-Version: 2018-04-12\r\nX-TC-Region: ap-guangzhou\r\n${extraHeaders}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}
const describeCall = (extraHeaders = '') =>
  call('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p', Limit: 1 }, extraHeaders)

interface Connection {
  socket: Socket
  /** The next `count` whole answers (head and body as text), by their Content-Length. */
  answers(count: number): Promise<string[]>
  closed: Promise<void>
}

function open(): Connection {
  const socket = connect(server.port, '127.0.0.1')
  let received = Buffer.alloc(0)
  let wake = () => {}
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    wake()
  })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('close', () => wake())
  const next = (): string | undefined => {
    const headEnd = received.indexOf('\r\n\r\n')
    if (headEnd < 0) return undefined
    const length = Number(
      /\r\nContent-Length: (\d+)/i.exec(received.toString('latin1', 0, headEnd))?.[1] ?? 0,
    )
    const end = headEnd + 4 + length
    if (received.length < end) return undefined
    const answer = received.toString('utf8', 0, end)
    received = received.subarray(end)
    return answer
  }
  const answers = async (count: number) => {
    const out: string[] = []
    while (out.length < count) {
      const answer = next()
      if (answer !== undefined) out.push(answer)
      else if (socket.destroyed) throw new Error(`closed after ${out.length} of ${count} answers`)
      else await new Promise<void>((resolve) => (wake = resolve))
    }
    return out
  }
  return { socket, answers, closed }
}

/** An answer with its Date and RequestId made constant, to compare two answers to the same call. */
const comparable = (answer: string) =>
  answer.replace(/\r\nDate: [^\r]*/, '\r\nDate: D').replace(/"RequestId":"[^"]*"/, '"RequestId":"R"')

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('sends the same bytes for a call that arrives whole and one whose body arrives later (node:http)', async () => {
  const whole = open()
  whole.socket.write(describeCall())
  const [fast] = await whole.answers(1)
  const split = open()
  const bytes = describeCall()
  const cut = bytes.indexOf('\r\n\r\n') + 4
  split.socket.write(bytes.slice(0, cut))
  await pause(50)
  split.socket.write(bytes.slice(cut))
  const [slow] = await split.answers(1)
  expect(fast).toMatch(
    /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n\{/,
  )
  expect(comparable(fast!)).toBe(comparable(slow!))
  // Both connections stay open for the next call.
  whole.socket.write(describeCall())
  split.socket.write(describeCall())
  expect((await whole.answers(1))[0]).toContain('"TotalCount":2')
  expect((await split.answers(1))[0]).toContain('"TotalCount":2')
  whole.socket.destroy()
  split.socket.destroy()
})

it('answers pipelined calls in order, across a delayed answer and a control-plane request', async () => {
  server.override('ManualBackupInstance', { delayMs: 100, once: true })
  const connection = open()
  connection.socket.write(
    call('ManualBackupInstance', { InstanceId: 'crs-5a4py64p' }) +
      describeCall() +
      'GET /__crs-mock/calls HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' +
      describeCall(),
  )
  const [manual, first, calls, last] = await connection.answers(4)
  expect(manual).toContain('"TaskId":')
  expect(first).toContain('"TotalCount":')
  expect(calls).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"total":2/)
  expect(last).toContain('"TotalCount":3')
  // One backup, for one call.
  expect(server.calls('ManualBackupInstance')).toHaveLength(1)
  connection.socket.destroy()
})

it('stops answering a client that does not read its answers, and answers every one once it reads', async () => {
  // 100 backups of about 1.4 kB each: every answer is about 140 kB, 150 of them (half) more than loopback buffers hold.
  const [seed] = seedInstances()
  const backup = seed!.backups![0]!
  const backups = Array.from({ length: 100 }, (_, i) => ({
    ...backup,
    BackupId: `${String(i).padStart(8, '0')}-affe-11e8-941e-4846fb00c75d`,
    Remark: 'r'.repeat(1200),
  }))
  const big = await startMockServer({ verify: false, rateLimit: false, instances: [{ ...seed!, backups }] })
  try {
    const socket = connect(big.port, '127.0.0.1')
    socket.pause()
    const count = 300
    const request = describeCall().replace('"Limit":1', '"Limit":100')
    socket.write(
      request
        .replace(
          /Content-Length: \d+/,
          `Content-Length: ${Buffer.byteLength(request.slice(request.indexOf('\r\n\r\n') + 4))}`,
        )
        .repeat(count),
    )
    // Until the mock stops: with backpressure, once the socket buffers are full; without it, after all of them.
    let whilePaused = -1
    for (let waited = 0; big.calls().length !== whilePaused && waited < 10_000; waited += 200) {
      whilePaused = big.calls().length
      await pause(200)
    }
    // Without backpressure the mock would answer them all into its memory while the client reads nothing.
    expect(whilePaused).toBeLessThan(count / 2)
    const chunks: Buffer[] = []
    let bytes = 0
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      bytes += chunk.length
    })
    socket.resume()
    // Every answer has the same length (same page, a RequestId and a Date of fixed width): read that many bytes.
    while (bytes === 0) await pause(20)
    const first = Buffer.concat(chunks).toString('latin1')
    const headEnd = first.indexOf('\r\n\r\n') + 4
    const answerBytes = headEnd + Number(/\r\nContent-Length: (\d+)/.exec(first.slice(0, headEnd))![1])
    for (let waited = 0; bytes < count * answerBytes && waited < 20_000; waited += 20) await pause(20)
    await pause(50)
    expect(bytes).toBe(count * answerBytes)
    const all = Buffer.concat(chunks)
    for (let i = 0; i < count; i++) {
      const answer = all.toString('latin1', i * answerBytes, (i + 1) * answerBytes)
      expect(
        answer.startsWith('HTTP/1.1 200 OK\r\n') && answer.includes('"TotalCount":100,'),
        `answer ${i}`,
      ).toBe(true)
    }
    expect(big.calls()).toHaveLength(count)
    socket.destroy()
  } finally {
    await big.close()
  }
})

it.each(['Connection', 'Proxy-Connection'])(
  'closes after answering a call that says %s: close, and runs nothing sent after it',
  async (name) => {
    const connection = open()
    connection.socket.write(
      describeCall(`${name}: close\r\n`) + call('ManualBackupInstance', { InstanceId: 'crs-5a4py64p' }),
    )
    const [answer] = await connection.answers(1)
    expect(answer).toMatch(/\r\nConnection: close\r\n\r\n\{/)
    await connection.closed
    expect(server.calls('ManualBackupInstance')).toHaveLength(0)
  },
)

it('closes both ways after a Connection: close answer, so a client still sending finds out', async () => {
  const socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true })
  socket.on('error', () => {})
  socket.resume()
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.write(describeCall('Connection: close\r\n'))
  await new Promise((resolve) => socket.once('end', resolve))
  // The server's side is gone: writing on resets the connection instead of filling the server's memory.
  const junk = Buffer.alloc(64 * 1024, 'x')
  const writer = setInterval(() => socket.writable && socket.write(junk), 10)
  await closed
  clearInterval(writer)
})

it('keeps a new connection open until its first call, however long that takes', async () => {
  const connection = open()
  await pause(6500)
  connection.socket.write(describeCall())
  expect((await connection.answers(1))[0]).toContain('"TotalCount":2')
  connection.socket.destroy()
}, 10_000)

it('answers a client that ends its side right after its call, then closes', async () => {
  const connection = open()
  connection.socket.end(describeCall())
  const [answer] = await connection.answers(1)
  expect(answer).toContain('"TotalCount":2')
  await connection.closed
})

it('answers a held-back call to a client that has ended its side meanwhile', async () => {
  server.override('DescribeInstanceBackups', { delayMs: 100, once: true })
  const connection = open()
  connection.socket.end(describeCall())
  const [answer] = await connection.answers(1)
  expect(answer).toContain('"TotalCount":2')
  await connection.closed
})

// Requests the fast path takes, each sent whole (fast path) and with its last bytes 50 ms later (node:http).
const variants: [string, string][] = [
  [
    'lower-case names, tabs and no space after the colon',
    describeCall().replace('Host: 127.0.0.1', 'host:\t127.0.0.1 \t').replace('X-TC-Action: ', 'x-tc-action:'),
  ],
  ['Connection: Keep-Alive in capitals', describeCall('Connection: Keep-Alive\r\n')],
  ['Connection: close', describeCall('Connection: close\r\n')],
  ['a repeated header, whose values are joined', describeCall('X-TC-Region: ap-beijing\r\n')],
  ['an empty header value', describeCall('X-Note:\r\n')],
  ['a second Host (node:http keeps the first)', describeCall('Host: other.example\r\n')],
  [
    'a Content-Length with leading zeros',
    describeCall().replace(/Content-Length: (\d+)/, 'Content-Length: 00$1'),
  ],
  [
    'an empty POST body',
    'POST / HTTP/1.1\r\nHost: 127.0.0.1:4010\r\nX-TC-Action: DescribeInstanceBackups\r\nContent-Length: 0\r\n\r\n',
  ],
  [
    'a GET with its input in the query',
    'GET /?Action=DescribeInstanceBackups&Version=2018-04-12&Region=ap-guangzhou&InstanceId=crs-5a4py64p&Limit=1&Status.0=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  ],
  [
    'a query with \' " < > as sent by curl',
    'GET /?Action=DescribeInstanceBackups&Version=2018-04-12&Region=ap-guangzhou&InstanceId=\'"<>` HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  ],
  ['another path', describeCall().replace('POST / ', 'POST /v3/redis?x=1 ')],
  // Bytes the fast path leaves to node:http, whatever it makes of them: both ways must then answer alike.
  ['a header value with a byte above 0x7e', describeCall('X-Note: caf\u00e9\r\n')],
  ['a header value with a control byte', describeCall('X-Note: a\u0001b\r\n')],
  ['a header line ended by a bare LF', describeCall('X-Note: a\n')],
  ['a CR inside a header value', describeCall('X-Note: a\rb\r\n')],
]

it.each(variants)('answers %s as node:http-read requests are answered', async (_, bytes) => {
  const whole = open()
  whole.socket.write(bytes)
  const [fast] = await whole.answers(1)
  const late = open()
  late.socket.write(bytes.slice(0, -2))
  await pause(50)
  late.socket.write(bytes.slice(-2))
  const [slow] = await late.answers(1)
  expect(comparable(fast!)).toBe(comparable(slow!))
  whole.socket.destroy()
  late.socket.destroy()
})

it('ends kept-alive connections when the server closes', async () => {
  const own = await startMockServer({ verify: false })
  const socket = connect(own.port, '127.0.0.1')
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.write(describeCall())
  await new Promise((resolve) => socket.once('data', resolve))
  await own.close()
  await closed
})
