import { abortableWait } from './abortable-sleep.ts'

/** Takes one token: resolves when granted, rejects with the signal's reason if it aborts first. */
export type TakeToken = (signal?: AbortSignal) => Promise<void>

/**
 * A token bucket shared by every concurrent call of one action: `ratePerSecond` tokens a second,
 * bursts up to `capacity`. Waiters are served first come, first served. The rate is positive: the client
 * refuses any other `rateLimit` option and codegen any other x-tc-rate-limit.
 */
export function tokenBucket(
  ratePerSecond: number,
  capacity = Math.max(1, ratePerSecond),
  now: () => number = () => performance.now(),
): TakeToken {
  let tokens = capacity
  let updatedAt = now()
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Each waiter's grant, in arrival order. */
  const queue: (() => void)[] = []
  const serve = () => {
    const time = now()
    tokens = Math.min(capacity, tokens + ((time - updatedAt) * ratePerSecond) / 1000)
    updatedAt = time
    for (; queue.length > 0 && tokens >= 1; tokens--) queue.shift()!()
    if (queue.length > 0 && timer === undefined)
      timer = setTimeout(
        () => {
          timer = undefined
          serve()
        },
        Math.max(1, Math.ceil(((1 - tokens) * 1000) / ratePerSecond)),
      )
  }
  return (signal) =>
    abortableWait(signal, (grant) => {
      queue.push(grant)
      serve()
      // An aborted waiter leaves the queue without a token, so the next one is served in its place.
      return () => queue.splice(queue.indexOf(grant), 1)
    })
}
