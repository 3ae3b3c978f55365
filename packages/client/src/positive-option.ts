import { preview } from '@crs-kit/core'
import { ConfigurationError } from './errors.ts'

/** setTimeout's longest delay, about 24.8 days: a longer one fires at once (with a warning in Node). */
export const maxTimerMs = 2 ** 31 - 1

/** A positive number option (an integer if asked) up to `max`, by default the longest timer; `fallback` when not given. */
export function positiveOption(
  name: string,
  value: number | undefined,
  fallback: number,
  integer = false,
  max = maxTimerMs,
): number {
  // typeof first: a comparison would coerce '1000' or `true` (rateLimit: true would mean one call a second).
  if (
    value !== undefined &&
    !(typeof value === 'number' && value > 0 && value <= max && (!integer || Number.isInteger(value)))
  )
    throw new ConfigurationError(
      `${name} must be a positive ${integer ? 'integer' : 'number'} up to ${max}, got ${preview(value)}`,
    )
  return value ?? fallback
}
