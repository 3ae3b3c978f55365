/**
 * The difference between the server's clock and ours. The service refuses a signature more than
 * five minutes off its clock (AuthFailure.SignatureExpire); its `Date` header tells us by how much.
 */
export class ClockOffset {
  #offsetMs = 0
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  get offsetMs(): number {
    return this.#offsetMs
  }

  /** Our best estimate of the server's time, in Unix seconds, to sign with. */
  timestamp(): number {
    return Math.floor((this.#now() + this.#offsetMs) / 1000)
  }

  /** Learns the offset from a `Date` header; false when the header is missing or unreadable. */
  adjust(dateHeader: string | null): boolean {
    const serverMs = Date.parse(dateHeader ?? '')
    if (Number.isNaN(serverMs)) return false
    this.#offsetMs = serverMs - this.#now()
    return true
  }
}
