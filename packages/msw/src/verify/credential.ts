import { closestOption } from '../known-options.ts'
import { shown } from '../shown.ts'
/** A key pair the mock accepts; with `token`, calls must carry it (temporary credentials). */
export interface Credential {
  secretId: string
  secretKey: string
  token?: string | undefined
}

const credentialFields = ['secretId', 'secretKey', 'token']

/**
 * A value given where a secret belongs, as a message shows it: its kind, never the value (a key given as a number,
 * or the whole option given a key by mistake, would land in a CI log).
 */
export const withheld = (value: unknown): string =>
  value === ''
    ? '""'
    : typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint'
      ? `a ${typeof value}`
      : shown(value)

/** The SecretIds the service accepts; any other is answered AuthFailure.InvalidSecretId. */
export const secretIdShape = /^[A-Za-z0-9_-]{1,128}$/

/**
 * What is wrong with a key pair's token (already known to be a string or absent), or undefined. A client sends it
 * in a header, where fetch and our client refuse a space, a line break or non-ASCII: such a token would be refused
 * on every call. An empty token is none, as the verifier and our client read it. Its value is not shown.
 */
export function tokenProblem(secretId: string, token: string | undefined): string | undefined {
  if (token !== undefined && token !== '' && !/^[\x21-\x7e]+$/.test(token))
    return `the token of ${secretId} must be printable ASCII without spaces or line breaks, as a header carries it`
  return undefined
}

/**
 * What is wrong with a list of key pairs to accept, in a sentence, or undefined. A pair the verifier would
 * refuse on every call (a malformed or unset SecretId, an empty key) or a SecretId given twice with its keys
 * (only the last would count) is a mistake of the test setup, better reported at startup than as AuthFailure.
 */
export function credentialsProblem(credentials: readonly Credential[]): string | undefined {
  const seen = new Set<string>()
  for (const c of credentials) {
    if (typeof c !== 'object' || c === null || Array.isArray(c))
      return `each key pair must be an object { secretId, secretKey, token? }, got ${withheld(c)}`
    // A misspelt field (`Token`, `secret_key`) would be ignored: the token check silently off, say.
    const stray = Object.keys(c).find(
      (key) =>
        !credentialFields.includes(key) && (c as unknown as Record<string, unknown>)[key] !== undefined,
    )
    if (stray !== undefined) {
      const near = closestOption(stray, credentialFields)
      return `a key pair has a field ${JSON.stringify(stray)}${near ? ` (did you mean "${near}"?)` : ''}; its fields are ${credentialFields.join(', ')}`
    }
    const { secretId, secretKey, token } = c as Partial<Record<keyof Credential, unknown>>
    if (typeof secretId !== 'string' || !secretIdShape.test(secretId))
      return `${shown(secretId)} is not a SecretId the service accepts (1 to 128 letters, digits, _ or -)`
    if (typeof secretKey !== 'string')
      return `the secret key of ${secretId} must be a string, got ${withheld(secretKey)}`
    if (secretKey === '') return `the secret key of ${secretId} is empty`
    if (token !== undefined && typeof token !== 'string')
      return `the token of ${secretId} must be a string, got ${withheld(token)}`
    const problem = tokenProblem(secretId, token)
    if (problem) return problem
    if (seen.has(secretId)) return `${secretId} is given twice (give each SecretId once, with its key)`
    seen.add(secretId)
  }
  return undefined
}
