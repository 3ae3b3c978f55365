import type { Clock } from './mock-clock.ts'

/**
 * A sliding one-second window per key on the mock clock: a call is refused when `perSecond` calls were
 * accepted in the last second. Keeps only the last `perSecond` times per key, so memory stays bounded.
 */
export class RateLimiter {
  readonly #clock: Clock
  readonly #windows = new Map<string, { times: number[]; next: number }>()

  constructor(clock: Clock) {
    this.#clock = clock
  }

  take(key: string, perSecond: number): boolean {
    if (perSecond <= 0) return true
    const now = this.#clock.now()
    let window = this.#windows.get(key)
    if (!window || window.times.length !== perSecond) {
      window = { times: new Array<number>(perSecond).fill(Number.NEGATIVE_INFINITY), next: 0 }
      this.#windows.set(key, window)
    }
    // times[next] is the oldest of the last `perSecond` accepted calls.
    if (now - window.times[window.next]! < 1000) return false
    window.times[window.next] = now
    window.next = (window.next + 1) % perSecond
    return true
  }

  reset(): void {
    this.#windows.clear()
  }
}
