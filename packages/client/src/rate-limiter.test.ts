import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { guardMs, rateLimiter } from './rate-limiter.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

interface Call {
  granted: number
  ended: number
}

/** `count` concurrent calls through one limiter, each lasting durationMs(i) once granted. */
async function run(perSecond: number, count: number, durationMs: (i: number) => number, ms: number) {
  const take = rateLimiter(perSecond, Date.now)
  const start = Date.now()
  const calls: Call[] = []
  for (let i = 0; i < count; i++)
    void take().then(async (done) => {
      const call = { granted: Date.now() - start, ended: Number.POSITIVE_INFINITY }
      calls.push(call)
      await new Promise((resolve) => setTimeout(resolve, durationMs(i)))
      call.ended = Date.now() - start
      done()
    })
  await vi.advanceTimersByTimeAsync(ms)
  return calls
}

describe('rateLimiter', () => {
  it('lets a burst of perSecond through, the next ones a second after those ended, first come first served', async () => {
    const take = rateLimiter(20, Date.now)
    const done: number[] = []
    const takes = Array.from({ length: 50 }, (_, i) =>
      take().then((end) => {
        done.push(i)
        end()
      }),
    )
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

  it('never has perSecond calls granted within a second of the end of others that could still be arriving', async () => {
    // Calls of 0-400 ms: wherever in its span the service sees each request, no second holds more than 7.
    const calls = await run(7, 60, (i) => (i * 37) % 400, 30_000)
    expect(calls).toHaveLength(60)
    for (const [j, call] of calls.entries()) {
      const recent = calls.slice(0, j).filter((earlier) => earlier.ended + 1000 > call.granted)
      expect(recent.length).toBeLessThan(7)
    }
  })

  it('holds a slow call’s turn until a second after it ended', async () => {
    const calls = await run(1, 2, () => 300, 5000)
    expect(calls.map((c) => c.granted)).toEqual([0, 300 + 1000 + guardMs])
  })

  it('rounds a fractional rate down: 2.5 a second is never more than 2 in any second', async () => {
    const calls = await run(2.5, 12, (i) => (i * 53) % 200, 20_000)
    expect(calls).toHaveLength(12)
    for (let i = 2; i < calls.length; i++)
      expect(calls[i]!.granted - calls[i - 2]!.ended).toBeGreaterThanOrEqual(1000)
  })

  it('spaces calls 1/perSecond apart below one a second', async () => {
    const calls = await run(0.5, 3, () => 0, 10_000)
    expect(calls).toHaveLength(3)
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]!.granted - calls[i - 1]!.ended).toBe(2000 + guardMs)
  })

  it('removes an aborted waiter without using its turn', async () => {
    const take = rateLimiter(1, Date.now)
    ;(await take())()
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

  it('leaves no timer behind once the last waiter is aborted (a process can exit)', async () => {
    const take = rateLimiter(0.1, Date.now)
    ;(await take())()
    const controller = new AbortController()
    const waiting = take(controller.signal)
    expect(vi.getTimerCount()).toBe(1)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('handles a rate far above any real use without slowing down', async () => {
    const take = rateLimiter(1e6, Date.now)
    const turns = await Promise.all(Array.from({ length: 150_000 }, () => take()))
    for (const done of turns) done()
    expect(turns).toHaveLength(150_000)
  })

  it('rejects a signal that is already aborted', async () => {
    await expect(rateLimiter(5)(AbortSignal.abort(new Error('no')))).rejects.toThrow('no')
  })
})
