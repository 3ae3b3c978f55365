import { ConfigurationError } from './errors.ts'

/** setTimeout's longest delay, about 24.8 days: a longer one fires at once (with a warning in Node). */
export const maxTimerMs = 2 ** 31 - 1

/** A positive number option (an integer if asked), at most `max`; `fallback` when it is not given. */
export function positiveOption(
  name: string,
  value: number | undefined,
  fallback: number,
  integer = false,
  max = Number.POSITIVE_INFINITY,
): number {
  if (value !== undefined && !(value > 0 && (integer ? Number.isInteger(value) : Number.isFinite(value))))
    throw new ConfigurationError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`)
  if (value !== undefined && value > max)
    throw new ConfigurationError(`${name} must be at most ${max} ms (about 24.8 days), got ${value}`)
  return value ?? fallback
}
