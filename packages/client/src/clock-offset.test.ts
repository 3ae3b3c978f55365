import { describe, expect, it } from 'vitest'
import { clockOffset } from './clock-offset.ts'

describe('clockOffset', () => {
  it('signs with local time until a Date header says otherwise', () => {
    let now = 1_551_113_065_500
    const clock = clockOffset(() => now)
    expect(clock.timestamp()).toBe(1551113065)
    expect(clock.adjust(new Date(now + 3_600_000).toUTCString())).toBe(true)
    expect(clock.timestamp()).toBe(1551116665)
    now += 10_000
    expect(clock.timestamp()).toBe(1551116675)
  })

  it('ignores a missing or unreadable Date header', () => {
    const clock = clockOffset(() => 0)
    expect(clock.adjust(null)).toBe(false)
    expect(clock.adjust('yesterday-ish')).toBe(false)
    expect(clock.timestamp()).toBe(0)
  })
})
