import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../errors.ts'
import { envProxyEnabled, proxyFor } from './proxy-for.ts'

const api = new URL('https://redis.tencentcloudapi.com/')
const plain = new URL('http://crs-mock.internal:4010/')

describe('proxyFor', () => {
  it('takes https_proxy for an https endpoint and http_proxy for an http one, lower case first, as Node does', () => {
    expect(
      proxyFor(api, undefined, { https_proxy: 'http://tls-proxy:3128', HTTPS_PROXY: 'http://upper' }),
    ).toEqual({
      secure: false,
      hostname: 'tls-proxy',
      port: '3128',
      headers: {},
    })
    expect(proxyFor(api, undefined, { HTTPS_PROXY: 'http://upper:3128' })?.hostname).toBe('upper')
    expect(proxyFor(api, undefined, { https_proxy: '', HTTPS_PROXY: 'http://p' })).toMatchObject({
      port: '80',
    })
    expect(proxyFor(api, undefined, { http_proxy: 'http://p:8080' })).toBeUndefined()
    expect(proxyFor(plain, undefined, { https_proxy: 'http://tls-proxy:3128' })).toBeUndefined()
    expect(proxyFor(plain, undefined, { HTTP_PROXY: 'http://p:8080' })?.hostname).toBe('p')
  })

  it('reads a bare host:port as an http proxy, as curl and Go do', () => {
    expect(proxyFor(plain, undefined, { http_proxy: 'proxy.corp:3128' })).toEqual({
      secure: false,
      hostname: 'proxy.corp',
      port: '3128',
      headers: {},
    })
  })

  it('reads the environment only when Node is told to (NODE_USE_ENV_PROXY=1 or --use-env-proxy)', () => {
    const env = { https_proxy: 'http://p:3128' }
    expect(proxyFor(api, undefined, env, false)).toBeUndefined()
    expect(proxyFor(api, 'http://option:3128', env, false)?.hostname).toBe('option')
    expect(envProxyEnabled({}, [])).toBe(false)
    expect(envProxyEnabled({ NODE_USE_ENV_PROXY: '0' }, [])).toBe(false)
    expect(envProxyEnabled({ NODE_USE_ENV_PROXY: '1' }, [])).toBe(true)
    expect(envProxyEnabled({}, ['--use-env-proxy'])).toBe(true)
    expect(envProxyEnabled({ NODE_OPTIONS: '--max-old-space-size=512 --use-env-proxy' }, [])).toBe(true)
    expect(envProxyEnabled({ NODE_OPTIONS: '--use-env-proxy-x' }, [])).toBe(false)
  })

  it('sends the user and password of the proxy URL as Basic Proxy-Authorization, percent-decoded', () => {
    const proxy = proxyFor(api, 'http://svc%40corp:p%3Ass@proxy:3128', {})
    expect(proxy?.headers).toEqual({ 'Proxy-Authorization': `Basic ${btoa('svc@corp:p:ss')}` })
  })

  it('skips the environment for the hosts NO_PROXY names, as Node reads it', () => {
    const env = { https_proxy: 'http://p:3128', http_proxy: 'http://p:3128' }
    const bypass = (target: URL, noProxy: string) =>
      proxyFor(target, undefined, { ...env, NO_PROXY: noProxy }) === undefined
    expect(bypass(api, 'redis.tencentcloudapi.com')).toBe(true)
    expect(bypass(api, 'REDIS.TencentCloudAPI.com')).toBe(true)
    expect(bypass(api, 'tencentcloudapi.com')).toBe(false) // a name is itself only
    expect(bypass(api, '.tencentcloudapi.com')).toBe(true) // a leading dot adds the subdomains
    expect(bypass(api, '*.tencentcloudapi.com')).toBe(true)
    expect(bypass(new URL('https://tencentcloudapi.com/'), '.tencentcloudapi.com')).toBe(true)
    expect(bypass(new URL('https://tencentcloudapi.com/'), '*.tencentcloudapi.com')).toBe(false)
    expect(bypass(api, '.cloudapi.com')).toBe(false) // a suffix of a label is not a parent domain
    expect(bypass(api, 'example.com, redis.tencentcloudapi.com:443')).toBe(true)
    expect(bypass(api, ' example.com ,  redis.tencentcloudapi.com ')).toBe(true)
    expect(bypass(api, 'example.com redis.tencentcloudapi.com')).toBe(false) // commas separate, as in Node
    expect(bypass(api, '.tencentcloudapi.com:443')).toBe(false) // a port narrows an exact host only, as in Node
    expect(bypass(new URL('http://10.0.0.7:4010/'), '10.0.0.1-10.0.0.9:4010')).toBe(false)
    expect(bypass(api, 'redis.tencentcloudapi.com:8443')).toBe(false)
    expect(bypass(api, '*')).toBe(true)
    expect(bypass(plain, 'crs-mock.internal:4010')).toBe(true)
    expect(bypass(new URL('http://10.0.0.7:4010/'), '10.0.0.7')).toBe(true)
    expect(bypass(new URL('http://10.0.0.7:4010/'), '0.0.7')).toBe(false) // an IP is matched whole
    expect(bypass(new URL('http://10.0.0.7:4010/'), '10.0.0.1-10.0.0.9')).toBe(true)
    expect(bypass(new URL('http://10.0.1.7:4010/'), '10.0.0.1-10.0.0.9')).toBe(false)
    expect(bypass(new URL('http://[fd00::7]:4010/'), 'fd00::7,[fd00::8]:4010')).toBe(true)
    expect(bypass(new URL('http://[fd00::8]:4010/'), '[fd00::8]:4010')).toBe(true)
    expect(proxyFor(api, undefined, { ...env, no_proxy: 'redis.tencentcloudapi.com' })).toBeUndefined()
    expect(
      proxyFor(api, undefined, { ...env, no_proxy: 'x', NO_PROXY: 'redis.tencentcloudapi.com' }),
    ).toBeDefined()
  })

  it('never sends a loopback endpoint through a proxy from the environment, but does through the option', () => {
    const env = { http_proxy: 'http://p:3128' }
    for (const origin of [
      'http://127.0.0.1:4010',
      'http://localhost:4010',
      'http://[::1]:4010',
      'http://a.localhost',
    ])
      expect(proxyFor(new URL(origin), undefined, env)).toBeUndefined()
    expect(proxyFor(new URL('http://127.0.0.1:4010'), 'http://p:3128', env)?.hostname).toBe('p')
  })

  it('reads no variable for a loopback endpoint or a `proxy` option, nor asks whether to (Deno prompts or refuses each read)', () => {
    const untouchable = new Proxy({} as Record<string, string>, {
      get: (_, name) => {
        throw new Error(`read ${String(name)}`)
      },
    })
    const neverAsked = () => {
      throw new Error('asked whether to use the environment')
    }
    expect(proxyFor(new URL('http://127.0.0.1:4010'), undefined, untouchable, neverAsked)).toBeUndefined()
    expect(proxyFor(api, false, untouchable, neverAsked)).toBeUndefined()
    expect(proxyFor(api, 'http://p:3128', untouchable, neverAsked)?.hostname).toBe('p')
    // Off, not even NO_PROXY is read.
    expect(proxyFor(api, undefined, untouchable, () => false)).toBeUndefined()
  })

  it('lets `proxy: false` turn the environment off, and reads an empty `proxy` as none', () => {
    expect(proxyFor(api, false, { https_proxy: 'http://p:3128' })).toBeUndefined()
    expect(proxyFor(api, '', { https_proxy: 'http://p:3128' })).toBeUndefined()
  })

  it('takes an https:// proxy (TLS to the proxy), and passes over a scheme Node skips when it comes from the environment', () => {
    expect(proxyFor(api, 'https://proxy.corp', {})).toEqual({
      secure: true,
      hostname: 'proxy.corp',
      port: '443',
      headers: {},
    })
    expect(proxyFor(api, undefined, { HTTPS_PROXY: 'https://proxy.corp:8443' })).toMatchObject({
      secure: true,
      port: '8443',
    })
    expect(proxyFor(api, undefined, { HTTPS_PROXY: 'socks5://proxy.corp:1080' })).toBeUndefined()
  })

  it('refuses a proxy it cannot use, naming where it came from but never quoting a URL that may hold a password', () => {
    const refusal = (option: unknown, env: Record<string, string> = {}) => {
      try {
        proxyFor(api, option, env)
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError)
        return (error as Error).message
      }
      throw new Error('accepted')
    }
    expect(refusal('socks5://user:s3cret@proxy:1080')).toBe(
      'proxy: only http:// and https:// proxies are supported, got socks5://',
    )
    expect(refusal('http://user:s3cret@[bad')).toBe('proxy is not a URL such as http://proxy.internal:3128')
    expect(refusal('http://svc:50%off@proxy.corp:3128')).toBe(
      'proxy: the user or password is not percent-encoded (write % as %25)',
    )
    expect(refusal(undefined, { HTTPS_PROXY: 'http://svc:50%off@proxy.corp:3128' })).toBe(
      'HTTPS_PROXY: the user or password is not percent-encoded (write % as %25)',
    )
    expect(refusal(3128)).toBe('proxy must be an http:// or https:// URL or false, got number')
    expect(refusal(true)).toBe('proxy must be an http:// or https:// URL or false, got boolean')
    // The option's path would be dropped without a word; a variable's is ignored, as curl and Node ignore it.
    const pathless =
      'proxy is a host and a port, such as http://proxy.internal:3128: its path, query or fragment would be ignored'
    expect(refusal('http://user:s3cret@proxy.corp:3128/some/path')).toBe(pathless)
    expect(refusal('http://proxy.corp:3128/?token=s3cret')).toBe(pathless)
    expect(proxyFor(api, 'http://proxy.corp:3128/', {})).toMatchObject({
      hostname: 'proxy.corp',
      port: '3128',
    })
    expect(proxyFor(api, undefined, { HTTPS_PROXY: 'http://proxy.corp:3128/pac' })).toMatchObject({
      hostname: 'proxy.corp',
    })
  })
})
