import type { Clock } from './mock-clock.ts'

/**
 * A sliding one-second window per key on the mock clock: a call is refused when `perSecond` calls were
 * accepted in the last second. Keeps only the last `perSecond` times per key, so memory stays bounded.
 */
export class RateLimiter {
  readonly #clock: Clock
  readonly #windows = new Map<string, number[]>()

  constructor(clock: Clock) {
    this.#clock = clock
  }

  take(key: string, perSecond: number): boolean {
    if (perSecond <= 0) return true
    const now = this.#clock.now()
    let times = this.#windows.get(key)
    if (!times || times.length !== perSecond) {
      times = new Array<number>(perSecond).fill(Number.NEGATIVE_INFINITY)
      this.#windows.set(key, times)
    }
    // A slot is free unless its call is in the last second. A call stamped after `now` is not: the clock
    // was set back since (a test may move the mock clock either way), and it has not happened yet.
    for (let i = 0; i < perSecond; i++) {
      const t = times[i]!
      if (now - t >= 1000 || t > now) {
        times[i] = now
        return true
      }
    }
    return false
  }

  reset(): void {
    this.#windows.clear()
  }
}
