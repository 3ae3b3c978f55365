import { expect, it } from 'vitest'
import { hostPattern } from './host-pattern.ts'

it('matches path / of every service host and of the extra hosts', () => {
  const p = hostPattern(['127.0.0.1:4010', 'localhost', 'https://gateway.internal/tencent'])
  for (const url of [
    'https://redis.tencentcloudapi.com/',
    'https://redis.ap-guangzhou.tencentcloudapi.com/',
    'https://redis.ap-shanghai-fsi.tencentcloudapi.com/',
    'https://redis.intl.tencentcloudapi.com/',
    'http://127.0.0.1:4010/',
    'http://localhost:3000/',
    'https://gateway.internal/tencent',
    'https://gateway.internal/tencent/',
  ]) {
    expect(p.test(url), url).toBe(true)
  }
  for (const url of [
    'https://cvm.tencentcloudapi.com/',
    'https://redis.tencentcloudapi.com/other',
    'https://redis.tencentcloudapi.com.evil.example/',
    'http://127.0.0.1:4011/',
    'https://gateway.internal/',
    'https://gateway.internal/tencentx',
  ]) {
    expect(p.test(url), url).toBe(false)
  }
})

it('names the entry it cannot read', () => {
  expect(() => hostPattern(['http://'])).toThrow(/\[crs-kit\/msw\] hosts: "http:\/\/"/)
})
