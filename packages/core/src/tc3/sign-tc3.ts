import { tc3Crypto } from '#crypto'
import { canonicalPairs } from './canonical-request.ts'
import { signParts, type Tc3Signature, type Tc3SignInput, tc3Parts } from './create-tc3-signer.ts'
import type { MaybePromise } from './maybe-async.ts'
import type { Tc3Crypto } from './tc3-crypto.ts'

// node:crypto under the `node` export condition, WebCrypto everywhere else: a browser bundle
// never pulls a Node built-in, and Node never pays WebCrypto's per-call overhead.
const crypto: Tc3Crypto = tc3Crypto
const keys = /* @__PURE__ */ new Map<string, MaybePromise<unknown>>()

/**
 * Signs a request with TC3-HMAC-SHA256. Returns the result synchronously on Node, a Promise
 * with WebCrypto: `await` it either way.
 * @example
 * const { authorization } = await signTc3({ host: 'redis.tencentcloudapi.com', service: 'redis',
 *   headers: { 'Content-Type': 'application/json' }, body, timestamp, secretId, secretKey })
 */
export function signTc3(input: Tc3SignInput): Tc3Signature | Promise<Tc3Signature> {
  return signParts(crypto, keys, 32, tc3Parts(input))
}

/** A `POST /` without query whose input is already known good (a client's own API calls). */
export interface Tc3PostInput {
  host: string
  headers: Readonly<Record<string, string>>
  body: string
  service: string
  timestamp: number
  secretId: string
  secretKey: string
}

/**
 * signTc3 for a `POST /` without query and with trusted input: the same signature, without signTc3's
 * checks and query encoding, so a bundle that only makes API calls does not carry them.
 */
export function signTc3Post(input: Tc3PostInput): Tc3Signature | Promise<Tc3Signature> {
  const headers = canonicalPairs(Object.entries({ ...input.headers, host: input.host }))
  return signParts(crypto, keys, 32, { ...input, method: 'POST', path: '/', query: '', headers })
}

/** A request as received, to sign again: the query as sent, the signed headers as name/value pairs. */
export interface Tc3ReceivedInput {
  method: string
  host: string
  path: string
  query: string
  headers: readonly (readonly [string, string])[]
  body: string | Uint8Array
  service: string
  timestamp: number
  secretId: string
  secretKey: string
}

/**
 * signTc3 for a request a verifier received and has parsed already (crs-mock checking a signature): the same
 * signature, without signTc3's input checks, which cost every verified call and can only pass there.
 */
export function signTc3Received(input: Tc3ReceivedInput): Tc3Signature | Promise<Tc3Signature> {
  const headers = canonicalPairs([...input.headers, ['host', input.host]])
  return signParts(crypto, keys, 32, { ...input, headers })
}
