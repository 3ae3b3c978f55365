import { abortableWait } from './abortable-sleep.ts'
import { maxTimerMs } from './positive-option.ts'

/**
 * Waits for a turn: resolves with `done`, to call once the request has been answered or has failed, with
 * `false` when it was never sent (the service did not count it, so neither does the window).
 */
export type TakeTurn = (signal?: AbortSignal) => Promise<(sent?: boolean) => void>

/** Added to every window, for the difference between our clock's ticks and the server's. */
export const guardMs = 10

/**
 * The limiter shared by every concurrent call of one action: at most `perSecond` calls in any one second as
 * the service counts them (a sliding window, as crs-mock counts too), a burst's first second included. A
 * call holds its turn from its grant until a second after its `done`: the service saw the request before it
 * answered, so the next request in that turn reaches it at least a second later, however slowly the first
 * travelled (a new connection, a slow network). An attempt that was never sent (no credentials, a refused
 * connection, an abort before the request was written) frees its turn at once. Waiters are served first come, first served. A fractional
 * rate rounds down (19.5 a second: 19 in any second); one below 1 grants one call per 1/perSecond seconds.
 * The rate is positive: the client refuses any other `rateLimit` option and codegen any other x-tc-rate-limit.
 */
export function rateLimiter(perSecond: number, now: () => number = () => performance.now()): TakeTurn {
  const size = Math.max(1, Math.floor(perSecond))
  const windowMs = (perSecond >= 1 ? 1000 : 1000 / perSecond) + guardMs
  /** Calls granted and not yet done. */
  let running = 0
  /** When calls ended, oldest first (calls end in time order); those before `head` are a window old. */
  let ended: number[] = []
  let head = 0
  /** Each waiter's grant, in arrival order. */
  const queue: (() => void)[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const serve = () => {
    const time = now()
    while (head < ended.length && time - ended[head]! >= windowMs) head++
    // Drop the expired ends once they are half the list: constant time per call, however high the rate.
    if (head > 32 && head * 2 > ended.length) {
      ended = ended.slice(head)
      head = 0
    }
    for (; queue.length > 0 && running + ended.length - head < size; running++) queue.shift()!()
    // With every turn taken by a running call, the next `done` serves again; otherwise the oldest end frees one.
    if (queue.length > 0 && timer === undefined && head < ended.length)
      timer = setTimeout(
        () => {
          timer = undefined
          serve()
        },
        Math.min(maxTimerMs, Math.max(1, Math.ceil(ended[head]! + windowMs - time))),
      )
  }
  return async (signal) => {
    await abortableWait(signal, (grant) => {
      queue.push(grant)
      serve()
      // An aborted waiter leaves the queue without a turn, so the next one is served in its place; the last
      // one to leave stops the timer, which would otherwise keep a process alive for up to a window.
      return () => {
        queue.splice(queue.indexOf(grant), 1)
        if (queue.length === 0) {
          clearTimeout(timer)
          timer = undefined
        }
      }
    })
    let done = false
    return (sent = true) => {
      if (done) return
      done = true
      running--
      if (sent) ended.push(now())
      serve()
    }
  }
}
