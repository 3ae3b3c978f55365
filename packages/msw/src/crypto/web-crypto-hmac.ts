import type { HmacAdapter } from './hmac-adapter.ts'

const encoder = new TextEncoder()

/** HMAC on WebCrypto: present in browsers, service workers, edge runtimes and Node >= 20. */
export const webCryptoHmac: HmacAdapter = {
  async hmac(hash, key, data) {
    const k = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash }, false, [
      'sign',
    ])
    return new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(data)))
  },
}
