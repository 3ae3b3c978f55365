/** The one primitive the v1 verifier needs, so the handlers run on WebCrypto (browsers) or node:crypto. */
export interface HmacAdapter {
  hmac(hash: 'SHA-1' | 'SHA-256', key: string, data: string): Uint8Array | Promise<Uint8Array>
}
