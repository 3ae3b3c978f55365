import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, CrsKitError, signTc3 } from './index.ts'

// The official SDK's own signer, as a second opinion. It is CommonJS with a default export.
const require = createRequire(import.meta.url)
const { default: Sign } = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
  default: { sign3(input: Record<string, unknown>): string }
}

// A seeded generator keeps a failure reproducible.
function random(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!
  const text = (alphabet: string, min: number, max: number) =>
    Array.from({ length: min + int(max - min + 1) }, () => alphabet[int(alphabet.length)]).join('')
  return { int, pick, text }
}

const letters = 'abcdefghijklmnopqrstuvwxyz'
const printable = `${letters}${letters.toUpperCase()}0123456789+/=-_!@#$%^&*()`

describe('signTc3 against tencentcloud-sdk-nodejs-common', () => {
  it('agrees on 300 randomized POST and GET requests', async () => {
    const r = random(20190225)
    for (let i = 0; i < 300; i++) {
      const host = `${r.text(letters, 2, 8)}.${r.pick(['', 'ap-guangzhou.', 'intl.'])}tencentcloudapi.com`
      const service = host.split('.')[0]!
      const contentType = r.pick([
        'application/json',
        'application/json; charset=utf-8',
        'application/x-www-form-urlencoded',
      ])
      const method = r.pick(['POST', 'GET'] as const)
      const query =
        method === 'GET' ? `Limit=${r.int(100)}&InstanceId=crs-${r.text(letters, 8, 8)}&Status.0=2` : ''
      const value = {
        InstanceId: `crs-${r.text(letters, 8, 8)}`,
        Remark: r.text('日本語テスト abc\u00e9\u{1f600}"\\', 0, 20),
        Limit: r.int(101),
      }
      const body = method === 'GET' ? '' : JSON.stringify(value)
      const input = {
        method,
        host,
        path: '/',
        query,
        service,
        headers: { 'Content-Type': contentType },
        body,
        timestamp: 1_500_000_000 + r.int(400_000_000),
        secretId: `AKID${r.text(printable, 10, 36)}`,
        secretKey: r.text(printable, 1, 40),
      }
      const expected = Sign.sign3({
        method,
        url: `https://${host}/${query ? `?${query}` : ''}`,
        payload: Buffer.from(body),
        timestamp: input.timestamp,
        service,
        secretId: input.secretId,
        secretKey: input.secretKey,
        multipart: false,
        boundary: '',
        headers: { 'Content-Type': contentType },
      })
      expect((await signTc3(input)).authorization, JSON.stringify({ ...input, secretKey: '…' })).toBe(
        expected,
      )
    }
  })
})

describe('signTc3 given input it cannot sign', () => {
  const good = {
    host: 'redis.tencentcloudapi.com',
    service: 'redis',
    body: '{}',
    timestamp: 1_700_000_000,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
  }
  it.each([
    [
      'a timestamp in milliseconds',
      { timestamp: 1_700_000_000_000 },
      /^signTc3: timestamp must be Unix seconds/,
    ],
    ['no host', { host: '' }, /^signTc3: host must be a non-empty string of printable ASCII/],
    [
      'no secretKey',
      { secretKey: undefined as never },
      /^signTc3: secretKey must be a non-empty string, got undefined$/,
    ],
    [
      'an object body',
      { body: { InstanceId: 'x' } as never },
      /^signTc3: body must be the exact bytes sent, a string or a Uint8Array/,
    ],
  ])("refuses %s with the client's ConfigurationError, naming the field", async (_, change, message) => {
    const error = await (async () => signTc3({ ...good, ...change }))().catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error).toBeInstanceOf(CrsKitError)
    expect(error.message).toMatch(message)
    expect(JSON.stringify(error)).not.toContain('SECRETEXAMPLE')
  })

  it('still signs good input as before', async () => {
    expect((await signTc3(good)).authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\//)
  })
})
