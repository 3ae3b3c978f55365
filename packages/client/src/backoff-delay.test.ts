import { describe, expect, it } from 'vitest'
import { backoffDelay, retryAfterMs } from './backoff-delay.ts'

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling capped at maxMs', () => {
    expect(backoffDelay(0, 100, 5000, () => 0.999)).toBe(99)
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(400)
    expect(backoffDelay(10, 100, 5000, () => 0.999)).toBe(4995)
    expect(backoffDelay(2, 100, 5000, () => 0)).toBe(0)
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('Wed, 02 Dec 2026 10:00:00 GMT')
  it('reads seconds and HTTP dates, and 0 for anything else', () => {
    expect(retryAfterMs('2', now)).toBe(2000)
    expect(retryAfterMs(' 3 ', now)).toBe(3000)
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:04 GMT', now)).toBe(4000)
    for (const none of [undefined, null, '', 'soon', '-1', 'Wed, 02 Dec 2026 09:59:00 GMT'])
      expect(retryAfterMs(none, now)).toBe(0)
  })
})
