export const TC3_ALGORITHM = 'TC3-HMAC-SHA256'

/** `<date>/<service>/tc3_request`: the scope a signing key is valid for. */
export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/tc3_request`
}

/** `TC3-HMAC-SHA256\n<timestamp>\n<scope>\n<hex(SHA256(canonical request))>`. */
export function stringToSign(timestamp: number, scope: string, canonicalRequestSha256Hex: string): string {
  return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${canonicalRequestSha256Hex}`
}

/** The `Authorization` header value. */
export function authorizationHeader(
  secretId: string,
  scope: string,
  signedHeaders: string,
  signature: string,
) {
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}
