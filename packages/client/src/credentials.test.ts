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
    await expect(failing()).rejects.toMatchObject({
      name: 'ConfigurationError',
      cause: { message: 'sts down' },
    })
    expect(() => credentialSource({ secretId: 'a', secretKey: '' })).toThrow(/empty/)
  })
})
