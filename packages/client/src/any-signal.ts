/** AbortSignal.any where it exists (Node >= 20.3, current browsers), a small equivalent elsewhere. */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b])
  const controller = new AbortController()
  const first = a.aborted ? a : b.aborted ? b : undefined
  if (first) {
    controller.abort(first.reason)
    return controller.signal
  }
  const onAbort = (event: Event) => {
    a.removeEventListener('abort', onAbort)
    b.removeEventListener('abort', onAbort)
    controller.abort((event.target as AbortSignal).reason)
  }
  a.addEventListener('abort', onAbort)
  b.addEventListener('abort', onAbort)
  return controller.signal
}
