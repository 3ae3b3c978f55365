/** The parts of `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex`. */
export interface Tc3Authorization {
  readonly secretId: string
  readonly date: string
  readonly service: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

// The service is printable ASCII (not / or ,) and SignedHeaders are names joined by single `;`: anything else is
// no header a signer could have made, and core's signTc3 refuses to sign it.
const shape =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]*)\/(\d{4}-\d{2}-\d{2})\/([!-+\-.0-~]+)\/tc3_request, ?SignedHeaders=([a-z0-9_-]+(?:;[a-z0-9_-]+)*), ?Signature=([0-9a-f]{64})$/

// The last header parsed and its parts: a client repeating a signed request (a retry, a load test) sends
// the same header again. Parsing is a pure function of the text, and the parts are never modified.
let lastHeader: string | undefined
let lastParsed: Tc3Authorization | { problem: string } = { problem: '' }

/** Parses the header, or says in a sentence what is wrong with it. */
export function parseTc3Authorization(header: string): Tc3Authorization | { problem: string } {
  if (header !== lastHeader) {
    lastParsed = parse(header)
    lastHeader = header
  }
  return lastParsed
}

function parse(header: string): Tc3Authorization | { problem: string } {
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
  return Object.freeze({ secretId, date, service, signedHeaders: Object.freeze(signedHeaders), signature })
}
