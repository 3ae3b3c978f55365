/**
 * A token bucket shared by every concurrent call of one action: `ratePerSecond` tokens a second,
 * bursts up to `capacity`. Waiters are served first come, first served.
 */
export class TokenBucket {
  declare readonly ratePerSecond: number
  declare readonly capacity: number
  readonly #now: () => number
  #tokens: number
  #updatedAt: number
  /** Each waiter's grant, in arrival order. */
  readonly #queue: (() => void)[] = []
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
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      // An aborted waiter leaves the queue without a token, so the next one is served in its place.
      const onAbort = () => {
        this.#queue.splice(this.#queue.indexOf(grant), 1)
        reject(signal?.reason)
      }
      const grant = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#queue.push(grant)
      this.#serve()
    })
  }

  #serve() {
    const now = this.#now()
    this.#tokens = Math.min(
      this.capacity,
      this.#tokens + ((now - this.#updatedAt) * this.ratePerSecond) / 1000,
    )
    this.#updatedAt = now
    while (this.#queue.length > 0 && this.#tokens >= 1) {
      this.#tokens -= 1
      this.#queue.shift()!()
    }
    if (this.#queue.length > 0 && this.#timer === undefined) {
      this.#timer = setTimeout(
        () => {
          this.#timer = undefined
          this.#serve()
        },
        Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.ratePerSecond)),
      )
    }
  }
}
