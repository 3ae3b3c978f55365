import { expect, it } from 'vitest'
import { createMockClock } from './mock-clock.ts'
import { RateLimiter } from './rate-limiter.ts'

it('accepts perSecond calls in any one-second window and refuses the next', () => {
  const clock = createMockClock(0)
  const limiter = new RateLimiter(clock)
  for (let i = 0; i < 20; i++) expect(limiter.take('a', 20)).toBe(true)
  expect(limiter.take('a', 20)).toBe(false)
  expect(limiter.take('b', 20)).toBe(true)
  clock.advance(999)
  expect(limiter.take('a', 20)).toBe(false)
  clock.advance(1)
  for (let i = 0; i < 20; i++) expect(limiter.take('a', 20)).toBe(true)
  expect(limiter.take('a', 20)).toBe(false)
  clock.advance(500)
  expect(limiter.take('a', 20)).toBe(false)
  limiter.reset()
  expect(limiter.take('a', 20)).toBe(true)
})

it('does not count calls stamped after the clock was set back to an earlier time', () => {
  const clock = createMockClock(10_000)
  const limiter = new RateLimiter(clock)
  for (let i = 0; i < 20; i++) expect(limiter.take('a', 20)).toBe(true)
  clock.set(5_000)
  for (let i = 0; i < 20; i++) expect(limiter.take('a', 20)).toBe(true)
  expect(limiter.take('a', 20)).toBe(false)
  // Half of the window: ten calls stay in the last second, ten slots are free.
  clock.set(20_000)
  for (let i = 0; i < 10; i++) expect(limiter.take('b', 20)).toBe(true)
  clock.advance(600)
  for (let i = 0; i < 10; i++) expect(limiter.take('b', 20)).toBe(true)
  clock.set(20_500)
  for (let i = 0; i < 10; i++) expect(limiter.take('b', 20)).toBe(true)
  expect(limiter.take('b', 20)).toBe(false)
})
