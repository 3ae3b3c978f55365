import { utcDate } from '@crs-kit/core'
import type { HmacAdapter } from '../crypto/hmac-adapter.ts'
import type { MaybePromise } from '../maybe-promise.ts'
import type { CallError, IncomingCall } from '../protocol/incoming-call.ts'
import { type Credential, secretIdShape } from './credential.ts'
import { parseTc3Authorization, type Tc3Authorization } from './parse-tc3-authorization.ts'
import { verifyTc3 } from './verify-tc3.ts'
import { isV1Method, type V1Method, verifyV1 } from './verify-v1.ts'

export interface AuthOptions {
  credentials: ReadonlyMap<string, Credential>
  /** Epoch milliseconds. */
  now: number
  maxSkewSeconds: number
  hmac: HmacAdapter
}

const fail = (code: string, message: string): CallError => ({ code, message })
const unixSeconds = /^\d{1,12}$/
/** Digits only: no sign, fraction, exponent or space. */
const nonceShape = /^\d+$/

/**
 * Checks the caller as the service does; answers the verified SecretId, or the AuthFailure to send.
 * Synchronous for a v3 signature on node:crypto, a Promise otherwise.
 */
export function authenticate(
  call: IncomingCall,
  o: AuthOptions,
): MaybePromise<{ secretId: string } | CallError> {
  const v1 = call.form === 'v1'
  let secretId: string
  let v1Signature: { method: V1Method; signature: string } | undefined
  let tc3: Tc3Authorization | undefined
  if (v1) {
    const first = (name: string) => call.v1Params.find(([k]) => k === name)?.[1]
    const signature = first('Signature')
    if (!signature)
      return fail('AuthFailure.InvalidAuthorization', 'the request is not signed: no Signature parameter')
    const method = first('SignatureMethod') ?? 'HmacSHA1'
    if (!isV1Method(method)) {
      return fail('AuthFailure.InvalidAuthorization', 'SignatureMethod must be HmacSHA1 or HmacSHA256')
    }
    const nonce = first('Nonce')
    if (!nonce) return fail('MissingParameter', 'the request is missing the Nonce parameter')
    // A random positive integer, as a malformed Timestamp: InvalidParameterValue. 0 is let through: Tencent's
    // Node SDK draws Math.round(Math.random() * 65535), 0 about once in 131,070 calls.
    if (!nonceShape.test(nonce))
      return fail(
        'InvalidParameterValue',
        `Nonce must be a random positive integer, got ${JSON.stringify(nonce.length > 40 ? `${nonce.slice(0, 40)}...` : nonce)}`,
      )
    secretId = first('SecretId') ?? ''
    v1Signature = { method, signature }
  } else {
    if (!call.authorization)
      return fail('AuthFailure.InvalidAuthorization', 'the request has no Authorization header')
    const auth = parseTc3Authorization(call.authorization)
    if ('problem' in auth) return fail('AuthFailure.InvalidAuthorization', auth.problem)
    secretId = auth.secretId
    tc3 = auth
  }
  const param = v1 ? 'Timestamp' : 'X-TC-Timestamp'
  if (call.timestamp === undefined) return fail('MissingParameter', `the request is missing ${param}`)
  if (!unixSeconds.test(call.timestamp)) {
    return fail(
      'InvalidParameterValue',
      `${param} must be Unix seconds, got ${JSON.stringify(call.timestamp)}`,
    )
  }
  const timestamp = Number(call.timestamp)
  if (Math.abs(o.now / 1000 - timestamp) > o.maxSkewSeconds) {
    return fail(
      'AuthFailure.SignatureExpire',
      `the request's timestamp ${timestamp} is more than ${o.maxSkewSeconds / 60} minutes away from the server time ${Math.floor(o.now / 1000)}`,
    )
  }
  if (!secretIdShape.test(secretId))
    return fail('AuthFailure.InvalidSecretId', 'the SecretId is not a valid key id')
  const credential = o.credentials.get(secretId)
  if (!credential) return fail('AuthFailure.SecretIdNotFound', 'the SecretId does not exist or is disabled')
  // The scope's date is the UTC date of X-TC-Timestamp; a client on local time (UTC+8, say) gets it wrong. The
  // service answers SignatureFailure; the message says which part of the signature is wrong.
  if (tc3 && tc3.date !== utcDate(timestamp)) {
    return fail(
      'AuthFailure.SignatureFailure',
      `the Authorization's credential date ${tc3.date} is not the UTC date of X-TC-Timestamp ${timestamp} (${utcDate(timestamp)}): sign with the UTC date`,
    )
  }
  const match = v1Signature
    ? verifyV1(call, v1Signature.method, credential.secretKey, v1Signature.signature, o.hmac)
    : verifyTc3(call, tc3!, credential.secretKey, timestamp)
  return match instanceof Promise
    ? match.then((m) => verdict(m, call, credential, secretId))
    : verdict(match, call, credential, secretId)
}

function verdict(
  match: boolean,
  call: IncomingCall,
  credential: Credential,
  secretId: string,
): { secretId: string } | CallError {
  if (!match) return fail('AuthFailure.SignatureFailure', 'the signature does not match the request')
  if ((credential.token || undefined) !== (call.token || undefined)) {
    return fail('AuthFailure.TokenFailure', 'the token is missing, wrong or not expected for this SecretId')
  }
  return { secretId }
}
