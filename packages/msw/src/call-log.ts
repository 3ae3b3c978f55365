import { actionNames } from '@crs-kit/core'

/** One call the service answered, as a test reads it back to count what reached the mock. */
export interface CallRecord {
  /** When it arrived, on the mock clock (epoch ms). */
  time: number
  /** The RequestId answered (or that would have been, for a dropped connection). */
  requestId: string
  /** The action as the call named it (not necessarily one the service knows); null when it named none. */
  action: string | null
  /** The region as the call named it; null when it named none. */
  region: string | null
  /** `networkError`: the connection was dropped (an override), nothing was answered. */
  outcome: 'success' | 'error' | 'networkError'
  /** The error code answered, for `outcome: 'error'`; otherwise null. */
  code: string | null
}

/** What a call is known by before its answer: filled in as the stages read it. */
export interface CallNote {
  time: number
  requestId: string
  action: string | null
  region: string | null
}

/**
 * What is wrong with filtering the log by `action`, or undefined: a name the mock does not have (a typo such as
 * `ManualBackup`) would match nothing, and an assertion of "no calls" would pass for the wrong reason.
 */
export function callsFilterProblem(action: unknown, unfiltered: string): string | undefined {
  if (action === undefined || (actionNames as readonly unknown[]).includes(action)) return undefined
  return `${JSON.stringify(action)} is not an action of the mock (${actionNames.join(', ')}); ${unfiltered} lists every call, those naming other actions too`
}

// errorEnvelope's JSON always starts so, and a code never holds a quote: the code is read back from the
// answer's first bytes instead of being carried through every stage that can refuse a call.
const errorPrefix = '{"Response":{"Error":{"Code":"'

/**
 * The last `capacity` calls in arrival order (a ring: memory stays bounded however long a suite runs), and how
 * many there were since the last clear, so a reader can tell when the oldest were dropped.
 */
export class CallLog {
  readonly #capacity: number
  readonly #ring: CallRecord[] = []
  #next = 0
  #total = 0
  // Bumped by clear(): a call that arrived before a clear (one held back by a delay override) and ends after
  // it belongs to the test that ended, not to the next one's log.
  #generation = 0

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  /** Calls since the last clear, kept or not. */
  get total(): number {
    return this.#total
  }

  /** The mark to hand back to `add` for a call that starts now. */
  get generation(): number {
    return this.#generation
  }

  /**
   * Records the call `note` describes with its answer (the envelope's text, or a dropped connection), and
   * returns the answer; a call that started before the last clear (`generation` then) is not recorded.
   */
  add<A>(note: CallNote, answer: A, generation = this.#generation): A {
    if (generation !== this.#generation) return answer
    let outcome: CallRecord['outcome'] = 'networkError'
    let code: string | null = null
    if (typeof answer === 'string') {
      if (answer.startsWith(errorPrefix)) {
        outcome = 'error'
        code = answer.slice(errorPrefix.length, answer.indexOf('"', errorPrefix.length))
      } else outcome = 'success'
    }
    const record = note as CallRecord
    record.outcome = outcome
    record.code = code
    if (this.#ring.length < this.#capacity) this.#ring.push(record)
    else this.#ring[this.#next] = record
    this.#next = (this.#next + 1) % this.#capacity
    this.#total++
    return answer
  }

  /** The kept calls, oldest first (copies), only those of `action` when given. */
  records(action?: string): CallRecord[] {
    const ring = this.#ring
    const ordered =
      ring.length < this.#capacity ? ring : [...ring.slice(this.#next), ...ring.slice(0, this.#next)]
    return ordered.filter((r) => action === undefined || r.action === action).map((r) => ({ ...r }))
  }

  clear(): void {
    this.#generation++
    this.#ring.length = 0
    this.#next = 0
    this.#total = 0
  }
}
