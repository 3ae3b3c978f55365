export {
  type CanonicalHeaders,
  type CanonicalRequestParts,
  canonicalHeaders,
  canonicalQueryString,
  canonicalRequest,
  type Tc3Headers,
  type Tc3Query,
} from './canonical-request.ts'
export { createTc3Signer, type Tc3Signature, type Tc3Signer, type Tc3SignInput } from './create-tc3-signer.ts'
export type { MaybePromise } from './maybe-async.ts'
export {
  signTc3,
  signTc3Post,
  signTc3Received,
  type Tc3PostInput,
  type Tc3ReceivedInput,
} from './sign-tc3.ts'
export { SigningKeyCache } from './signing-key-cache.ts'
export { authorizationHeader, credentialScope, stringToSign, TC3_ALGORITHM } from './string-to-sign.ts'
export type { Tc3Crypto } from './tc3-crypto.ts'
export { utcDate } from './utc-date.ts'
