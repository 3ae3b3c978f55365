import * as nodeCrypto from 'node:crypto'
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { nodeTc3Crypto, tc3Crypto } from './crypto-node.ts'

const reference = (key: Uint8Array, data: string) => createHmac('sha256', key).update(data).digest('hex')

it('computes HMAC-SHA256 as createHmac does, for any key and message length, reusing one key', async () => {
  for (const keyBytes of [0, 1, 32, 64, 65, 200]) {
    const raw = randomBytes(keyBytes)
    const key = await tc3Crypto.importKey(raw)
    // Longer than the room first set aside, then shorter again: nothing of a longer message may stay in.
    for (const data of [
      '',
      'a',
      'TC3-HMAC-SHA256\n1551113065\n',
      'x'.repeat(1000),
      'é日本'.repeat(50),
      'b',
    ]) {
      expect(await tc3Crypto.hmacHex(key, data)).toBe(reference(raw, data))
    }
  }
})

it('keeps two keys apart when their HMACs alternate', async () => {
  const [a, b] = [randomBytes(32), randomBytes(32)]
  const [ka, kb] = [await tc3Crypto.importKey(a), await tc3Crypto.importKey(b)]
  for (const data of ['one', 'two', 'three'.repeat(100)]) {
    expect(await tc3Crypto.hmacHex(ka, data)).toBe(reference(a, data))
    expect(await tc3Crypto.hmacHex(kb, data)).toBe(reference(b, data))
  }
})

describe('on a runtime whose node:crypto differs', () => {
  // What Node before 20.12 has, or an emulation without the one-shot digest (Deno, Bun) or with one that cannot
  // give a Buffer: createHmac then signs, with the same result.
  it.each([
    ['without crypto.hash', () => undefined],
    [
      'whose crypto.hash answers hex for a buffer digest',
      () => (algorithm: string, data: Uint8Array | string) =>
        createHash(algorithm).update(data).digest('hex'),
    ],
  ])('signs %s as createHmac does', async (_, replacement) => {
    const fallback = nodeTc3Crypto({ ...nodeCrypto, hash: replacement() } as typeof nodeCrypto)
    const raw = randomBytes(32)
    const key = await fallback.importKey(raw)
    // createHmac's KeyObject, not the padded key of crypto.hash.
    expect(key).toBeInstanceOf(nodeCrypto.KeyObject)
    expect(await fallback.hmacHex(key, 'TC3-HMAC-SHA256')).toBe(reference(raw, 'TC3-HMAC-SHA256'))
    expect(await fallback.sha256Hex('abc')).toBe(createHash('sha256').update('abc').digest('hex'))
  })
})
