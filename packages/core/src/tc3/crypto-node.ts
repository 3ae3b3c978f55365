import * as nodeCrypto from 'node:crypto'
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import type { Tc3Crypto } from './tc3-crypto.ts'

type OneShot = {
  (algorithm: string, data: string | Uint8Array, encoding: 'hex'): string
  (algorithm: string, data: string | Uint8Array, encoding: 'buffer'): Buffer
}
// crypto.hash (Node >= 20.12) is a one-shot digest about twice as fast as createHash for small inputs.
const oneShot = (nodeCrypto as { hash?: OneShot }).hash

const block = 64

/**
 * A signing key as HMAC-SHA256 uses it (RFC 2104): the key padded to a block and XORed with 0x36 (`inner`) and
 * with 0x5c (`outer`), each followed by room for what is hashed after it. An HMAC is then two one-shot digests.
 * Both buffers are reused by every HMAC under the key: a call fills and hashes them synchronously.
 */
interface PaddedKey {
  inner: Buffer
  readonly outer: Buffer
}

function padKey(raw: Uint8Array): PaddedKey {
  // Longer keys are hashed first (RFC 2104); a TC3 signing key is an HMAC, 32 bytes.
  const key = raw.byteLength > block ? createHash('sha256').update(raw).digest() : raw
  const inner = Buffer.alloc(block + 256)
  const outer = Buffer.alloc(block + 32)
  for (let i = 0; i < block; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36
    outer[i] = (key[i] ?? 0) ^ 0x5c
  }
  return { inner, outer }
}

/**
 * HMAC-SHA256 over two crypto.hash calls. It costs less than createHmac, which builds a native HMAC context per
 * call, where it matters most: one call at a time, with cold caches (crs-mock answering a test suite; bench/mock.ts).
 */
function paddedHmacHex(hash: OneShot, key: PaddedKey, data: string): string {
  const length = Buffer.byteLength(data)
  if (key.inner.length < block + length) {
    const grown = Buffer.alloc(block + length)
    key.inner.copy(grown, 0, 0, block)
    key.inner = grown
  }
  key.inner.write(data, block)
  hash('sha256', key.inner.subarray(0, block + length), 'buffer').copy(key.outer, block)
  return hash('sha256', key.outer, 'hex')
}

/**
 * crypto.hash when this runtime has it and the padded HMAC over it matches createHmac: a runtime that emulates
 * node:crypto (Deno, Bun) may lack it or a 'buffer' digest, and createHmac then serves.
 */
function checkedOneShot(): OneShot | undefined {
  if (!oneShot) return undefined
  try {
    const key = new Uint8Array(32).fill(7)
    const expected = createHmac('sha256', key).update('TC3').digest('hex')
    return paddedHmacHex(oneShot, padKey(key), 'TC3') === expected ? oneShot : undefined
  } catch {
    return undefined
  }
}
const hash = checkedOneShot()

/** TC3 primitives on node:crypto: synchronous and several times faster than WebCrypto in Node. */
export const tc3Crypto: Tc3Crypto<PaddedKey | KeyObject> = hash
  ? {
      sha256Hex: (data) => hash('sha256', data, 'hex'),
      hmac: (key, data) => createHmac('sha256', key).update(data).digest(),
      importKey: padKey,
      hmacHex: (key, data) => paddedHmacHex(hash, key as PaddedKey, data),
    }
  : {
      sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
      hmac: (key, data) => createHmac('sha256', key).update(data).digest(),
      // An HMAC over a KeyObject costs a fraction of one over raw bytes, which are re-imported every call.
      importKey: (raw) => createSecretKey(raw),
      hmacHex: (key, data) =>
        createHmac('sha256', key as KeyObject)
          .update(data)
          .digest('hex'),
    }
