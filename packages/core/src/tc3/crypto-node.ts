import type { KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Tc3Crypto } from './tc3-crypto.ts'

type NodeCrypto = typeof import('node:crypto')

type OneShot = {
  (algorithm: string, data: string | Uint8Array, encoding: 'hex'): string
  (algorithm: string, data: string | Uint8Array, encoding: 'buffer'): Buffer
}
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

function padKey(crypto: NodeCrypto, raw: Uint8Array): PaddedKey {
  // Longer keys are hashed first (RFC 2104); a TC3 signing key is an HMAC, 32 bytes.
  const key = raw.byteLength > block ? crypto.createHash('sha256').update(raw).digest() : raw
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
 * TC3 primitives on `crypto` (node:crypto): synchronous and several times faster than WebCrypto in Node. Its one-shot
 * `hash` (Node >= 20.12, about twice as fast as createHash for small inputs) serves where the runtime has it and the
 * padded HMAC over it matches createHmac: a runtime that emulates node:crypto (Deno, Bun) may lack it or a 'buffer'
 * digest, and createHmac then serves.
 */
export function nodeTc3Crypto(crypto: NodeCrypto): Tc3Crypto<PaddedKey | KeyObject> {
  const { createHash, createHmac, createSecretKey } = crypto
  const hmac = (key: string | Uint8Array, data: string) => createHmac('sha256', key).update(data).digest()
  const hash = checkedOneShot(crypto)
  return hash
    ? {
        sha256Hex: (data) => hash('sha256', data, 'hex'),
        hmac,
        importKey: (raw) => padKey(crypto, raw),
        hmacHex: (key, data) => paddedHmacHex(hash, key as PaddedKey, data),
      }
    : {
        sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
        hmac,
        // An HMAC over a KeyObject costs a fraction of one over raw bytes, which are re-imported every call.
        importKey: (raw) => createSecretKey(raw),
        hmacHex: (key, data) =>
          createHmac('sha256', key as KeyObject)
            .update(data)
            .digest('hex'),
      }
}

function checkedOneShot(crypto: NodeCrypto): OneShot | undefined {
  const oneShot = (crypto as { hash?: OneShot }).hash
  if (!oneShot) return undefined
  try {
    const key = new Uint8Array(32).fill(7)
    const expected = crypto.createHmac('sha256', key).update('TC3').digest('hex')
    return paddedHmacHex(oneShot, padKey(crypto, key), 'TC3') === expected ? oneShot : undefined
  } catch {
    return undefined
  }
}

/**
 * node:crypto, loaded with the first signature rather than with the package: it is about half of a cold import of
 * the client on Node 24 (9 of 20 ms), and a program may import the client long before it calls (or never, in a
 * test that stubs it). Synchronous, so signing stays synchronous: process.getBuiltinModule (Node >= 20.16), else
 * a require. That require resolves a built-in only, so it is made from the root URL rather than import.meta.url,
 * which a CommonJS bundle of this module empties (esbuild, with a warning to whoever bundles it).
 */
const loadCrypto = (): NodeCrypto =>
  (globalThis.process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ??
  (createRequire('file:///')('node:crypto') as NodeCrypto)

let loaded: Tc3Crypto<PaddedKey | KeyObject> | undefined
const primitives = () => {
  loaded ??= nodeTc3Crypto(loadCrypto())
  return loaded
}

/** nodeTc3Crypto over node:crypto, loaded on first use. */
export const tc3Crypto: Tc3Crypto<PaddedKey | KeyObject> = {
  sha256Hex: (data) => primitives().sha256Hex(data),
  hmac: (key, data) => primitives().hmac(key, data),
  importKey: (raw) => primitives().importKey(raw),
  hmacHex: (key, data) => primitives().hmacHex(key, data),
}
