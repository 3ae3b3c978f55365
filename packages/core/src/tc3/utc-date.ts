/**
 * The credential-scope date of a Unix timestamp in seconds: always UTC, never local time
 * (1551113065 is 2019-02-26 in UTC+8 but its scope date is 2019-02-25).
 */
export function utcDate(timestamp: number): string {
  // Every call of a day asks for the same date: format it once per day, not per signature.
  const day = Math.floor(timestamp / 86_400)
  if (day !== lastDay) {
    lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10)
    lastDay = day
  }
  return lastDate
}

let lastDay = Number.NaN
let lastDate = ''
