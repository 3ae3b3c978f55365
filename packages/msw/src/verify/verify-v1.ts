import { toBase64 } from '../crypto/base64.ts'
import { constantTimeEqual } from '../crypto/constant-time-equal.ts'
import type { HmacAdapter } from '../crypto/hmac-adapter.ts'
import type { IncomingCall } from '../protocol/incoming-call.ts'

const hashes = { HmacSHA1: 'SHA-1', HmacSHA256: 'SHA-256' } as const

export type V1Method = keyof typeof hashes

export function isV1Method(value: string): value is V1Method {
  return Object.hasOwn(hashes, value)
}

/**
 * The legacy signature: base64(HMAC(SecretKey, Method + host + path + "?" + every parameter but Signature,
 * sorted by name, as name=value joined by "&", values not URL-encoded)). The host is signed as sent, port
 * included, as the official SDK signs its endpoint.
 */
export function v1StringToSign(call: IncomingCall): string {
  const params = call.v1Params
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  return `${call.method}${call.url.host}${call.url.pathname}?${params}`
}

export async function verifyV1(
  call: IncomingCall,
  method: V1Method,
  secretKey: string,
  signature: string,
  hmac: HmacAdapter,
): Promise<boolean> {
  const expected = toBase64(await hmac.hmac(hashes[method], secretKey, v1StringToSign(call)))
  return constantTimeEqual(expected, signature)
}
