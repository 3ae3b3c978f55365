/** The parts of `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex`. */
export interface Tc3Authorization {
  secretId: string
  date: string
  service: string
  signedHeaders: string[]
  signature: string
}

const shape =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]*)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;_-]+), ?Signature=([0-9a-f]{64})$/

/** Parses the header, or says in a sentence what is wrong with it. */
export function parseTc3Authorization(header: string): Tc3Authorization | { problem: string } {
  if (!header.startsWith('TC3-HMAC-SHA256 '))
    return { problem: 'the Authorization header must use TC3-HMAC-SHA256' }
  const m = shape.exec(header.trim())
  if (!m) {
    return {
      problem:
        'the Authorization header must read "TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, ' +
        'SignedHeaders=<names>, Signature=<64 hex digits>"',
    }
  }
  const [, secretId, date, service, signed, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const signedHeaders = signed.split(';')
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
    return { problem: 'SignedHeaders must include content-type and host' }
  }
  return { secretId, date, service, signedHeaders, signature }
}
