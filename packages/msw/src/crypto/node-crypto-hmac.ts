import { createHmac } from 'node:crypto'
import type { HmacAdapter } from './hmac-adapter.ts'

// Only the Node server imports this file: browser bundles of the handlers never see node:crypto.
const names = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' } as const

/** HMAC on node:crypto: synchronous and much cheaper per call than WebCrypto on Node. */
export const nodeCryptoHmac: HmacAdapter = {
  hmac: (hash, key, data) => new Uint8Array(createHmac(names[hash], key).update(data, 'utf8').digest()),
}
