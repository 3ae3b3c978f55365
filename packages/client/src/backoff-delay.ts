/**
 * Exponential backoff with full jitter: the n-th retry (0-based) waits a uniformly random time in
 * [0, min(maxMs, baseMs * 2^n)), which spreads the retries of many clients hit by the same fault.
 */
export function backoffDelay(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** retry))
}

/** A `Retry-After` value (seconds, or an HTTP date) as milliseconds from `now`; 0 when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number {
  if (!value) return 0
  // A number of seconds, else a date (Number() reads no date, Date.parse no bare number).
  const ms = Number(value) * 1000 || Date.parse(value) - now
  // biome-ignore lint/complexity/useMathMinMax: Math.max would keep the NaN of an unreadable date
  return ms > 0 ? ms : 0
}
