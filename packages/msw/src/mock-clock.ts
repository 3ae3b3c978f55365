import { shown } from './shown.ts'

/** Where the mock reads the time: backup progress, locks, signature expiry and rate limits all use it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
}

/** A clock that only moves when told to. */
export interface MockClock extends Clock {
  advance(ms: number): void
  set(time: number | Date): void
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * A `clock` option as given, or a TypeError naming what a clock is: an object (`{}`, a factory not called, a number
 * of ms) would be taken, and then every call would fail on its time. Its `now()` is read once, to be a finite number.
 */
export function checkedClock(clock: unknown): Clock {
  const what =
    'clock must be an object with a now() method that returns epoch milliseconds (createMockClock(), createOffsetClock(), systemClock, Date or { now: () => ms })'
  // A function with a now() counts: `Date` itself is a clock.
  const holder = (typeof clock === 'object' && clock !== null) || typeof clock === 'function'
  if (!holder || typeof (clock as Partial<Clock>).now !== 'function')
    throw new TypeError(
      `[crs-kit/msw] ${what}, got ${holder ? `${shown(clock)} whose now is ${shown((clock as { now?: unknown }).now)}` : shown(clock)}`,
    )
  const now: unknown = (clock as Clock).now()
  if (!(typeof now === 'number' && Number.isFinite(now)))
    throw new TypeError(`[crs-kit/msw] ${what}; its now() returned ${shown(now)}`)
  // A clock of your own returning Date.now() / 1000: every signed call would be refused as expired. A mock clock
  // set to such a time on purpose (from a Date) is taken.
  if (secondsLike(now) && !mockClocks.has(clock as MockClock))
    throw new TypeError(
      `[crs-kit/msw] ${what}; its now() returned ${now}, which looks like epoch seconds (${Math.round(now * 1000)} in ms)`,
    )
  return clock as Clock
}

/** The clocks createMockClock made: their time is checked as it is set, so any time they hold was meant. */
const mockClocks = new WeakSet<MockClock>()

/**
 * A checked clock as the service reads it on every call: a now() that throws, or stops answering a finite number (a
 * fake clock whose timers were uninstalled, say), fails the call (InternalError, logged) instead of being taken as a
 * time (a NaN made every call look over the rate limit).
 */
export const guardedClock = (clock: Clock): Clock => ({
  now() {
    const now: unknown = clock.now()
    if (typeof now !== 'number' || !Number.isFinite(now))
      throw new TypeError(`[crs-kit/msw] the clock's now() returned ${shown(now)}, not epoch milliseconds`)
    return now
  },
})

/**
 * A hand-driven clock, starting at `start` (default: the current time, so requests signed with the real
 * time are inside the 5-minute window).
 * @example const clock = createMockClock(); clock.advance(60_000)
 */
export function createMockClock(start: number | Date = Date.now()): MockClock {
  let now = epochMs(start, 'createMockClock(start)')
  const clock: MockClock = {
    now: () => now,
    advance(ms) {
      // A NaN here would read as "now" to nothing: every later call would be refused as over the rate limit.
      if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0))
        throw new TypeError(
          `[crs-kit/msw] clock.advance(ms) takes milliseconds >= 0 (set() goes back), got ${shown(ms)}`,
        )
      now += ms
    },
    set(time) {
      now = epochMs(time, 'clock.set(time)')
    },
  }
  mockClocks.add(clock)
  return clock
}

/**
 * A number that reads as epoch seconds from 1973 to 5138 (`Date.now() / 1000`, Python's `time.time()`), from 1e8
 * to 1e11: as milliseconds it would be a time from 1970-01-02 to 1973-03-03, where no test means to be, and every
 * signature would be expired. Refused with that range named; earlier times and any before 1970 are taken.
 */
export const secondsLike = (time: number): boolean => time >= 1e8 && time < 1e11

/** A time as epoch ms: a finite number or a valid Date; a string (even a numeric one) is refused. */
function epochMs(time: unknown, where: string): number {
  const ms = typeof time === 'number' || time instanceof Date ? +time : Number.NaN
  if (!Number.isFinite(ms))
    throw new TypeError(`[crs-kit/msw] ${where} takes epoch milliseconds or a valid Date, got ${shown(time)}`)
  if (typeof time === 'number' && secondsLike(time))
    throw new TypeError(
      `[crs-kit/msw] ${where} takes epoch milliseconds; ${time} looks like epoch seconds (${Math.round(time * 1000)} in ms; a number from 1e8 to 1e11 is read as seconds: give a time of 1970-01-02 to 1973-03-03 as a Date)`,
    )
  return ms
}
