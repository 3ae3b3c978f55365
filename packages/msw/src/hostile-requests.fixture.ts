import { seededRandom } from './seeded-random.fixture.ts'

// Hostile variations of well-formed requests, from a seeded PRNG so a failing run replays exactly: wrong
// types and shapes, prototype names, broken JSON and percent-encoding, lone surrogates, odd methods,
// removed or garbage headers, stray paths and queries.

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

// A lone surrogate cannot be URI-encoded: send the bytes it would be in CESU-8, which are invalid UTF-8.
const encode = (text: string) => {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80'
  }
}

/** A mutator over the given seed: `mutate(base)` is a hostile variation of `base`. */
export function hostileRequests(seed: number): {
  mutate(base: Request): Promise<Request>
  pick<T>(items: readonly T[]): T
} {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const int = (max: number) => Math.floor(random() * max)

  function randomBody(): string {
    const r = random()
    if (r < 0.1) return String.fromCharCode(...Array.from({ length: int(200) }, () => int(256)))
    if (r < 0.2)
      return pick(['', 'null', '[]', '"x"', '{', '{"a":', '1e999', '{"InstanceId":"crs-5a4py64p"}'])
    const body: Record<string, unknown> = {}
    for (let i = int(5); i > 0; i--) body[pick(fields)] = pick(weird)
    return JSON.stringify(body)
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

  return { mutate, pick }
}
