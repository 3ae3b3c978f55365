import { describe, expect, it } from 'vitest'
import { allServiceHosts, hostForRegion, isFinancialRegion, regions } from './index.ts'

// Hosts and regions as the seed pages and Tencent's common-parameter page give them.
describe('hostForRegion', () => {
  it('sends ordinary regions to the default host, or the international one', () => {
    for (const region of ['ap-guangzhou', 'ap-shanghai', 'ap-tokyo', 'na-ashburn']) {
      expect(hostForRegion(region)).toBe('redis.tencentcloudapi.com')
      expect(hostForRegion(region, { intl: true })).toBe('redis.intl.tencentcloudapi.com')
    }
  })

  it.each(['ap-shanghai-fsi', 'ap-shenzhen-fsi'])(
    'sends the financial region %s to its own host',
    (region) => {
      const own = `redis.${region}.tencentcloudapi.com`
      expect(hostForRegion(region)).toBe(own)
      expect(hostForRegion(region, { intl: true })).toBe(own)
      expect(hostForRegion(region, { regional: true })).toBe(own)
    },
  )

  it('gives a region its own host on request', () => {
    expect(hostForRegion('ap-tokyo', { regional: true })).toBe('redis.ap-tokyo.tencentcloudapi.com')
  })
})

describe('isFinancialRegion', () => {
  it('knows exactly the two financial regions', () => {
    expect(regions.filter(isFinancialRegion)).toEqual(['ap-shanghai-fsi', 'ap-shenzhen-fsi'])
    for (const other of ['ap-shanghai', 'ap-shenzhen', 'AP-SHANGHAI-FSI', '', 'fsi'])
      expect(isFinancialRegion(other), other).toBe(false)
  })
})

describe('allServiceHosts', () => {
  it('lists the default, international and every regional host once', () => {
    const hosts = allServiceHosts()
    expect(new Set(hosts).size).toBe(hosts.length)
    expect(hosts).toHaveLength(2 + regions.length)
    expect(hosts).toEqual(
      expect.arrayContaining([
        'redis.tencentcloudapi.com',
        'redis.intl.tencentcloudapi.com',
        'redis.ap-guangzhou.tencentcloudapi.com',
        'redis.ap-shanghai-fsi.tencentcloudapi.com',
        'redis.ap-shenzhen-fsi.tencentcloudapi.com',
      ]),
    )
  })
})
