import { signTc3 } from '@crs-kit/core'
import { constantTimeEqual } from '../crypto/constant-time-equal.ts'
import type { IncomingCall } from '../protocol/incoming-call.ts'
import type { Tc3Authorization } from './parse-tc3-authorization.ts'
import { signedLocations } from './signed-locations.ts'

/**
 * Recomputes the v3 signature the way the service does: the SignedHeaders and service named in the
 * Authorization header and each signed header's received value verbatim. The host is tried without its
 * port first (Tencent's Node SDK signs it so even when it sends `Host: 127.0.0.1:4010`), then as sent.
 */
export async function verifyTc3(
  call: IncomingCall,
  auth: Tc3Authorization,
  secretKey: string,
  timestamp: number,
): Promise<boolean> {
  const headers: [string, string][] = auth.signedHeaders
    .filter((name) => name !== 'host')
    .map((name) => [name, call.headers.get(name) ?? ''])
  for (const { host, path } of signedLocations(call.url)) {
    const { signature } = await signTc3({
      method: call.method,
      host,
      path,
      query: call.url.search.slice(1),
      headers,
      body: call.body,
      service: auth.service,
      timestamp,
      secretId: auth.secretId,
      secretKey,
    })
    // The comparison is constant-time; stopping at the first match tells a caller only which of the public
    // host forms it signed, never anything about the secret or the expected signature.
    if (constantTimeEqual(signature, auth.signature)) return true
  }
  return false
}
