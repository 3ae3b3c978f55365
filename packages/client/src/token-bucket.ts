import { abortableWait } from './abortable-sleep.ts'

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
    return abortableWait(signal, (grant) => {
      const queue = this.#queue
      queue.push(grant)
      this.#serve()
      // An aborted waiter leaves the queue without a token, so the next one is served in its place.
      return () => queue.splice(queue.indexOf(grant), 1)
    })
  }

  #serve() {
    const now = this.#now()
    const queue = this.#queue
    const rate = this.ratePerSecond
    let tokens = Math.min(this.capacity, this.#tokens + ((now - this.#updatedAt) * rate) / 1000)
    this.#updatedAt = now
    for (; queue.length > 0 && tokens >= 1; tokens--) queue.shift()!()
    this.#tokens = tokens
    if (queue.length > 0 && this.#timer === undefined)
      this.#timer = setTimeout(
        () => {
          this.#timer = undefined
          this.#serve()
        },
        Math.max(1, Math.ceil(((1 - tokens) * 1000) / rate)),
      )
  }
}
