import { describe, expect, it } from 'vitest'
import { createOffsetClock } from './offset-clock.ts'

describe('createOffsetClock', () => {
  it('runs with real time, moved by advance and set, and back with real()', async () => {
    const clock = createOffsetClock()
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50)
    clock.advance(60_000)
    expect(clock.offsetMs).toBe(60_000)
    clock.set(Date.parse('2030-01-01T00:00:00Z'))
    const start = clock.now()
    expect(Math.abs(start - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(50)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(clock.now() - start).toBeGreaterThanOrEqual(25)
    clock.real()
    expect(clock.offsetMs).toBe(0)
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50)
  })
})
