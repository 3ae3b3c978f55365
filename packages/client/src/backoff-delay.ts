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
