import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toBase64 } from './base64.ts'
import { constantTimeEqual } from './constant-time-equal.ts'
import { nodeCryptoHmac } from './node-crypto-hmac.ts'
import { webCryptoHmac } from './web-crypto-hmac.ts'

describe('hmac adapters', () => {
  it('agree with each other and with node:crypto for both hashes', async () => {
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      const expected = createHmac(hash === 'SHA-1' ? 'sha1' : 'sha256', 'kéy')
        .update('GETredis.tencentcloudapi.com/?Action=X&Remark=テスト')
        .digest('base64')
      const data = 'GETredis.tencentcloudapi.com/?Action=X&Remark=テスト'
      expect(toBase64(await webCryptoHmac.hmac(hash, 'kéy', data))).toBe(expected)
      expect(toBase64(await nodeCryptoHmac.hmac(hash, 'kéy', data))).toBe(expected)
    }
  })
})

describe('constantTimeEqual', () => {
  it('is plain equality in result', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual('', 'a')).toBe(false)
  })
})
