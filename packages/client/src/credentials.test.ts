import { afterEach, describe, expect, it, vi } from 'vitest'
import { credentialSource, credentialsFromEnv } from './credentials.ts'
import { ConfigurationError } from './errors.ts'

afterEach(() => vi.unstubAllEnvs())

describe('credentials', () => {
  it('reads TENCENTCLOUD_* from the environment at call time', async () => {
    const get = credentialSource(undefined)
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', 'AKIDENV')
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', 'envsecret')
    vi.stubEnv('TENCENTCLOUD_SESSION_TOKEN', 'envtoken')
    expect(await get()).toEqual({ secretId: 'AKIDENV', secretKey: 'envsecret', token: 'envtoken' })
  })

  it('says what to set when nothing is configured, without a process object too', () => {
    expect(() => credentialsFromEnv({})).toThrow(ConfigurationError)
    expect(() => credentialsFromEnv(undefined)).toThrow(/TENCENTCLOUD_SECRET_ID/)
  })

  it('reads a variable the runtime refuses (Deno without --allow-env for it) as unset, and names it if needed', () => {
    // Deno's process.env throws NotCapable for a variable that --allow-env does not grant.
    const granting = (...names: string[]) =>
      new Proxy(
        {
          TENCENTCLOUD_SECRET_ID: 'AKIDENV',
          TENCENTCLOUD_SECRET_KEY: 'key',
          TENCENTCLOUD_SESSION_TOKEN: 't',
        },
        {
          get(all, name: string) {
            if (!names.includes(name))
              throw Object.assign(new Error(`Requires env access to "${name}"`), { name: 'NotCapable' })
            return all[name as keyof typeof all]
          },
        },
      )
    // Long-lived keys with only their two variables granted: the token is left out, not an error.
    expect(credentialsFromEnv(granting('TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'))).toEqual({
      secretId: 'AKIDENV',
      secretKey: 'key',
      token: undefined,
    })
    expect(() => credentialsFromEnv(granting('TENCENTCLOUD_SECRET_ID'))).toThrow(
      new ConfigurationError(
        'no credentials: pass `credentials` or set TENCENTCLOUD_SECRET_KEY (the runtime refused to read TENCENTCLOUD_SECRET_KEY,TENCENTCLOUD_SESSION_TOKEN)',
      ),
    )
  })

  it('names only the variable missing when one of the two is set', () => {
    const message = (env: Record<string, string>) => () => credentialsFromEnv(env)
    expect(message({ TENCENTCLOUD_SECRET_ID: 'AKIDENV' })).toThrow(
      new ConfigurationError('no credentials: pass `credentials` or set TENCENTCLOUD_SECRET_KEY'),
    )
    // Set but empty (an unfilled .env line) counts as missing.
    expect(message({ TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: 'key' })).toThrow(
      new ConfigurationError('no credentials: pass `credentials` or set TENCENTCLOUD_SECRET_ID'),
    )
    expect(message({ TENCENTCLOUD_SESSION_TOKEN: 't' })).toThrow(
      new ConfigurationError(
        'no credentials: pass `credentials` or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY',
      ),
    )
  })

  it('accepts an object or an async provider, and wraps a failing provider', async () => {
    expect(await credentialSource({ secretId: 'a', secretKey: 'b' })()).toEqual({
      secretId: 'a',
      secretKey: 'b',
      token: undefined,
    })
    expect(
      await credentialSource(async () => ({ secretId: 'a', secretKey: 'b', token: 't' }))(),
    ).toMatchObject({ token: 't' })
    const failing = credentialSource(() => Promise.reject(new Error('sts down')))
    // The provider's error is named in the message, where a log line shows it, and is the cause.
    await expect(failing()).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: 'the credentials provider failed (Error; see the cause)',
      cause: { message: 'sts down' },
    })
    const refused = Object.assign(new Error('connect ECONNREFUSED 169.254.0.23:80'), { code: 'ECONNREFUSED' })
    await expect(credentialSource(() => Promise.reject(refused))()).rejects.toThrow(
      'the credentials provider failed (Error ECONNREFUSED; see the cause)',
    )
    await expect(credentialSource(() => Promise.reject('down'))()).rejects.toThrow(
      'the credentials provider failed (string; see the cause)',
    )
    await expect(credentialSource(() => Promise.reject(null))()).rejects.toThrow(
      'the credentials provider failed (object; see the cause)',
    )
    // Its message may quote what it read: JSON.parse shows the start of a key file that is not JSON.
    const keyFile = credentialSource(async () => JSON.parse('TOPSECRETKEY0123456789'))
    const error = (await Promise.resolve(keyFile()).catch((e: Error) => e)) as Error
    expect(error.message).toBe('the credentials provider failed (SyntaxError; see the cause)')
    expect(JSON.stringify([error.message, error.stack])).not.toContain('TOPSECRET')

    expect(() => credentialSource({ secretId: 'a', secretKey: '' })).toThrow(
      'credentials: secretKey must be a string of printable ASCII without spaces or line breaks; got an empty one',
    )
  })

  it('names the field, where the credentials came from, and a field under another name', async () => {
    // Tencent's own docs and SDKs spell them SecretId and SecretKey: dropped, they would read as missing.
    expect(() => credentialSource({ SecretId: 'AKID', SecretKey: 'k' } as never)).toThrow(
      'credentials: "SecretId" is not read; did you mean "secretId"?',
    )
    expect(() => credentialSource({ secretId: 'AKID', secret_key: 'k' } as never)).toThrow(
      'credentials: "secret_key" is not read; did you mean "secretKey"?',
    )
    // A key read from a file with its line break would sign every call wrong.
    const keyFile = credentialSource(async () => ({ secretId: 'AKID', secretKey: 'TOPSECRET\n' }))
    const error = (await Promise.resolve(keyFile()).catch((e: Error) => e)) as Error
    expect(error.message).toBe(
      "the credentials provider's answer: secretKey must be a string of printable ASCII without spaces or line breaks; got one that is not",
    )
    expect(JSON.stringify([error.message, error.stack])).not.toContain('TOPSECRET')
    await expect(credentialSource(async () => undefined as never)()).rejects.toThrow(
      "the credentials provider's answer must be { secretId, secretKey, token? }, got undefined",
    )
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', ' AKIDENV')
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', 'envsecret')
    expect(() => credentialSource(undefined)()).toThrow(
      'TENCENTCLOUD_SECRET_ID must be a string of printable ASCII without spaces or line breaks; got one that is not',
    )
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', 'AKIDENV')
    vi.stubEnv('TENCENTCLOUD_SESSION_TOKEN', 'token\r')
    expect(() => credentialSource(undefined)()).toThrow(/^TENCENTCLOUD_SESSION_TOKEN must be a string/)
    // Both spellings side by side with one value (a spread of a Tencent-style object): nothing is left unread.
    const both = { SecretId: 'AKID', SecretKey: 'k', secretId: 'AKID', secretKey: 'k' } as never
    expect(credentialSource(both)()).toMatchObject({ secretId: 'AKID', secretKey: 'k' })
    // But an STS answer spread with `token: c.token` (a typo, undefined) would lose its Token without a word.
    const sts = { secretId: 'AKID', secretKey: 'k', Token: 'STS-TOKEN', token: undefined } as never
    expect(() => credentialSource(sts)).toThrow('credentials: "Token" is not read; did you mean "token"?')
    const session = { secretId: 'AKID', secretKey: 'k', sessionToken: 'STS-TOKEN' } as never
    expect(() => credentialSource(session)).toThrow('"sessionToken" is not read; did you mean "token"?')
    // Other keys are left alone, whatever they contain: an STS answer kept with its expiry and refresh token.
    const kept = { secretId: 'AKID', secretKey: 'k', token: 't', tokenExpiresAt: 1, refreshToken: 'r' }
    expect(credentialSource(kept)()).toEqual({ secretId: 'AKID', secretKey: 'k', token: 't' })
    const differ = { secretId: 'AKID', secretKey: 'k', SecretKey: 'other' } as never
    expect(() => credentialSource(differ)).toThrow(
      'credentials: "SecretKey" is not read; did you mean "secretKey"?',
    )
  })
})
