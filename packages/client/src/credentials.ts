import { ConfigurationError } from './errors.ts'
import { readVariable } from './read-variable.ts'
import type { Credentials, CredentialsProvider } from './redis-client-options.ts'

type Env = Record<string, string | undefined>

// `process` does not exist in browsers and some edge runtimes; reading it must not throw there.
const processEnv = (): Env | undefined => (globalThis as { process?: { env?: Env } }).process?.env

/**
 * Credentials from TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN, read at call time. A variable the runtime
 * does not let us read counts as unset and is named if the credentials are then missing.
 */
export function credentialsFromEnv(env: Env | undefined = processEnv()): Credentials {
  const refused: string[] = []
  const [secretId, secretKey, token] = Object.values(variables).map((name) =>
    readVariable(env, name, refused),
  )
  if (!secretId || !secretKey) {
    // Only the variables missing: with one of the two set, the other is the mistake.
    const unset = [!secretId && variables.secretId, !secretKey && variables.secretKey].filter(Boolean)
    throw new ConfigurationError(
      `no credentials: pass \`credentials\` or set ${unset.join(' and ')}${refused.length ? ` (the runtime refused to read ${refused})` : ''}`,
    )
  }
  return { secretId, secretKey, token: token || undefined }
}

/**
 * Normalizes the `credentials` option into one getter that checks what it gets: synchronous for fixed and
 * environment credentials (a call then waits for nothing), a Promise for a provider.
 */
export function credentialSource(
  option: Credentials | CredentialsProvider | undefined,
): () => Credentials | Promise<Credentials> {
  if (typeof option !== 'function') {
    const fixed = option === undefined ? undefined : checked(option, 'credentials')
    return () => fixed ?? checked(credentialsFromEnv(), '')
  }
  return async () =>
    checked(
      await Promise.resolve()
        .then(option)
        .catch((cause) =>
          Promise.reject(
            // Named by its error's name and code, where a log line shows them; its message stays in the cause, as
            // it may quote what the provider read (a JSON.parse error shows the start of a key file).
            new ConfigurationError(
              `the credentials provider failed (${cause?.name ?? typeof cause}${cause?.code ? ` ${cause.code}` : ''}; see the cause)`,
              { cause },
            ),
          ),
        ),
      "the credentials provider's answer",
    )
}

const isAscii = (value: unknown) => typeof value === 'string' && /^[\x21-\x7e]+$/.test(value)

// The secretId and the token travel in headers (Authorization, X-TC-Token), where a runtime refuses a space, a line
// break or a non-ASCII character with the value in its message. The key is only hashed, but Tencent's keys are
// letters and digits: a space or a line break (a key file's last line) would sign it wrong. No message shows a value.
/** Where each field of credentials from the environment came from. */
const variables = {
  secretId: 'TENCENTCLOUD_SECRET_ID',
  secretKey: 'TENCENTCLOUD_SECRET_KEY',
  token: 'TENCENTCLOUD_SESSION_TOKEN',
}

/** `from` names where the credentials came from; '' for the environment, whose variables are named instead. */
function checked(credentials: Credentials, from: string): Credentials {
  if (typeof credentials !== 'object' || !credentials)
    throw new ConfigurationError(
      `${from} must be { secretId, secretKey, token? }, got ${credentials === null ? null : typeof credentials}`,
    )
  // A field under another name (SecretId, sessionToken) would be dropped without a word, and the service's
  // AuthFailure would point nowhere near it. Other extra keys (an expiry kept beside the keys) are left alone.
  for (const key in credentials) {
    const meant = /^secret_?id$/i.test(key)
      ? 'secretId'
      : /^secret_?key$/i.test(key)
        ? 'secretKey'
        : // The token's other spellings (Token, sessionToken, SecurityToken); a tokenExpiresAt or refreshToken is not one.
          /^(session|security)?_?token$/i.test(key)
          ? 'token'
          : key
    // Both spellings side by side with one value (a spread of a Tencent-style object) leave nothing unread; a
    // `token: undefined` beside a `Token` would drop the token, and two different keys would leave one unread.
    if (key !== meant && credentials[meant as keyof Credentials] !== credentials[key as keyof Credentials])
      throw new ConfigurationError(`${from}: "${key}" is not read; did you mean "${meant}"?`)
  }
  const { secretId, secretKey, token } = credentials
  const bad = !isAscii(secretId)
    ? 'secretId'
    : !isAscii(secretKey)
      ? 'secretKey'
      : token != null && token !== '' && !isAscii(token) && 'token'
  if (bad) {
    const value = credentials[bad]
    throw new ConfigurationError(
      `${from ? `${from}: ${bad}` : variables[bad]} must be a string of printable ASCII without spaces or line breaks${bad === 'token' ? ', or left out' : ''}; got ${typeof value === 'string' ? (value ? 'one that is not' : 'an empty one') : value === null ? null : typeof value}`,
    )
  }
  // Copied so that later mutation of the caller's object cannot change a call half-way through.
  return { secretId, secretKey, token: token || undefined }
}
