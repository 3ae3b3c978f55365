import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff-delay.ts'

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling capped at maxMs', () => {
    expect(backoffDelay(0, 100, 5000, () => 0.999)).toBe(99)
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(400)
    expect(backoffDelay(10, 100, 5000, () => 0.999)).toBe(4995)
    expect(backoffDelay(2, 100, 5000, () => 0)).toBe(0)
  })
})
