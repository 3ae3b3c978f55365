import { signTc3Received, type Tc3Signature } from '@crs-kit/core'
import { constantTimeEqual } from '../crypto/constant-time-equal.ts'
import type { MaybePromise } from '../maybe-promise.ts'
import type { IncomingCall } from '../protocol/incoming-call.ts'
import type { Tc3Authorization } from './parse-tc3-authorization.ts'
import { type SignedLocation, signedLocations } from './signed-locations.ts'

/**
 * Recomputes the v3 signature the way the service does: the SignedHeaders and service named in the
 * Authorization header and each signed header's received value (trimmed and lower-cased, as the algorithm
 * says). The host is tried without its port first (Tencent's Node SDK signs it so even when it sends
 * `Host: 127.0.0.1:4010`), then as sent. Synchronous where core's signer is (node:crypto).
 */
export function verifyTc3(
  call: IncomingCall,
  auth: Tc3Authorization,
  secretKey: string,
  timestamp: number,
): MaybePromise<boolean> {
  const headers: [string, string][] = []
  for (const name of auth.signedHeaders) {
    if (name !== 'host') headers.push([name, call.headers.get(name) ?? ''])
  }
  // The algorithm's CanonicalQueryString is "" for POST whatever the URL carries (every official SDK signs it so):
  // a query on a POST (a cache-buster, a gateway's parameter) is not part of the signature.
  const query = call.method === 'POST' ? '' : call.query
  const locations = signedLocations(call.url)
  return matchFrom(0, locations, call, auth, headers, query, secretKey, timestamp)
}

/** Tries locations[i...] in order; synchronous as long as signTc3 is. */
function matchFrom(
  i: number,
  locations: readonly SignedLocation[],
  call: IncomingCall,
  auth: Tc3Authorization,
  headers: [string, string][],
  query: string,
  secretKey: string,
  timestamp: number,
): MaybePromise<boolean> {
  for (; i < locations.length; i++) {
    const { host, path } = locations[i]!
    const signed = signTc3Received({
      method: call.method,
      host,
      path,
      query,
      headers,
      body: call.body,
      service: auth.service,
      timestamp,
      secretId: auth.secretId,
      secretKey,
    })
    if (signed instanceof Promise) {
      const next = i + 1
      return signed.then(
        (s) =>
          matches(s, auth) || matchFrom(next, locations, call, auth, headers, query, secretKey, timestamp),
      )
    }
    if (matches(signed, auth)) return true
  }
  return false
}

// The comparison is constant-time; stopping at the first match tells a caller only which of the public
// host forms it signed, never anything about the secret or the expected signature.
const matches = ({ signature }: Tc3Signature, auth: Tc3Authorization) =>
  constantTimeEqual(signature, auth.signature)
