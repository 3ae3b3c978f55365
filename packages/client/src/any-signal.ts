/** AbortSignal.any where it exists (Node >= 20.3, current browsers), a small equivalent elsewhere. */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b])
  const controller = new AbortController()
  const onAbort = () => {
    a.removeEventListener('abort', onAbort)
    b.removeEventListener('abort', onAbort)
    controller.abort((a.aborted ? a : b).reason)
  }
  if (a.aborted || b.aborted) onAbort()
  else {
    a.addEventListener('abort', onAbort)
    b.addEventListener('abort', onAbort)
  }
  return controller.signal
}
