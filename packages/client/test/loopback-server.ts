import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server does with the next request of an action. */
export type Fault =
  | 'reset' // destroys the socket after reading the request
  | 'stall' // never answers
  | 'stall-body' // sends the headers and half a body, then nothing
  | 'html-502' // a gateway's HTML page
  | 'truncated' // promises more bytes than it sends, then closes
  | 'bad-json' // a complete 200 whose JSON is cut short
  | 'rate-limit' // RequestLimitExceeded
  | 'internal' // InternalError
  | 'locked' // ResourceUnavailable.InstanceLockedError
  | 'redirect' // 307 to another path of this server, which would answer normally
  | 'bom' // the normal answer with a byte order mark before the JSON
  | 'too-many' // a gateway's 429 page with Retry-After: 1

export interface Received {
  action: string
  headers: http.IncomingHttpHeaders
  body: string
  verified: boolean
  /** The client's port: equal ports mean a reused keep-alive connection. */
  clientPort: number | undefined
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()
const signingKeys = new Map<string, KeyObject>()

/**
 * Re-derives a TC3 signature from the request as received, written from the reference, not from the
 * signer under test: SignedHeaders and the service are read from Authorization, the host is signed
 * without its port, values lower-cased and trimmed. Returns the problem, or undefined when it verifies.
 */
export function verifyTc3(headers: http.IncomingHttpHeaders, body: string, keys: Record<string, string>) {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      String(headers.authorization),
    )
  if (!match) return 'AuthFailure.InvalidAuthorization'
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[]
  const secretKey = keys[secretId!]
  if (!secretKey) return 'AuthFailure.SecretIdNotFound'
  const names = signedHeaders!.split(';')
  if (!names.includes('content-type') || !names.includes('host')) return 'AuthFailure.InvalidAuthorization'
  const value = (name: string) =>
    name === 'host'
      ? String(headers.host).replace(/:\d+$/, '')
      : String(headers[name] ?? '')
          .trim()
          .toLowerCase()
  const canonicalHeaders = names.map((n) => `${n}:${value(n)}\n`).join('')
  const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(body)}`
  const timestamp = String(headers['x-tc-timestamp'])
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date)
    return 'AuthFailure.SignatureFailure'
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`
  const id = `${secretKey}\n${date}\n${service}`
  let key = signingKeys.get(id)
  if (!key) {
    // Cached (and a KeyObject) only to keep the server cheap in the throughput benchmark.
    key = createSecretKey(hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request'))
    signingKeys.set(id, key)
  }
  return createHmac('sha256', key).update(toSign).digest('hex') === signature
    ? undefined
    : 'AuthFailure.SignatureFailure'
}

/** A CRS look-alike on 127.0.0.1 that verifies every signature and counts what arrives. */
export async function startLoopbackServer(
  options: { keys?: Record<string, string>; clockOffsetMs?: number } = {},
) {
  const keys = options.keys ?? { AKIDEXAMPLE: 'SECRETEXAMPLE' }
  const faults = new Map<string, Fault[]>()
  const received: Received[] = []
  const state = { clockOffsetMs: options.clockOffsetMs ?? 0 }
  const backups = Array.from({ length: 7 }, (_, i) => ({
    StartTime: `2018-09-04 12:5${i}:00`,
    BackupId: `backup-${i}`,
    BackupType: '0',
    Status: 2,
    Remark: `r${i}`,
    Locked: 0,
    BackupSize: i % 2 ? null : 1024,
  }))

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const action = String(req.headers['x-tc-action'])
      const problem = verifyTc3(req.headers, body, keys)
      received.push({
        action,
        headers: req.headers,
        body,
        verified: problem === undefined,
        clientPort: req.socket.remotePort,
      })
      const now = Date.now() + state.clockOffsetMs
      const reply = (status: number, text: string, type = 'application/json') => {
        res.writeHead(status, { 'Content-Type': type, Date: new Date(now).toUTCString() })
        res.end(text)
      }
      let bom = ''
      const envelope = (response: object) =>
        reply(
          200,
          `${bom}${JSON.stringify({ Response: { ...response, RequestId: `req-${received.length}` } })}`,
        )
      const error = (Code: string) => envelope({ Error: { Code, Message: `${Code} (loopback)` } })

      if (problem) return error(problem)
      if (Math.abs(Number(req.headers['x-tc-timestamp']) * 1000 - now) > 300_000)
        return error('AuthFailure.SignatureExpire')
      const fault = faults.get(action)?.shift()
      if (fault === 'bom') bom = '\ufeff'
      if (fault === 'too-many') {
        res.writeHead(429, { 'Content-Type': 'text/html', 'Retry-After': '1' })
        return res.end('<html><body>429 Too Many Requests</body></html>')
      }
      if (fault === 'redirect') return res.writeHead(307, { Location: '/moved' }).end()
      if (fault === 'reset') return req.socket.destroy()
      if (fault === 'stall') return
      if (fault === 'stall-body') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' })
        return res.write('{"Response":{"TaskId":69')
      }
      if (fault === 'html-502')
        return reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html')
      if (fault === 'truncated') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' })
        res.write('{"Response":{"TaskId":69')
        return setTimeout(() => req.socket.destroy(), 10)
      }
      if (fault === 'bad-json') return reply(200, '{"Response":{"TaskId":69')
      if (fault === 'rate-limit') return error('RequestLimitExceeded')
      if (fault === 'internal') return error('InternalError')
      if (fault === 'locked') return error('ResourceUnavailable.InstanceLockedError')

      const input = JSON.parse(body) as { Limit?: number; Offset?: number }
      if (action === 'ManualBackupInstance') return envelope({ TaskId: '6954227' })
      const offset = input.Offset ?? 0
      return envelope({
        TotalCount: backups.length,
        BackupSet: backups.slice(offset, offset + (input.Limit ?? 20)),
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    state,
    backups,
    /** Queues faults for the next requests of `action`, in order. */
    fault(action: string, ...next: Fault[]) {
      faults.set(action, [...(faults.get(action) ?? []), ...next])
    },
    count: (action: string) => received.filter((r) => r.action === action).length,
    reset() {
      faults.clear()
      received.length = 0
      state.clockOffsetMs = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
