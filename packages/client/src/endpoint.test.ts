import { describe, expect, it } from 'vitest'
import { resolveEndpoint } from './endpoint.ts'

describe('resolveEndpoint', () => {
  it('uses the default host, the intl host, and a financial region its own host', () => {
    expect(resolveEndpoint('ap-guangzhou')).toEqual({
      origin: 'https://redis.tencentcloudapi.com',
      signedHost: 'redis.tencentcloudapi.com',
    })
    expect(resolveEndpoint('ap-singapore', undefined, true).signedHost).toBe('redis.intl.tencentcloudapi.com')
    expect(resolveEndpoint('ap-shanghai-fsi').origin).toBe(
      'https://redis.ap-shanghai-fsi.tencentcloudapi.com',
    )
    expect(resolveEndpoint('ap-shenzhen-fsi', undefined, true).signedHost).toBe(
      'redis.ap-shenzhen-fsi.tencentcloudapi.com',
    )
  })

  it('takes an endpoint as a full origin and signs its host without the port', () => {
    expect(resolveEndpoint('ap-guangzhou', 'http://127.0.0.1:4010')).toEqual({
      origin: 'http://127.0.0.1:4010',
      signedHost: '127.0.0.1',
    })
    expect(resolveEndpoint('ap-guangzhou', 'https://proxy.internal/').origin).toBe('https://proxy.internal')
  })

  it.each(['127.0.0.1:4010', 'ftp://x', 'http://x/prefix', 'http://u:p@x'])('refuses %s', (endpoint) => {
    expect(() => resolveEndpoint('ap-guangzhou', endpoint)).toThrow(/endpoint/)
  })
})
