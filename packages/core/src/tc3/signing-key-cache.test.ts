import { describe, expect, it } from 'vitest'
import { SigningKeyCache } from './signing-key-cache.ts'

describe('SigningKeyCache', () => {
  it('derives once per (secret key, date, service)', () => {
    const cache = new SigningKeyCache<string>()
    let calls = 0
    const derive = () => `key${++calls}`
    expect(cache.get('s', '2019-02-25', 'redis', derive)).toBe('key1')
    expect(cache.get('s', '2019-02-25', 'redis', derive)).toBe('key1')
    expect(cache.get('s', '2019-02-26', 'redis', derive)).toBe('key2')
    expect(cache.get('s', '2019-02-25', 'cvm', derive)).toBe('key3')
    expect(cache.get('t', '2019-02-25', 'redis', derive)).toBe('key4')
    expect(calls).toBe(4)
  })

  it('stays bounded over years of dates, evicting the least recently used', () => {
    const cache = new SigningKeyCache<number>(4)
    for (let day = 0; day < 1000; day++) cache.get('s', `day${day}`, 'redis', () => day)
    expect(cache.size).toBe(4)
    cache.get('s', 'day996', 'redis', () => -1) // touch the oldest survivor
    cache.get('s', 'new', 'redis', () => -1)
    expect(cache.get('s', 'day996', 'redis', () => -2)).toBe(996)
    expect(cache.get('s', 'day997', 'redis', () => -3)).toBe(-3)
  })

  it('can forget an entry and refuses a zero size', () => {
    const cache = new SigningKeyCache<number>()
    cache.get('s', 'd', 'redis', () => 1)
    cache.delete('s', 'd', 'redis')
    expect(cache.get('s', 'd', 'redis', () => 2)).toBe(2)
    cache.clear()
    expect(cache.size).toBe(0)
    expect(() => new SigningKeyCache(0)).toThrow(RangeError)
  })
})
