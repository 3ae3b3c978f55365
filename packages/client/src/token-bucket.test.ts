import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokenBucket } from './token-bucket.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('tokenBucket', () => {
  it('lets a burst of `capacity` through, then `ratePerSecond` a second, first come first served', async () => {
    const take = tokenBucket(20, 20, Date.now)
    const done: number[] = []
    const takes = Array.from({ length: 30 }, (_, i) => take().then(() => done.push(i)))
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toHaveLength(20)
    await vi.advanceTimersByTimeAsync(250)
    expect(done).toHaveLength(25)
    await vi.advanceTimersByTimeAsync(250)
    await Promise.all(takes)
    expect(done).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })

  it('removes an aborted waiter without taking its token', async () => {
    const take = tokenBucket(1, 1, Date.now)
    await take()
    const controller = new AbortController()
    const aborted = take(controller.signal)
    const next = take()
    controller.abort(new Error('stop'))
    await expect(aborted).rejects.toThrow('stop')
    let served = false
    void next.then(() => (served = true))
    await vi.advanceTimersByTimeAsync(1000)
    expect(served).toBe(true)
  })

  it('rejects a signal that is already aborted', async () => {
    await expect(tokenBucket(5)(AbortSignal.abort(new Error('no')))).rejects.toThrow('no')
  })
})
