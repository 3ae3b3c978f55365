const subscribers = new WeakMap<AbortSignal, Set<() => void>>()

/**
 * Runs `run` when `signal` aborts, until the returned function is called. However many calls share one
 * signal (a batch of calls with one AbortController), the signal gets a single listener: Node warns of a
 * possible leak past ten.
 */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let runs = subscribers.get(signal)
  if (!runs) {
    const all = new Set<() => void>()
    signal.addEventListener('abort', () => {
      for (const each of all) each()
    })
    subscribers.set(signal, all)
    runs = all
  }
  runs.add(run)
  return () => runs.delete(run)
}
