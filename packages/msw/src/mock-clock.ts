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
 * A hand-driven clock, starting at `start` (default: the current time, so requests signed with the real
 * time are inside the 5-minute window).
 * @example const clock = createMockClock(); clock.advance(60_000)
 */
export function createMockClock(start: number | Date = Date.now()): MockClock {
  let now = +start
  return {
    now: () => now,
    advance(ms) {
      now += ms
    },
    set(time) {
      now = +time
    },
  }
}
