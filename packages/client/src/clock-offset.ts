/**
 * The difference between the server's clock and ours. The service refuses a signature more than
 * five minutes off its clock (AuthFailure.SignatureExpire); its `Date` header tells us by how much.
 */
export interface ClockOffset {
  /** Our best estimate of the server's time, in Unix seconds, to sign with. */
  timestamp(): number
  /** The same estimate in epoch milliseconds: what the server's clock reads now. */
  now(): number
  /** Learns the offset from a `Date` header; false when the header is missing or unreadable. */
  adjust(dateHeader: string | null): boolean
}

/** A ClockOffset starting at zero, on `now` (epoch milliseconds). */
export function clockOffset(now: () => number = Date.now): ClockOffset {
  let offsetMs = 0
  return {
    timestamp: () => Math.floor((now() + offsetMs) / 1000),
    now: () => now() + offsetMs,
    adjust: (dateHeader) => {
      const serverMs = Date.parse(dateHeader ?? '')
      if (Number.isNaN(serverMs)) return false
      offsetMs = serverMs - now()
      return true
    },
  }
}
