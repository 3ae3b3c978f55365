import { tc3Crypto } from '#crypto'
import { createTc3Signer, type Tc3Signature, type Tc3SignInput } from './create-tc3-signer.ts'

// node:crypto under the `node` export condition, WebCrypto everywhere else: a browser bundle
// never pulls a Node built-in, and Node never pays WebCrypto's per-call overhead.
const signer = createTc3Signer(tc3Crypto)

/**
 * Signs a request with TC3-HMAC-SHA256. Returns the result synchronously on Node, a Promise
 * with WebCrypto: `await` it either way.
 * @example
 * const { authorization } = await signTc3({ host: 'redis.tencentcloudapi.com', service: 'redis',
 *   headers: { 'Content-Type': 'application/json' }, body, timestamp, secretId, secretKey })
 */
export function signTc3(input: Tc3SignInput): Tc3Signature | Promise<Tc3Signature> {
  return signer.signTc3(input)
}
