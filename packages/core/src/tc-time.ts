// The service writes times as China Standard Time wall clock (UTC+8, no DST) whatever the caller's zone:
// the format the spec calls tc-datetime (see isTcDateTime in validation.ts for the request-side check).
const offsetMs = 8 * 3600 * 1000
const pattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * Epoch milliseconds or a Date -> `YYYY-MM-DD HH:mm:ss` in UTC+8, whatever the caller's time zone: what BeginTime
 * and EndTime take. An invalid time (NaN, an invalid Date) throws Date's RangeError, "Invalid time value".
 */
export function formatTcTime(time: number | Date): string {
  // An ISO time's seconds are always the whole seconds below it, so the milliseconds are simply cut off.
  return new Date(+time + offsetMs).toISOString().slice(0, 19).replace('T', ' ')
}

/** `YYYY-MM-DD HH:mm:ss` (UTC+8) -> epoch milliseconds, or undefined when it is not a real calendar time. */
export function parseTcTime(text: string): number | undefined {
  const m = pattern.exec(text)
  if (!m) return undefined
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const utc = Date.UTC(y, mo - 1, d, h, mi, s)
  const t = new Date(utc)
  // Date.UTC reads years 0-99 as 1900-1999: such a year does not read back the same either.
  if (
    t.getUTCFullYear() !== y ||
    t.getUTCMonth() !== mo - 1 ||
    t.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return undefined
  return utc - offsetMs
}
