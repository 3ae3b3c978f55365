import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { canonicalHeaders, canonicalRequest } from './canonical-request.ts'
import { createTc3Signer } from './create-tc3-signer.ts'
import { tc3Crypto as nodeCrypto } from './crypto-node.ts'
import { tc3Crypto as webCrypto } from './crypto-web.ts'
import { signTc3, signTc3Received } from './sign-tc3.ts'
import { cvmVector, redisVector } from './tc3.fixture.ts'
import type { Tc3Crypto } from './tc3-crypto.ts'

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

const implementations: [string, Tc3Crypto<never>][] = [
  ['node:crypto', nodeCrypto as Tc3Crypto<never>],
  ['WebCrypto', webCrypto as Tc3Crypto<never>],
]

describe.each(implementations)('TC3 on %s', (_, crypto) => {
  const signer = createTc3Signer(crypto)

  it('reproduces the cvm vector: body hash, canonical request hash, signature', async () => {
    const v = cvmVector
    expect(new TextEncoder().encode(v.body)).toHaveLength(v.bodyLength)
    expect(await crypto.sha256Hex(v.body)).toBe(v.bodySha256Hex)
    const headers = canonicalHeaders({ 'Content-Type': v.contentType, Host: v.host })
    expect(headers.signed).toBe(v.signedHeaders)
    const request = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers,
      bodySha256Hex: v.bodySha256Hex,
    })
    expect(await crypto.sha256Hex(request)).toBe(v.canonicalRequestSha256Hex)

    const result = await signer.signTc3({ ...v, headers: { 'Content-Type': v.contentType } })
    expect(result.signature).toBe(v.signature)
    expect(result.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=${v.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${v.signature}`,
    )
  })

  it('reproduces the redis vectors, including SecretSigning', async () => {
    const v = redisVector
    expect(await crypto.sha256Hex(v.body)).toBe(v.bodySha256Hex)
    expect(toHex(await signer.signingKey(v.secretKey, v.date, v.service))).toBe(v.secretSigningHex)
    for (const { contentType, signature } of v.signatures) {
      const result = await signer.signTc3({ ...v, headers: { 'Content-Type': contentType } })
      expect(result.signature).toBe(signature)
    }
  })

  it('signs the body as bytes exactly like the same text', async () => {
    const v = redisVector
    const bytes = new TextEncoder().encode(v.body)
    const result = await signer.signTc3({
      ...v,
      body: bytes,
      headers: { 'content-type': 'application/json' },
    })
    expect(result.signature).toBe(v.signatures[0].signature)
  })
})

describe.each(implementations)('signTc3 input on %s', (_, crypto) => {
  const { signTc3: sign } = createTc3Signer(crypto)
  const v = { ...redisVector, headers: { 'Content-Type': 'application/json' } }

  // Each was signed without a word before (a wrong signature the service refuses, or with WebCrypto an object
  // body signed as the empty body): now a TypeError naming the field, thrown before anything is signed.
  it.each<[string, Record<string, unknown>, string | RegExp]>([
    [
      'an object body',
      { body: { InstanceId: 'x' } },
      /^signTc3: body must be the exact bytes sent, a string or a Uint8Array, got \{"InstanceId":"x"\}$/,
    ],
    ['a number body', { body: 5 }, /body must be .* got 5$/],
    ['an array body', { body: [1, 2] }, /body must be .* got \[1,2\]$/],
    ['a DataView body', { body: new DataView(new ArrayBuffer(2)) }, /body must be .* got DataView/],
    [
      'an object secretKey',
      { secretKey: { k: 'TOPSECRET' } },
      'signTc3: secretKey must be a non-empty string, got object',
    ],
    [
      'a number secretId',
      { secretId: 12345 },
      'signTc3: secretId must be a non-empty string of printable ASCII without spaces or line breaks, got number',
    ],
    [
      'a token header as bytes (its value is never shown)',
      { headers: { 'X-TC-Token': Buffer.from('TOPSECRET') } },
      'signTc3: headers X-TC-Token must be a string or a number, got object',
    ],
    [
      'a secretId with a line break',
      { secretId: 'AKID\nX-Evil: 1' },
      /secretId must be .* got a string that is not$/,
    ],
    ['a blank host', { host: '   ' }, /^signTc3: host must be a non-empty string .* got " {3}"$/],
    ['an empty service', { service: '' }, /^signTc3: service must be a non-empty string/],
    ['an empty method', { method: '' }, /^signTc3: method must be/],
    [
      'a path without /',
      { path: 'foo' },
      'signTc3: path must start with / and hold no spaces (default /), got "foo"',
    ],
    [
      'an undefined header value',
      { headers: { 'Content-Type': 'application/json', 'X-TC-Token': undefined } },
      'signTc3: headers X-TC-Token must be a string or a number, got undefined',
    ],
    [
      'a null header value',
      { headers: { 'X-TC-Token': null } },
      'signTc3: headers X-TC-Token must be a string or a number, got null',
    ],
    [
      'a flat header array',
      { headers: ['Content-Type', 'application/json'] },
      'signTc3: headers[0] must be a [name, value] pair, got string',
    ],
    [
      'a header pair without a value',
      { headers: [['Content-Type']] },
      'signTc3: headers[0] must be a [name, value] pair, got an array of 1',
    ],
    // Header lines in the wrong place hold values: never shown.
    [
      'a header line for a pair',
      { headers: ['X-TC-Token: TOPSECRET'] },
      'signTc3: headers[0] must be a [name, value] pair, got string',
    ],
    [
      'a pair of three',
      { headers: [['X-TC-Token', 'TOPSECRET', 'x']] },
      'signTc3: headers[0] must be a [name, value] pair, got an array of 3',
    ],
    [
      'a header line as a name',
      { headers: { 'X-TC-Token: TOPSECRET': '' } },
      'signTc3: headers has a name that is not a header name: one with a colon (a header line? give [name, value])',
    ],
    [
      'a query pair of three',
      { query: [['Token', 'TOPSECRET', 1]] },
      'signTc3: query[0] must be a [name, value] pair, got an array of 3',
    ],
    [
      'an object that only calls itself a Uint8Array',
      { body: { [Symbol.toStringTag]: 'Uint8Array' } },
      /^signTc3: body must be the exact bytes sent, a string or a Uint8Array/,
    ],
    [
      'a header value with a line break',
      { headers: { 'X-A': 'a\r\nX-B: b' } },
      'signTc3: headers X-A has a line break',
    ],
    [
      'a header name with a space',
      { headers: { 'Content Type': 'x' } },
      'signTc3: headers has a name that is not a header name: "Content Type"',
    ],
    [
      'headers as a string',
      { headers: 'Content-Type: x' },
      'signTc3: headers must be an object, a Headers or [name, value] pairs, got string',
    ],
    [
      'an undefined query value',
      { query: { a: undefined } },
      'signTc3: query a must be a string or a number, got undefined',
    ],
  ])('refuses %s', (_, change, message) => {
    expect(() => sign({ ...v, ...change } as never)).toThrow(TypeError)
    expect(() => sign({ ...v, ...change } as never)).toThrow(message)
    expect(() => sign({ ...v, ...change } as never)).not.toThrow(/TOPSECRET/)
  })

  it('refuses no input, and never shows a secret', () => {
    expect(() => sign(undefined as never)).toThrow(
      'signTc3: takes { host, service, headers, body, timestamp, secretId, secretKey }, got undefined',
    )
    for (const secretId of ['AKID SECRET', 'AKID\tSECRET']) {
      const error = (() => {
        try {
          sign({ ...v, secretId })
        } catch (e) {
          return e as Error
        }
      })()
      expect(error?.message).toMatch(/^signTc3: secretId must be/)
      expect(error?.message).not.toContain('SECRET')
    }
  })

  it('still signs what it accepted before: Uint8Array and Buffer bodies, number header values, query pairs', async () => {
    const text = await sign({
      ...v,
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json', 'X-N': 5 },
    })
    const bytes = await sign({
      ...v,
      body: new TextEncoder().encode('{"a":1}'),
      headers: [
        ['Content-Type', 'application/json'],
        ['X-N', '5'],
      ],
    })
    expect(bytes.signature).toBe(text.signature)
    const buffer = {
      ...v,
      body: Buffer.from('{"a":1}'),
      headers: { 'Content-Type': 'application/json', 'X-N': '5' },
    }
    expect((await sign(buffer)).signature).toBe(text.signature)
    // A Uint8Array of another realm (a vm context) is bytes too.
    const foreign = runInNewContext(`new Uint8Array([${[...Buffer.from('{"a":1}')].join(',')}])`)
    expect(foreign instanceof Uint8Array).toBe(false)
    expect((await sign({ ...buffer, body: foreign })).signature).toBe(text.signature)
    // Query pairs are signed as the string they encode to, not dropped.
    const get = { ...v, method: 'GET', body: '' }
    const asString = await sign({ ...get, query: 'Limit=20&InstanceId=crs-1' })
    expect((await sign({ ...get, query: { Limit: 20, InstanceId: 'crs-1' } })).signature).toBe(
      asString.signature,
    )
    expect((await sign({ ...get, query: '' })).signature).not.toBe(asString.signature)
  })

  it('signs headers and a query given as one-shot iterators as it signs the same pairs in an object', async () => {
    // The check reads them once; the signer must sign what it read, not an iterator it emptied.
    const pairs: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-TC-Action', 'DescribeInstanceBackups'],
    ]
    const plain = await sign({ ...v, headers: Object.fromEntries(pairs) })
    function* generated() {
      yield* pairs
    }
    for (const headers of [
      new Map(pairs).entries(),
      new Headers(pairs).entries(),
      generated(),
      new Headers(pairs),
    ])
      expect((await sign({ ...v, headers })).signature).toBe(plain.signature)
    const get = { ...v, method: 'GET', body: '' }
    const asString = await sign({ ...get, query: 'Limit=20&InstanceId=crs-1' })
    const query = new URLSearchParams('Limit=20&InstanceId=crs-1').entries()
    expect((await sign({ ...get, query })).signature).toBe(asString.signature)
    // A refused timestamp leaves an iterator unread, so the same input signs right once the timestamp is fixed.
    const once = new Map(pairs).entries()
    expect(() => sign({ ...v, headers: once, timestamp: Date.now() })).toThrow(/milliseconds are too large/)
    expect((await sign({ ...v, headers: once })).signature).toBe(plain.signature)
  })
})

describe('signTc3Received (a verifier signing what it received)', () => {
  it('signs as signTc3 does: the known-answer vector, and a GET with a query and more headers', async () => {
    const vector = {
      method: 'POST',
      path: '/',
      query: '',
      body: redisVector.body,
      host: redisVector.host,
      service: 'redis',
      timestamp: redisVector.timestamp,
      secretId: redisVector.secretId,
      secretKey: redisVector.secretKey,
    }
    const received = await signTc3Received({ ...vector, headers: [['content-type', 'application/json']] })
    expect(received.signature).toBe(redisVector.signatures[0].signature)
    const get = {
      ...vector,
      method: 'GET',
      body: '',
      query: 'InstanceId=crs-5a4py64p&Limit=5',
    }
    const headers: [string, string][] = [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['X-TC-Action', 'DescribeInstanceBackups'],
    ]
    expect((await signTc3Received({ ...get, headers })).authorization).toBe(
      (await signTc3({ ...get, headers })).authorization,
    )
  })
})

describe('signTc3 (the #crypto choice)', () => {
  it('is synchronous under Node and matches the vector', () => {
    const v = redisVector
    const result = signTc3({ ...v, headers: { 'Content-Type': 'application/json' } })
    expect(result).not.toBeInstanceOf(Promise)
    expect((result as { signature: string }).signature).toBe(v.signatures[0].signature)
  })

  it('defaults method POST, path /, the service from the host, and signs host as given over a host header', async () => {
    const v = redisVector
    const { method: _, service: __, ...rest } = v
    const result = await signTc3({
      ...rest,
      headers: { 'Content-Type': 'application/json', HOST: 'evil.example' },
    })
    expect(result.signature).toBe(v.signatures[0].signature)
  })

  it('signs any header set, x-tc-action included, with values lower-cased', async () => {
    const base = {
      ...redisVector,
      headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeInstanceBackups' },
    }
    const upper = await signTc3(base)
    const lower = await signTc3({
      ...base,
      headers: [
        ['content-type', 'application/json'],
        ['x-tc-action', ' describeinstancebackups '],
      ],
    })
    expect(upper.authorization).toContain('SignedHeaders=content-type;host;x-tc-action,')
    expect(lower.signature).toBe(upper.signature)
    const other = await signTc3({
      ...base,
      headers: { ...base.headers, 'X-TC-Action': 'ManualBackupInstance' },
    })
    expect(other.signature).not.toBe(upper.signature)
  })

  it('accepts a Headers instance', async () => {
    const headers = new Headers({ 'Content-Type': 'application/json' })
    const result = await signTc3({ ...redisVector, headers })
    expect(result.signature).toBe(redisVector.signatures[0].signature)
  })

  it('rejects a timestamp in milliseconds or not an integer, and missing secrets', async () => {
    const v = { ...redisVector, headers: { 'Content-Type': 'application/json' } }
    expect(() => signTc3({ ...v, timestamp: 1.5 })).toThrow(TypeError)
    expect(() => signTc3({ ...v, timestamp: Number.NaN })).toThrow(TypeError)
    // Milliseconds would sign a credential scope dated +051122-10: past 9999 is refused.
    expect(() => signTc3({ ...v, timestamp: 1551113065000 })).toThrow(/milliseconds are too large/)
    expect((await signTc3({ ...v, timestamp: 253_402_300_799 })).authorization).toContain('/9999-12-31/')
    // A numeric string is shown quoted: the message says what is wrong with it.
    expect(() => signTc3({ ...v, timestamp: '1551113065' as never })).toThrow(/got "1551113065"$/)
    expect(() => signTc3({ ...v, secretKey: '' })).toThrow(
      'signTc3: secretKey must be a non-empty string, got an empty one',
    )
  })

  it('never puts the secret key in its output', async () => {
    const result = await signTc3({ ...redisVector, headers: { 'Content-Type': 'application/json' } })
    expect(JSON.stringify(result)).not.toContain(redisVector.secretKey)
  })
})

describe('the WebCrypto signer', () => {
  it('returns a Promise and derives the key once per (secret, date, service)', async () => {
    let derivations = 0
    const counting = {
      ...webCrypto,
      importKey: (raw: Uint8Array) => {
        derivations++
        return webCrypto.importKey(raw)
      },
    }
    const { signTc3: sign } = createTc3Signer(counting)
    const input = { ...redisVector, headers: { 'Content-Type': 'application/json' } }
    const pending = sign(input)
    expect(pending).toBeInstanceOf(Promise)
    await Promise.all([pending, sign(input), sign({ ...input, timestamp: input.timestamp + 60 })])
    expect(derivations).toBe(1)
    await sign({ ...input, timestamp: input.timestamp + 86_400 })
    expect(derivations).toBe(2)
  })

  it('forgets a derivation that failed', async () => {
    let fail = true
    const flaky = {
      ...webCrypto,
      importKey: (raw: Uint8Array) => (fail ? Promise.reject(new Error('boom')) : webCrypto.importKey(raw)),
    }
    const { signTc3: sign } = createTc3Signer(flaky)
    const input = { ...redisVector, headers: { 'Content-Type': 'application/json' } }
    await expect(sign(input)).rejects.toThrow('boom')
    fail = false
    expect((await sign(input)).signature).toBe(redisVector.signatures[0].signature)
  })
})
