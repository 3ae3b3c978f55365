import { describe, expect, it } from 'vitest'
import { canonicalHeaders, canonicalQueryString, canonicalRequest } from './canonical-request.ts'
import { credentialScope, stringToSign } from './string-to-sign.ts'
import { utcDate } from './utc-date.ts'

describe('canonicalHeaders', () => {
  it('lower-cases and trims names and values, sorts by name', () => {
    expect(
      canonicalHeaders({
        'X-TC-Action': ' DescribeInstanceBackups ',
        Host: 'Redis.TencentCloudAPI.com',
        'content-type': 'application/json',
      }),
    ).toEqual({
      canonical:
        'content-type:application/json\nhost:redis.tencentcloudapi.com\nx-tc-action:describeinstancebackups\n',
      signed: 'content-type;host;x-tc-action',
    })
  })

  it('keeps the last value of a name given twice in different case', () => {
    expect(
      canonicalHeaders([
        ['Host', 'a'],
        ['host', 'b'],
      ]).canonical,
    ).toBe('host:b\n')
  })
})

describe('canonicalQueryString', () => {
  it('is empty for POST, verbatim for a raw string', () => {
    expect(canonicalQueryString(undefined)).toBe('')
    expect(canonicalQueryString('?Limit=5&Status.0=2')).toBe('Limit=5&Status.0=2')
    expect(canonicalQueryString('a=%20b')).toBe('a=%20b')
  })

  it('RFC 3986 encodes pairs in order', () => {
    expect(canonicalQueryString({ BeginTime: '2017-02-08 16:46:34', Remark: "it's (ok)*!" })).toBe(
      'BeginTime=2017-02-08%2016%3A46%3A34&Remark=it%27s%20%28ok%29%2A%21',
    )
    expect(
      canonicalQueryString([
        ['b', '1'],
        ['a', '2'],
      ]),
    ).toBe('b=1&a=2')
  })
})

describe('canonicalRequest and stringToSign', () => {
  it('joins the parts with newlines, the method upper-cased', () => {
    const headers = canonicalHeaders({ host: 'h', 'content-type': 'application/json' })
    expect(canonicalRequest({ method: 'post', path: '/', query: '', headers, bodySha256Hex: 'ab' })).toBe(
      'POST\n/\n\ncontent-type:application/json\nhost:h\n\ncontent-type;host\nab',
    )
    expect(stringToSign(1551113065, credentialScope('2019-02-25', 'redis'), 'cd')).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/redis/tc3_request\ncd',
    )
  })
})

describe('utcDate', () => {
  it('uses the UTC date, not the local one', () => {
    expect(utcDate(1551113065)).toBe('2019-02-25') // 2019-02-26 00:44 in UTC+8
    expect(utcDate(0)).toBe('1970-01-01')
    expect(utcDate(1551139199)).toBe('2019-02-25')
    expect(utcDate(1551139200)).toBe('2019-02-26')
  })

  it('gives each timestamp its own day when calls cross midnight back and forth (the date is kept per day)', () => {
    const stamps = [1551139199, 1551139200, 1551139199, 1551225600, 1551139200.5, -1, 0]
    expect(stamps.map(utcDate)).toEqual([
      '2019-02-25',
      '2019-02-26',
      '2019-02-25',
      '2019-02-27',
      '2019-02-26',
      '1969-12-31',
      '1970-01-01',
    ])
  })
})
