import {
  canonicalHeaders,
  canonicalQueryString,
  canonicalRequest,
  type Tc3Headers,
  type Tc3Query,
} from './canonical-request.ts'
import { chain, type MaybePromise } from './maybe-async.ts'
import { SigningKeyCache } from './signing-key-cache.ts'
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

/** Builds a TC3-HMAC-SHA256 signer on the given primitives, with its own bounded signing-key cache. */
export function createTc3Signer<K>(crypto: Tc3Crypto<K>, cacheSize = 32): Tc3Signer {
  const cache = new SigningKeyCache<MaybePromise<K>>(cacheSize)

  const signingKey = (secretKey: string, date: string, service: string) =>
    chain(crypto.hmac(`TC3${secretKey}`, date), (kDate) =>
      chain(crypto.hmac(kDate, service), (kService) => crypto.hmac(kService, 'tc3_request')),
    )

  const cachedKey = (secretKey: string, date: string, service: string) =>
    cache.get(secretKey, date, service, () => {
      const key = chain(signingKey(secretKey, date, service), crypto.importKey)
      // A rejected derivation must not poison the cache for the rest of the day.
      if (key instanceof Promise) key.catch(() => cache.delete(secretKey, date, service))
      return key
    })

  function signTc3(input: Tc3SignInput): Tc3Signature | Promise<Tc3Signature> {
    const { timestamp, secretId, secretKey, host } = input
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new TypeError(
        `signTc3: timestamp must be Unix seconds (a non-negative integer), got ${timestamp}`,
      )
    }
    if (!host) throw new TypeError('signTc3: host is required')
    if (!secretId || !secretKey) throw new TypeError('signTc3: secretId and secretKey are required')
    const service = input.service ?? host.split('.')[0]!
    const date = utcDate(timestamp)
    const scope = credentialScope(date, service)
    const headers = canonicalHeaders(withHost(input.headers, host))
    const method = input.method ?? 'POST'
    const path = input.path ?? '/'
    const query = canonicalQueryString(input.query)

    return chain(crypto.sha256Hex(input.body ?? ''), (bodySha256Hex) =>
      chain(crypto.sha256Hex(canonicalRequest({ method, path, query, headers, bodySha256Hex })), (hash) =>
        chain(cachedKey(secretKey, date, service), (key) =>
          chain(crypto.hmacHex(key, stringToSign(timestamp, scope, hash)), (signature) => ({
            authorization: authorizationHeader(secretId, scope, headers.signed, signature),
            signature,
          })),
        ),
      ),
    )
  }

  return { signTc3, signingKey }
}

function* withHost(headers: Tc3Headers | undefined, host: string): Iterable<readonly [string, string]> {
  if (headers) {
    const entries = Symbol.iterator in headers ? headers : Object.entries(headers)
    for (const [name, value] of entries) {
      if (name.trim().toLowerCase() !== 'host') yield [name, String(value)]
    }
  }
  yield ['host', host]
}
