import type { Tc3Crypto } from './tc3-crypto.ts'

const encoder = new TextEncoder()
const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')

// WebCrypto's typings want an ArrayBuffer-backed view; a caller's Uint8Array may sit on a SharedArrayBuffer.
const bytes = (data: string | Uint8Array) =>
  typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data)

const importHmacKey = (raw: string | Uint8Array) =>
  crypto.subtle.importKey('raw', bytes(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])

/** TC3 primitives on WebCrypto (browsers, edge runtimes, Deno, Bun): every result is a Promise. */
export const tc3Crypto: Tc3Crypto<CryptoKey> = {
  sha256Hex: async (data) => toHex(await crypto.subtle.digest('SHA-256', bytes(data))),
  hmac: async (key, data) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', await importHmacKey(key), encoder.encode(data))),
  importKey: importHmacKey,
  hmacHex: async (key, data) => toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(data))),
}
