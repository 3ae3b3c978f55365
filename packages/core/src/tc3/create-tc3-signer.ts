import {
  type CanonicalRequestParts,
  canonicalHeaders,
  canonicalQueryString,
  canonicalRequestWith,
  type Tc3Headers,
  type Tc3Query,
} from './canonical-request.ts'
import { checkSignInput } from './check-sign-input.ts'
import { chain, type MaybePromise } from './maybe-async.ts'
import { checkCacheSize, keyId, lruGet } from './signing-key-cache.ts'
import { authorizationHeader, credentialScope, stringToSign } from './string-to-sign.ts'
import type { Tc3Crypto } from './tc3-crypto.ts'
import { utcDate } from './utc-date.ts'

/** What `signTc3` signs. `headers` are exactly the headers to sign; `host` is signed as given. */
export interface Tc3SignInput {
  /** Default `POST`. */
  method?: string
  /** Signed as the `host` header, e.g. `redis.tencentcloudapi.com` (no port, as Tencent's SDKs sign it). */
  host: string
  /** Default `/`. */
  path?: string
  /** Default none (POST). */
  query?: Tc3Query
  /** Any set, e.g. `{ 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeInstanceBackups' }`. */
  headers?: Tc3Headers
  /** The exact bytes sent; default the empty string. */
  body?: string | Uint8Array
  /** Default: the host's first label (`redis`). */
  service?: string
  /** Unix seconds. */
  timestamp: number
  secretId: string
  secretKey: string
}

export interface Tc3Signature {
  /** The `Authorization` header value. */
  authorization: string
  /** Lower-case hex. */
  signature: string
}

export interface Tc3Signer {
  /** Synchronous where the crypto is (node:crypto), a Promise otherwise (WebCrypto). */
  signTc3(input: Tc3SignInput): Tc3Signature | Promise<Tc3Signature>
  /** SecretSigning = HMAC(HMAC(HMAC("TC3" + secretKey, date), service), "tc3_request"), uncached. */
  signingKey(secretKey: string, date: string, service: string): MaybePromise<Uint8Array>
}

/** What is signed, once signTc3 has checked its input and filled in the defaults. */
export interface Tc3Parts extends Omit<CanonicalRequestParts, 'bodySha256Hex'> {
  body: string | Uint8Array
  service: string
  timestamp: number
  secretId: string
  secretKey: string
}

/** signTc3's checks and defaults: POST, `/`, no query, the service from the host; `host` signed as given. */
export function tc3Parts(input: Tc3SignInput): Tc3Parts {
  // The headers and query as read once by the check: an iterator given for either would be empty on a second read.
  const checked = checkSignInput(input)
  const { timestamp, secretId, secretKey, host } = input
  return {
    method: input.method ?? 'POST',
    path: input.path ?? '/',
    query: canonicalQueryString(checked.query as Tc3Query),
    // Host last: a repeated name keeps its last value, so `host` is signed as given over any host header.
    headers: canonicalHeaders([...checked.headers, ['host', host]] as Tc3Headers),
    body: input.body ?? '',
    service: input.service ?? host.split('.')[0]!,
    timestamp,
    secretId,
    secretKey,
  }
}

/** SecretSigning = HMAC(HMAC(HMAC("TC3" + secretKey, date), service), "tc3_request"). */
const deriveKey = <K>(crypto: Tc3Crypto<K>, secretKey: string, date: string, service: string) =>
  chain(crypto.hmac(`TC3${secretKey}`, date), (kDate) =>
    chain(crypto.hmac(kDate, service), (kService) => crypto.hmac(kService, 'tc3_request')),
  )

/**
 * The TC3 steps proper: body hash, canonical request, string to sign, signature with the signing key
 * cached in `keys` (at most `maxKeys` of them, least recently used evicted).
 */
export function signParts<K>(
  crypto: Tc3Crypto<K>,
  keys: Map<string, MaybePromise<K>>,
  maxKeys: number,
  parts: Tc3Parts,
): MaybePromise<Tc3Signature> {
  const { timestamp, secretId, secretKey, service } = parts
  const date = utcDate(timestamp)
  const scope = credentialScope(date, service)
  const id = keyId(secretKey, date, service)
  const key = lruGet(keys, maxKeys, id, () => {
    const derived = chain(deriveKey(crypto, secretKey, date, service), crypto.importKey)
    // A rejected derivation must not poison the cache for the rest of the day.
    if (derived instanceof Promise) derived.catch(() => keys.delete(id))
    return derived
  })
  return chain(crypto.sha256Hex(parts.body), (bodySha256Hex) =>
    chain(crypto.sha256Hex(canonicalRequestWith(parts, bodySha256Hex)), (hash) =>
      chain(key, (k) =>
        chain(crypto.hmacHex(k, stringToSign(timestamp, scope, hash)), (signature) => ({
          authorization: authorizationHeader(secretId, scope, parts.headers.signed, signature),
          signature,
        })),
      ),
    ),
  )
}

/** Builds a TC3-HMAC-SHA256 signer on the given primitives, with its own bounded signing-key cache. */
export function createTc3Signer<K>(crypto: Tc3Crypto<K>, cacheSize = 32): Tc3Signer {
  checkCacheSize(cacheSize)
  const keys = new Map<string, MaybePromise<K>>()
  return {
    signTc3: (input) => signParts(crypto, keys, cacheSize, tc3Parts(input)),
    signingKey: (secretKey, date, service) => deriveKey(crypto, secretKey, date, service),
  }
}
