import { badInput, describe } from './admin-error.ts'

// Date's range is ±8.64e15 ms; a clock near its edge would run out of it while it keeps running, and every answer's
// Date header would fail. A year inside the edge leaves room.
export const latestTime = 8.64e15 - 365 * 864e5

/** Whole milliseconds >= 0, as a length of time the mock keeps (a lock's, a backup's): no fraction, NaN or string. */
export const isWholeMs = (ms: unknown): ms is number =>
  typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0

/**
 * A lock's length from `now` (epoch ms): whole milliseconds >= 0 (0 unlocks) that end at a time a Date can hold, as
 * the clock's own times must. A fraction would show in the state as no time the mock keeps does.
 */
export function checkLockMs(ms: unknown, now: number, name: string): number {
  if (!isWholeMs(ms))
    throw badInput(
      `${name} must be a whole number of milliseconds >= 0 (0 unlocks), got ${typeof ms === 'number' ? String(ms) : describe(ms)}`,
    )
  if (now + ms > latestTime)
    throw badInput(
      `${name} ${ms} would end the lock at ${now + ms} ms, outside the times a Date can hold (at most ${latestTime} ms either side of 1970)`,
    )
  return ms
}
