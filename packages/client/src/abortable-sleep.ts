import { onAbort } from './on-abort.ts'

/**
 * A wait that `start` begins and ends by calling `done`; if the signal aborts first, `start`'s returned
 * undo runs and the promise rejects with the signal's reason.
 */
export function abortableWait(
  signal: AbortSignal | undefined,
  start: (done: () => void) => () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    // Listening before `start`: a wait that ends at once has stopped listening when `start` returns.
    const stop = signal
      ? onAbort(signal, () => {
          stop?.()
          undo()
          reject(signal.reason)
        })
      : undefined
    const undo = start(() => {
      stop?.()
      resolve()
    })
  })
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve()
  return abortableWait(signal, (done) => {
    const timer = setTimeout(done, ms)
    return () => clearTimeout(timer)
  })
}

/**
 * `work`'s outcome, unless the signal aborts or `ms` pass first: then the error `stopped` makes (told whether
 * the time ran out). `work` carries on unobserved; its later rejection is handled here.
 */
export function bounded<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  ms: number,
  stopped: (timedOut: boolean) => Error,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const end = (settle: () => void) => () => {
      clearTimeout(timer)
      stop?.()
      settle()
    }
    const timer = setTimeout(
      end(() => reject(stopped(true))),
      ms,
    )
    const stop =
      signal &&
      onAbort(
        signal,
        end(() => reject(stopped(false))),
      )
    if (signal?.aborted) end(() => reject(stopped(false)))()
    work.then(
      (value) => end(() => resolve(value))(),
      (error: unknown) => end(() => reject(error))(),
    )
  })
}
