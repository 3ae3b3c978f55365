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

it('refuses entries that would match nothing meant: a wildcard, another scheme, a query or fragment', () => {
  for (const [entry, why] of [
    ['*.example.com', 'a wildcard is not read here: list each host'],
    ['http://*.example.com:4010/', 'a wildcard is not read here: list each host'],
    ['ftp://mock.local/', 'ftp is not http or https'],
    ['ws://mock.local:4010', 'ws is not http or https'],
    ['http://mock.local:9999/api?x=1', 'a query or fragment is not matched: give the host and path only'],
    ['mock.local/api#top', 'a query or fragment is not matched: give the host and path only'],
    ['mock.local/api?', 'a query or fragment is not matched: give the host and path only'],
  ] as const)
    expect(() => hostPattern([entry]), entry).toThrow(
      new TypeError(`[crs-kit/msw] hosts: ${JSON.stringify(entry)}: ${why} (e.g. 127.0.0.1:4010)`),
    )
  expect(hostPattern(['https://mock.local:8443/api']).test('https://mock.local:8443/api')).toBe(true)
})
