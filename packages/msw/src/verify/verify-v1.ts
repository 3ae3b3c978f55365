import { toBase64 } from '../crypto/base64.ts'
import { constantTimeEqual } from '../crypto/constant-time-equal.ts'
import type { HmacAdapter } from '../crypto/hmac-adapter.ts'
import type { IncomingCall } from '../protocol/incoming-call.ts'
import { type SignedLocation, signedLocations } from './signed-locations.ts'

const hashes = { HmacSHA1: 'SHA-1', HmacSHA256: 'SHA-256' } as const

export type V1Method = keyof typeof hashes

export function isV1Method(value: string): value is V1Method {
  return Object.hasOwn(hashes, value)
}

/**
 * The legacy string to sign: Method + host + path + "?" + every parameter but Signature, sorted by name,
 * as name=value joined by "&", values not URL-encoded.
 */
export function v1StringToSign(call: IncomingCall, where: SignedLocation): string {
  const params = call.v1Params
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  return `${call.method}${where.host}${where.path}?${params}`
}

/** base64(HMAC(SecretKey, string to sign)), the host tried as sent (port included, as the SDKs sign it) and without its port. */
export async function verifyV1(
  call: IncomingCall,
  method: V1Method,
  secretKey: string,
  signature: string,
  hmac: HmacAdapter,
): Promise<boolean> {
  let match = false
  for (const where of signedLocations(call.url)) {
    const expected = toBase64(await hmac.hmac(hashes[method], secretKey, v1StringToSign(call, where)))
    if (constantTimeEqual(expected, signature)) match = true
  }
  return match
}
