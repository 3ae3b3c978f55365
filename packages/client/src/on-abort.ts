const subscribers = new WeakMap<AbortSignal, Set<() => void>>()

// One listener function for every signal (an event's `this` is its signal): EventTarget adds it to a signal at most
// once, and it can be taken off again without being kept per signal.
function runSubscribers(this: AbortSignal) {
  for (const each of subscribers.get(this) ?? []) each()
}

/**
 * Runs `run` when `signal` aborts, until the returned function is called. However many calls share one
 * signal (a batch of calls with one AbortController), the signal gets a single listener: Node warns of a
 * possible leak past ten. The listener goes when its last call is done: Node keeps an `AbortSignal.timeout()`
 * that has a listener alive until it fires, so each call's own 10-minute timeout signal would hold memory that long.
 */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let runs = subscribers.get(signal)
  if (!runs) {
    runs = new Set()
    subscribers.set(signal, runs)
  }
  signal.addEventListener('abort', runSubscribers)
  runs.add(run)
  return () => {
    if (runs.delete(run) && !runs.size) {
      signal.removeEventListener('abort', runSubscribers)
      subscribers.delete(signal)
    }
  }
}
