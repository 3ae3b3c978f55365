import type { MockClock } from './mock-clock.ts'

/** Real time moved by an offset: keeps running between calls, unlike createMockClock's frozen time. */
export interface OffsetClock extends MockClock {
  /** How far this clock is ahead of the system clock, in ms (negative: behind). */
  readonly offsetMs: number
  /** Back to the system clock's time. */
  real(): void
}

/**
 * crs-mock's clock: the system time plus an offset a test moves over HTTP. A suite in another language
 * cannot inject a clock, yet it must be able to finish a backup or expire a signature without waiting;
 * reading it costs one addition more than the system clock, which matters on the served path.
 * @example const clock = createOffsetClock(); clock.advance(60_000) // a minute ahead, still running
 */
export function createOffsetClock(): OffsetClock {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    get offsetMs() {
      return offset
    },
    advance(ms) {
      offset += ms
    },
    set(time) {
      offset = +time - Date.now()
    },
    real() {
      offset = 0
    },
  }
}
