import { preview } from './response-shape-error.ts'

/** What a request validator reports: the Tencent error code the service would answer, and the field. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `Status.1` (the query-form name). */
  path: string
  code: 'MissingParameter' | 'InvalidParameter' | 'InvalidParameterValue' | 'UnknownParameter'
  message: string
}

type Issues = ValidationIssue[]
type Code = ValidationIssue['code']

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key))

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Generated validators call these primitives; each pushes at most one issue and returns whether the value passed.
// Every message is the field's path followed by one short sentence, e.g. `Limit must be an integer, got "5"`.

const fail = (issues: Issues, path: string, code: Code, text: string): false => {
  issues.push({ path, code, message: `${path || 'the input'} ${text}` })
  return false
}

const typed = (issues: Issues, path: string, value: unknown, ok: boolean, type: string) =>
  ok || fail(issues, path, 'InvalidParameter', `must be ${type}, got ${preview(value)}`)

/** A number, or the length of a string or list, within [min, max]; `what` names the measure in the message. */
const bounded = (issues: Issues, path: string, n: number, min?: number, max?: number, what = '') =>
  ((min === undefined || n >= min) && (max === undefined || n <= max)) ||
  fail(
    issues,
    path,
    'InvalidParameterValue',
    `${what}must be ${min === undefined ? `at most ${max}` : max === undefined ? `at least ${min}` : `between ${min} and ${max}`}, got ${n}`,
  )

export const checkObject = (issues: Issues, path: string, value: unknown): value is Record<string, unknown> =>
  typed(issues, path, value, isRecord(value), 'an object')

export function checkKnownKeys(
  issues: Issues,
  path: string,
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
) {
  for (const key of Object.keys(value))
    if (!known.has(key))
      fail(issues, join(path, key), 'UnknownParameter', 'is not a parameter of this action')
}

export const checkRequired = (issues: Issues, path: string, value: unknown): boolean =>
  value != null || fail(issues, path, 'MissingParameter', 'is required')

export const checkString = (issues: Issues, path: string, value: unknown): value is string =>
  typed(issues, path, value, typeof value === 'string', 'a string')

export const checkInteger = (issues: Issues, path: string, value: unknown): value is number =>
  typed(issues, path, value, Number.isSafeInteger(value), 'an integer')

export const checkNumber = (issues: Issues, path: string, value: unknown): value is number =>
  typed(issues, path, value, Number.isFinite(value), 'a number')

export const checkBoolean = (issues: Issues, path: string, value: unknown): value is boolean =>
  typed(issues, path, value, typeof value === 'boolean', 'a boolean')

export const checkArray = (issues: Issues, path: string, value: unknown): value is unknown[] =>
  typed(issues, path, value, Array.isArray(value), 'an array')

export const checkEnum = (issues: Issues, path: string, value: unknown, allowed: readonly unknown[]) =>
  allowed.includes(value) ||
  fail(
    issues,
    path,
    'InvalidParameterValue',
    `must be one of ${JSON.stringify(allowed)}, got ${preview(value)}`,
  )

export const checkRange = (issues: Issues, path: string, value: number, min?: number, max?: number) =>
  bounded(issues, path, value, min, max)

export const checkLength = (issues: Issues, path: string, value: string, min?: number, max?: number) =>
  bounded(issues, path, value.length, min, max, 'length ')

export const checkItemCount = (issues: Issues, path: string, value: unknown[], min?: number, max?: number) =>
  bounded(issues, path, value.length, min, max, 'item count ')

/** `YYYY-MM-DD HH:mm:ss` and a real calendar time (no 2024-02-30, no 25:00:00). */
export function isTcDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(value)?.map(Number)
  // Date.UTC rolls an impossible day or hour over (Feb 30 -> Mar 2): only a real time reads back the same.
  return (
    m !== undefined &&
    new Date(Date.UTC(m[1]!, m[2]! - 1, m[3], m[4], m[5], m[6])).toISOString().slice(0, 19) ===
      value.replace(' ', 'T')
  )
}

export const checkFormat = (issues: Issues, path: string, value: string, format: string, pattern?: RegExp) =>
  (format === 'tc-datetime' ? isTcDateTime(value) : !pattern || pattern.test(value)) ||
  fail(
    issues,
    path,
    'InvalidParameterValue',
    `must match ${format === 'tc-datetime' ? 'YYYY-MM-DD HH:mm:ss' : pattern}, got ${preview(value)}`,
  )

/** Cross-field rule `x-tc-multiple-of`: e.g. Offset must be a whole multiple of Limit (default when absent). */
export const checkMultipleOf = (
  issues: Issues,
  path: string,
  value: number,
  divisor: unknown,
  divisorPath: string,
) =>
  !Number.isSafeInteger(divisor) ||
  (divisor as number) <= 0 ||
  value % (divisor as number) === 0 ||
  fail(
    issues,
    path,
    'InvalidParameterValue',
    `must be a multiple of ${divisorPath} (${divisor}), got ${value}`,
  )

/** Cross-field rule `x-tc-not-before`: e.g. EndTime must not be before BeginTime (both already well-formed). */
export const checkNotBefore = (
  issues: Issues,
  path: string,
  value: string,
  earlier: unknown,
  earlierPath: string,
) =>
  typeof earlier !== 'string' ||
  !isTcDateTime(earlier) ||
  !isTcDateTime(value) ||
  value >= earlier ||
  fail(issues, path, 'InvalidParameterValue', `(${value}) must not be before ${earlierPath} (${earlier})`)

export { join as joinPath }
