import type { HmacAdapter } from '../crypto/hmac-adapter.ts'
import type { CallError, IncomingCall } from '../protocol/incoming-call.ts'
import type { Credential } from './credential.ts'
import { parseTc3Authorization } from './parse-tc3-authorization.ts'
import { verifyTc3 } from './verify-tc3.ts'
import { isV1Method, verifyV1 } from './verify-v1.ts'

export interface AuthOptions {
  credentials: ReadonlyMap<string, Credential>
  /** Epoch milliseconds. */
  now: number
  maxSkewSeconds: number
  hmac: HmacAdapter
}

const fail = (code: string, message: string): CallError => ({ code, message })
const secretIdShape = /^[A-Za-z0-9_-]{1,128}$/
const utcDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10)

/** Checks the caller as the service does; answers the verified SecretId, or the AuthFailure to send. */
export async function authenticate(
  call: IncomingCall,
  o: AuthOptions,
): Promise<{ secretId: string } | CallError> {
  const v1 = call.form === 'v1'
  const param = (name: string) => (v1 ? name : `X-TC-${name}`)
  let secretId: string
  let check: (credential: Credential, timestamp: number) => Promise<boolean>

  if (v1) {
    const first = (name: string) => call.v1Params.find(([k]) => k === name)?.[1]
    const signature = first('Signature')
    if (!signature)
      return fail('AuthFailure.InvalidAuthorization', 'the request is not signed: no Signature parameter')
    const method = first('SignatureMethod') ?? 'HmacSHA1'
    if (!isV1Method(method)) {
      return fail('AuthFailure.InvalidAuthorization', 'SignatureMethod must be HmacSHA1 or HmacSHA256')
    }
    if (!first('Nonce')) return fail('MissingParameter', 'the request is missing the Nonce parameter')
    secretId = first('SecretId') ?? ''
    check = (credential) => verifyV1(call, method, credential.secretKey, signature, o.hmac)
  } else {
    if (!call.authorization)
      return fail('AuthFailure.InvalidAuthorization', 'the request has no Authorization header')
    const auth = parseTc3Authorization(call.authorization)
    if ('problem' in auth) return fail('AuthFailure.InvalidAuthorization', auth.problem)
    secretId = auth.secretId
    check = async (credential, timestamp) => {
      // The scope's date is the UTC date of X-TC-Timestamp; a client on local time gets it wrong.
      if (auth.date !== utcDate(timestamp)) return false
      return verifyTc3(call, auth, credential.secretKey, timestamp)
    }
  }

  if (call.timestamp === undefined)
    return fail('MissingParameter', `the request is missing ${param('Timestamp')}`)
  if (!/^\d{1,12}$/.test(call.timestamp)) {
    return fail(
      'InvalidParameterValue',
      `${param('Timestamp')} must be Unix seconds, got ${JSON.stringify(call.timestamp)}`,
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
  if (!(await check(credential, timestamp))) {
    return fail('AuthFailure.SignatureFailure', 'the signature does not match the request')
  }
  if ((credential.token || undefined) !== (call.token || undefined)) {
    return fail('AuthFailure.TokenFailure', 'the token is missing, wrong or not expected for this SecretId')
  }
  return { secretId }
}
