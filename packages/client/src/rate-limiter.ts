import { abortableWait } from './abortable-sleep.ts'

/** Takes one turn: resolves when granted, rejects with the signal's reason if it aborts first. */
export type TakeTurn = (signal?: AbortSignal) => Promise<void>

/**
 * Time added to every window: the first calls of a burst often travel slower (a new connection) than the
 * ones granted a window later on a warm one, and the service counts arrivals, not departures.
 */
export const guardMs = 50

/**
 * The limiter shared by every concurrent call of one action: at most `perSecond` grants in any one second
 * (plus guardMs), as the service counts (and as crs-mock counts, a sliding window), so a burst never sends
 * more than the limit in its first second. Waiters are served first come, first served. A rate below 1 grants
 * one call per 1/perSecond seconds. The rate is positive: the client refuses any other `rateLimit` option and
 * codegen any other x-tc-rate-limit.
 */
export function rateLimiter(perSecond: number, now: () => number = () => performance.now()): TakeTurn {
  const size = Math.max(1, Math.floor(perSecond))
  const windowMs = (size * 1000) / perSecond + guardMs
  /** The times of the last `size` grants, oldest first. */
  const granted: number[] = []
  /** Each waiter's grant, in arrival order. */
  const queue: (() => void)[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const serve = () => {
    const time = now()
    while (queue.length > 0 && (granted.length < size || time - granted[0]! >= windowMs)) {
      if (granted.length === size) granted.shift()
      granted.push(time)
      queue.shift()!()
    }
    if (queue.length > 0 && timer === undefined)
      timer = setTimeout(
        () => {
          timer = undefined
          serve()
        },
        Math.max(1, Math.ceil(granted[0]! + windowMs - time)),
      )
  }
  return (signal) =>
    abortableWait(signal, (grant) => {
      queue.push(grant)
      serve()
      // An aborted waiter leaves the queue without a turn, so the next one is served in its place.
      return () => queue.splice(queue.indexOf(grant), 1)
    })
}
