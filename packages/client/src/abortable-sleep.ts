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

/** `work`'s outcome, or a rejection with the signal's reason as soon as it aborts (`work` goes on unobserved). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason))
    if (signal.aborted) reject(signal.reason)
    work.then(resolve, reject).finally(stop)
  })
}
