import { signTc3 } from '@crs-kit/core'
import { constantTimeEqual } from '../crypto/constant-time-equal.ts'
import type { IncomingCall } from '../protocol/incoming-call.ts'
import type { Tc3Authorization } from './parse-tc3-authorization.ts'

/**
 * Recomputes the v3 signature the way the service does: the SignedHeaders and service named in the
 * Authorization header, each signed header's received value verbatim, and the host without its port (as
 * Tencent's SDKs sign it even when they send `Host: 127.0.0.1:4010`).
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
  const { signature } = await signTc3({
    method: call.method,
    host: call.url.hostname,
    path: call.url.pathname,
    query: call.url.search.slice(1),
    headers,
    body: call.body,
    service: auth.service,
    timestamp,
    secretId: auth.secretId,
    secretKey,
  })
  return constantTimeEqual(signature, auth.signature)
}
