import type { MaybePromise } from './maybe-async.ts'

/**
 * The four primitives TC3 needs. `K` is whatever form of the derived signing key makes the last
 * HMAC cheapest (raw bytes for node:crypto, a CryptoKey for WebCrypto), so it is cached as is.
 */
export interface Tc3Crypto<K = unknown> {
  sha256Hex(data: string | Uint8Array): MaybePromise<string>
  hmac(key: string | Uint8Array, data: string): MaybePromise<Uint8Array>
  importKey(raw: Uint8Array): MaybePromise<K>
  hmacHex(key: K, data: string): MaybePromise<string>
}
