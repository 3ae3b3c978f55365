interface Waiter {
  resolve: () => void
  reject: (reason: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

/**
 * A token bucket shared by every concurrent call of one action: `ratePerSecond` tokens a second,
 * bursts up to `capacity`. Waiters are served first come, first served.
 */
export class TokenBucket {
  readonly ratePerSecond: number
  readonly capacity: number
  readonly #now: () => number
  #tokens: number
  #updatedAt: number
  readonly #waiters: Waiter[] = []
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    ratePerSecond: number,
    capacity = Math.max(1, ratePerSecond),
    now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`a rate limit must be positive, got ${ratePerSecond}`)
    this.ratePerSecond = ratePerSecond
    this.capacity = capacity
    this.#now = now
    this.#tokens = capacity
    this.#updatedAt = now()
  }

  /** Resolves when a token is taken; rejects with the signal's reason if it aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    this.#refill()
    if (this.#waiters.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#drop(waiter) }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.#waiters.push(waiter)
      this.#schedule()
    })
  }

  #refill() {
    const now = this.#now()
    this.#tokens = Math.min(
      this.capacity,
      this.#tokens + ((now - this.#updatedAt) * this.ratePerSecond) / 1000,
    )
    this.#updatedAt = now
  }

  #drop(waiter: Waiter) {
    const index = this.#waiters.indexOf(waiter)
    if (index >= 0) this.#waiters.splice(index, 1)
    waiter.reject(waiter.signal?.reason)
  }

  #schedule() {
    if (this.#timer !== undefined || this.#waiters.length === 0) return
    const waitMs = Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.ratePerSecond))
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#refill()
      while (this.#waiters.length > 0 && this.#tokens >= 1) {
        this.#tokens -= 1
        const waiter = this.#waiters.shift()!
        waiter.signal?.removeEventListener('abort', waiter.onAbort)
        waiter.resolve()
      }
      this.#schedule()
    }, waitMs)
  }
}
