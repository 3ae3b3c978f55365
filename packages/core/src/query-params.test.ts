import { describe, expect, it } from 'vitest'
import {
  allServiceHosts,
  fromQueryParams,
  hostForRegion,
  isFinancialRegion,
  toQueryParams,
  validateRequest,
} from './index.ts'

describe('the query form', () => {
  it('turns Status.N and numbers back into typed input', () => {
    const params = new URLSearchParams('InstanceId=crs-5a4py64p&Status.1=-1&Status.0=2&Limit=5&Offset=0')
    expect(fromQueryParams('DescribeInstanceBackups', params)).toEqual({
      InstanceId: 'crs-5a4py64p',
      Status: [2, -1],
      Limit: 5,
      Offset: 0,
    })
  })

  it('round-trips through toQueryParams', () => {
    const input = { InstanceId: 'crs-1', Limit: 10, Status: [1, 2, 3], BeginTime: '2018-09-04 12:51:21' }
    expect(fromQueryParams('DescribeInstanceBackups', toQueryParams(input))).toEqual(input)
  })

  it('keeps values it cannot convert so the validator names them', () => {
    const input = fromQueryParams('DescribeInstanceBackups', [
      ['InstanceId', 'crs-1'],
      ['Limit', 'ten'],
      ['Nope', '1'],
    ])
    expect(input).toEqual({ InstanceId: 'crs-1', Limit: 'ten', Nope: '1' })
    expect(validateRequest('DescribeInstanceBackups', input).map((i) => `${i.code} ${i.path}`)).toEqual([
      'UnknownParameter Nope',
      'InvalidParameter Limit',
    ])
  })
})

describe('endpoints', () => {
  it('sends financial regions to their own host and the rest to the default one', () => {
    expect(hostForRegion('ap-guangzhou')).toBe('redis.tencentcloudapi.com')
    expect(hostForRegion('ap-shanghai-fsi')).toBe('redis.ap-shanghai-fsi.tencentcloudapi.com')
    expect(hostForRegion('ap-shenzhen-fsi', { intl: true })).toBe('redis.ap-shenzhen-fsi.tencentcloudapi.com')
    expect(hostForRegion('ap-tokyo', { intl: true })).toBe('redis.intl.tencentcloudapi.com')
    expect(hostForRegion('ap-tokyo', { regional: true })).toBe('redis.ap-tokyo.tencentcloudapi.com')
    expect([isFinancialRegion('ap-shanghai-fsi'), isFinancialRegion('ap-shanghai')]).toEqual([true, false])
    expect(allServiceHosts()).toContain('redis.ap-shenzhen-fsi.tencentcloudapi.com')
  })
})
