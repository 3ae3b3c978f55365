import { ConfigurationError } from './errors.ts'
import type { Credentials, CredentialsProvider } from './redis-client-options.ts'

type Env = Record<string, string | undefined>

// `process` does not exist in browsers and some edge runtimes; reading it must not throw there.
const processEnv = (): Env | undefined => (globalThis as { process?: { env?: Env } }).process?.env

/** Credentials from TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN, read at call time. */
export function credentialsFromEnv(env: Env | undefined = processEnv()): Credentials {
  const secretId = env?.TENCENTCLOUD_SECRET_ID
  const secretKey = env?.TENCENTCLOUD_SECRET_KEY
  if (!secretId || !secretKey) {
    throw new ConfigurationError(
      'no credentials: pass `credentials` or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY',
    )
  }
  return { secretId, secretKey, token: env.TENCENTCLOUD_SESSION_TOKEN || undefined }
}

/**
 * Normalizes the `credentials` option into one getter that checks what it gets: synchronous for fixed and
 * environment credentials (a call then waits for nothing), a Promise for a provider.
 */
export function credentialSource(
  option: Credentials | CredentialsProvider | undefined,
): () => Credentials | Promise<Credentials> {
  if (typeof option !== 'function') {
    const fixed = option === undefined ? undefined : checked(option)
    return () => fixed ?? checked(credentialsFromEnv())
  }
  return async () =>
    checked(
      await Promise.resolve()
        .then(option)
        .catch((cause) =>
          Promise.reject(
            // Its own words (cut at 200 characters) in the message, where a log line shows them.
            new ConfigurationError(
              `the credentials provider failed: ${String(cause?.message ?? cause).slice(0, 200)}`,
              { cause },
            ),
          ),
        ),
    )
}

const headerSafe = /^[\x21-\x7e]+$/

function checked(credentials: Credentials): Credentials {
  const { secretId, secretKey, token } = credentials ?? {}
  if (
    typeof secretId !== 'string' ||
    typeof secretKey !== 'string' ||
    !headerSafe.test(secretId) ||
    !secretKey ||
    (token != null && (typeof token !== 'string' || (token && !headerSafe.test(token))))
  )
    // The secretId and the token travel in headers (Authorization, X-TC-Token), where a runtime refuses a space,
    // a line break or a non-ASCII character with the value in its message. The values stay out of this one.
    throw new ConfigurationError(
      'credentials need a secretId and a secretKey, both non-empty strings, and a token only as a string; the secretId and the token in printable ASCII, without spaces or line breaks',
    )
  // A session token under another name (sessionToken, Token) would be dropped without a word, and the service's
  // AuthFailure would point nowhere near it. Other extra keys (an expiry kept beside the keys) are left alone.
  const misnamed = Object.keys(credentials).find((key) => key !== 'token' && /token/i.test(key))
  if (misnamed)
    throw new ConfigurationError(`credentials: "${misnamed}" is not read; a session token goes in "token"`)
  // Copied so that later mutation of the caller's object cannot change a call half-way through.
  return { secretId, secretKey, token: token || undefined }
}
