import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { guardMs, rateLimiter } from './rate-limiter.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** Grant times (fake ms since the start) of `count` concurrent takes. */
async function grantTimes(perSecond: number, count: number, ms: number): Promise<number[]> {
  const take = rateLimiter(perSecond, Date.now)
  const start = Date.now()
  const times: number[] = []
  for (let i = 0; i < count; i++) void take().then(() => times.push(Date.now() - start))
  await vi.advanceTimersByTimeAsync(ms)
  return times
}

describe('rateLimiter', () => {
  it('grants at most perSecond calls in any one second, a burst included, first come first served', async () => {
    const take = rateLimiter(20, Date.now)
    const done: number[] = []
    const takes = Array.from({ length: 50 }, (_, i) => take().then(() => done.push(i)))
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toHaveLength(20)
    await vi.advanceTimersByTimeAsync(999 + guardMs)
    expect(done).toHaveLength(20)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toHaveLength(40)
    await vi.advanceTimersByTimeAsync(1000 + guardMs)
    await Promise.all(takes)
    expect(done).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  it('never lets more than perSecond grants into any one-second window', async () => {
    const times = await grantTimes(7, 60, 20_000)
    expect(times).toHaveLength(60)
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1000)
  })

  it('spaces calls 1/perSecond apart below one a second', async () => {
    const times = await grantTimes(0.5, 3, 10_000)
    expect(times).toEqual([0, 2000 + guardMs, 2 * (2000 + guardMs)])
  })

  it('removes an aborted waiter without using its turn', async () => {
    const take = rateLimiter(1, Date.now)
    await take()
    const controller = new AbortController()
    const aborted = take(controller.signal)
    const next = take()
    controller.abort(new Error('stop'))
    await expect(aborted).rejects.toThrow('stop')
    let served = false
    void next.then(() => (served = true))
    await vi.advanceTimersByTimeAsync(1000 + guardMs)
    expect(served).toBe(true)
  })

  it('rejects a signal that is already aborted', async () => {
    await expect(rateLimiter(5)(AbortSignal.abort(new Error('no')))).rejects.toThrow('no')
  })
})
