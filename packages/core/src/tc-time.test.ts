import { describe, expect, it } from 'vitest'
import { formatTcTime, parseTcTime } from './tc-time.ts'

describe('tc time', () => {
  it('formats epoch milliseconds as the UTC+8 wall clock', () => {
    // 1551113065 is 2019-02-25 16:44:25 UTC, i.e. 2019-02-26 00:44:25 in UTC+8.
    expect(formatTcTime(1551113065_000)).toBe('2019-02-26 00:44:25')
    expect(formatTcTime(1551113065_999)).toBe('2019-02-26 00:44:25')
    // Whole seconds below the time, also before 1970 (-0.5 s is 07:59:59.5 in UTC+8).
    expect(formatTcTime(-500)).toBe('1970-01-01 07:59:59')
  })

  it('formats a Date alike, and refuses an invalid time', () => {
    expect(formatTcTime(new Date(1551113065_000))).toBe('2019-02-26 00:44:25')
    for (const bad of [Number.NaN, new Date('nope'), '2019-02-26' as never])
      expect(() => formatTcTime(bad)).toThrow(new RangeError('Invalid time value'))
  })

  it('parses what it formats', () => {
    expect(parseTcTime('2019-02-26 00:44:25')).toBe(1551113065_000)
    expect(parseTcTime('2018-09-04 12:51:21')).toBe(Date.UTC(2018, 8, 4, 4, 51, 21))
  })

  it('rejects shapes and calendar times that do not exist', () => {
    for (const bad of [
      '2019-02-30 00:00:00',
      '2019-02-26 24:00:00',
      '2019-02-26T00:44:25',
      '',
      '2019-2-26 00:44:25',
      '0050-06-15 12:00:00', // Date.UTC would read it as 1950
    ]) {
      expect(parseTcTime(bad)).toBeUndefined()
    }
  })
})
