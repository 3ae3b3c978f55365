/** Per-call options of every generated method. */
export interface CallOptions {
  /** Aborts the call, including its retries and any wait for the rate limiter. */
  signal?: AbortSignal
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number
}
