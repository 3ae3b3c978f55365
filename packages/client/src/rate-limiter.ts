import { abortableWait } from './abortable-sleep.ts'

/** Waits for a turn: resolves with `done`, to call once the request has been answered or has failed. */
export type TakeTurn = (signal?: AbortSignal) => Promise<() => void>

/** Added to every window, for the difference between our clock's ticks and the server's. */
export const guardMs = 10

/**
 * The limiter shared by every concurrent call of one action: at most `perSecond` calls in any one second as
 * the service counts them (a sliding window, as crs-mock counts too), a burst's first second included. A
 * call holds its turn from its grant until a second after its `done`: the service saw the request before it
 * answered, so the next request in that turn reaches it at least a second later, however slowly the first
 * travelled (a new connection, a slow network). Waiters are served first come, first served. A rate below 1
 * grants one call per 1/perSecond seconds. The rate is positive: the client refuses any other `rateLimit`
 * option and codegen any other x-tc-rate-limit.
 */
export function rateLimiter(perSecond: number, now: () => number = () => performance.now()): TakeTurn {
  const size = Math.max(1, Math.floor(perSecond))
  const windowMs = (size * 1000) / perSecond + guardMs
  /** When each turn's call ended (Infinity while it runs); at most `size` turns. */
  const ends: number[] = []
  /** Each waiter's grant of a turn, in arrival order. */
  const queue: ((turn: number) => void)[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const serve = () => {
    const time = now()
    while (queue.length > 0) {
      // A free turn: a new one, or the one that ended longest ago, a full window back.
      let turn = ends.length < size ? ends.length : ends.indexOf(Math.min(...ends))
      if (turn < ends.length && time - ends[turn]! < windowMs) turn = -1
      if (turn < 0) break
      ends[turn] = Number.POSITIVE_INFINITY
      queue.shift()!(turn)
    }
    const next = Math.min(...ends) + windowMs - time
    if (queue.length > 0 && timer === undefined && next < Number.POSITIVE_INFINITY)
      timer = setTimeout(
        () => {
          timer = undefined
          serve()
        },
        Math.max(1, Math.ceil(next)),
      )
  }
  return async (signal) => {
    let turn = -1
    await abortableWait(signal, (grant) => {
      const granted = (t: number) => {
        turn = t
        grant()
      }
      queue.push(granted)
      serve()
      // An aborted waiter leaves the queue without a turn, so the next one is served in its place.
      return () => queue.splice(queue.indexOf(granted), 1)
    })
    let ended = false
    return () => {
      if (ended) return
      ended = true
      ends[turn] = now()
      serve()
    }
  }
}
