/**
 * The credential-scope date of a Unix timestamp in seconds: always UTC, never local time
 * (1551113065 is 2019-02-26 in UTC+8 but its scope date is 2019-02-25).
 */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10)
}
