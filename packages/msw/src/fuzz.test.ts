import { describe, expect, it, vi } from 'vitest'
import { createMockService } from './create-mock-service.ts'
import { dropConnection } from './dispatch-call.ts'
import { createMockClock } from './mock-clock.ts'
import { seededRandom } from './seeded-random.fixture.ts'
import { secretId, secretKey, tc3Get, tc3Post, v1Request } from './test-requests.fixture.ts'

// A few thousand hostile requests (seeded, so a failure replays): every answer must be the Tencent
// envelope with HTTP 200 and a RequestId, and none may be InternalError (that would be a bug of ours).

const random = seededRandom(20261122)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const int = (max: number) => Math.floor(random() * max)

const weird: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  'crs-5a4py64p',
  '2018-09-04 12:51:21',
  '2018-02-30 12:00:00',
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  'x'.repeat(5000),
  [],
  [1, 2],
  [[[]]],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: {} } },
]
const fields = [
  'InstanceId',
  'Limit',
  'Offset',
  'BeginTime',
  'EndTime',
  'Status',
  'Remark',
  '__proto__',
  'constructor',
  'Status.0',
  '',
]
const headerNames = [
  'Authorization',
  'Content-Type',
  'X-TC-Action',
  'X-TC-Version',
  'X-TC-Region',
  'X-TC-Timestamp',
  'X-TC-Token',
  'X-TC-Language',
]
const headerValues = [
  '',
  'TC3-HMAC-SHA256',
  'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/redis/tc3_request, SignedHeaders=content-type;host, Signature=00',
  `TC3-HMAC-SHA256 Credential=/2019-02-25/redis/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'DescribeInstanceBackups',
  'ManualBackupInstance',
  'hasOwnProperty',
  '2018-04-12',
  'ap-shanghai-fsi',
  '99999999999999999999',
  '-1',
  'NaN',
  'en-US',
  'x'.repeat(2000),
]

function randomBody(): string {
  const r = random()
  if (r < 0.1) return String.fromCharCode(...Array.from({ length: int(200) }, () => int(256)))
  if (r < 0.2) return pick(['', 'null', '[]', '"x"', '{', '{"a":', '1e999', '{"InstanceId":"crs-5a4py64p"}'])
  const body: Record<string, unknown> = {}
  for (let i = int(5); i > 0; i--) body[pick(fields)] = pick(weird)
  return JSON.stringify(body)
}

// A lone surrogate cannot be URI-encoded: send the bytes it would be in CESU-8, which are invalid UTF-8.
const encode = (text: string) => {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80'
  }
}

function randomQuery(): string {
  const parts: string[] = []
  for (let i = int(8); i > 0; i--) {
    const key = pick([
      ...fields,
      'Action',
      'Signature',
      'SignatureMethod',
      'Timestamp',
      'Nonce',
      'SecretId',
      '%',
      '%zz',
      'a=b',
    ])
    parts.push(`${key}=${encode(String(pick(weird)))}`.replace(/%25/g, pick(['%', '%25'])))
  }
  return parts.join('&')
}

async function mutate(base: Request): Promise<Request> {
  const headers = new Headers(base.headers)
  for (let i = int(3); i > 0; i--) {
    const name = pick(headerNames)
    if (random() < 0.4) headers.delete(name)
    else headers.set(name, pick(headerValues))
  }
  const method = random() < 0.9 ? base.method : pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'post'])
  let url = base.url
  if (random() < 0.3) url = `${new URL(base.url).origin}${pick(['/', '/x', '//', '/?'])}?${randomQuery()}`
  let body: string | undefined = base.method === 'POST' ? await base.clone().text() : undefined
  if (random() < 0.5) body = randomBody()
  const canHaveBody = !['GET', 'HEAD'].includes(method.toUpperCase())
  return new Request(url, { method, headers, body: canHaveBody ? body : undefined })
}

describe('fuzz', () => {
  it('answers 3000 hostile requests with a well-formed envelope, never a crash or an InternalError', async () => {
    const clock = createMockClock()
    const service = createMockService({
      clock,
      credentials: [{ secretId, secretKey }],
      maxBodyBytes: 64 * 1024,
    })
    const open = createMockService({ clock, rateLimit: false })
    const errors = vi.spyOn(console, 'error')
    const timestamp = Math.floor(clock.now() / 1000)
    const bases = [
      await tc3Post({ InstanceId: 'crs-5a4py64p', Limit: 5 }, { timestamp }),
      await tc3Post({ InstanceId: 'crs-5a4py64p' }, { timestamp, action: 'ManualBackupInstance' }),
      await tc3Get('InstanceId=crs-5a4py64p&Status.0=2', { timestamp }),
      v1Request({ InstanceId: 'crs-5a4py64p', 'Status.0': 2 }, { timestamp }),
      v1Request({ InstanceId: 'crs-5a4py64p' }, { timestamp, method: 'POST', signatureMethod: 'HmacSHA256' }),
    ]
    const codes = new Map<string, number>()
    for (let i = 0; i < 3000; i++) {
      if (i % 40 === 0) clock.advance(1000)
      const request = await mutate(pick(bases))
      const answer = await (i % 2 ? service : open).handle(request)
      expect(answer).not.toBe(dropConnection)
      const response = answer as Response
      expect(response.status).toBe(200)
      const json = (await response.json()) as {
        Response: { RequestId: unknown; Error?: { Code: unknown; Message: unknown } }
      }
      expect(typeof json.Response.RequestId).toBe('string')
      if (json.Response.Error) {
        expect(typeof json.Response.Error.Code).toBe('string')
        expect(typeof json.Response.Error.Message).toBe('string')
        const code = json.Response.Error.Code as string
        codes.set(code, (codes.get(code) ?? 0) + 1)
      } else codes.set('(success)', (codes.get('(success)') ?? 0) + 1)
    }
    expect(codes.get('InternalError')).toBeUndefined()
    expect(errors).not.toHaveBeenCalled()
    // The mutations reach deep enough to exercise most stages, not just the first check.
    for (const code of [
      'AuthFailure.SignatureFailure',
      'InvalidParameter',
      'UnsupportedProtocol',
      '(success)',
    ]) {
      expect(codes.get(code), code).toBeGreaterThan(0)
    }
    errors.mockRestore()
  })
})
