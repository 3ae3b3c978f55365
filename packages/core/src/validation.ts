/** What a request validator reports: the Tencent error code the service would answer, and the field. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `Status.1` (the query-form name). */
  path: string
  code: 'MissingParameter' | 'InvalidParameter' | 'InvalidParameterValue' | 'UnknownParameter'
  message: string
}

type Issues = ValidationIssue[]

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key))

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Generated validators call these primitives; each pushes at most one issue and returns whether the value passed.

export function checkObject(issues: Issues, path: string, value: unknown): value is Record<string, unknown> {
  if (isRecord(value)) return true
  issues.push({ path, code: 'InvalidParameter', message: `${path || 'the input'} must be an object` })
  return false
}

export function checkKnownKeys(
  issues: Issues,
  path: string,
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
) {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      issues.push({
        path: join(path, key),
        code: 'UnknownParameter',
        message: `${join(path, key)} is not a parameter of this action`,
      })
    }
  }
}

export function checkRequired(issues: Issues, path: string, value: unknown): boolean {
  if (value !== undefined && value !== null) return true
  issues.push({ path, code: 'MissingParameter', message: `${path} is required` })
  return false
}

export function checkString(issues: Issues, path: string, value: unknown): value is string {
  if (typeof value === 'string') return true
  issues.push({ path, code: 'InvalidParameter', message: `${path} must be a string, got ${describe(value)}` })
  return false
}

export function checkInteger(issues: Issues, path: string, value: unknown): value is number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return true
  issues.push({
    path,
    code: 'InvalidParameter',
    message: `${path} must be an integer, got ${describe(value)}`,
  })
  return false
}

export function checkNumber(issues: Issues, path: string, value: unknown): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true
  issues.push({ path, code: 'InvalidParameter', message: `${path} must be a number, got ${describe(value)}` })
  return false
}

export function checkBoolean(issues: Issues, path: string, value: unknown): value is boolean {
  if (typeof value === 'boolean') return true
  issues.push({
    path,
    code: 'InvalidParameter',
    message: `${path} must be a boolean, got ${describe(value)}`,
  })
  return false
}

export function checkArray(issues: Issues, path: string, value: unknown): value is unknown[] {
  if (Array.isArray(value)) return true
  issues.push({ path, code: 'InvalidParameter', message: `${path} must be an array, got ${describe(value)}` })
  return false
}

export function checkEnum(issues: Issues, path: string, value: unknown, allowed: readonly unknown[]) {
  if (allowed.includes(value)) return true
  const list = allowed.map((v) => JSON.stringify(v)).join(', ')
  issues.push({
    path,
    code: 'InvalidParameterValue',
    message: `${path} must be one of ${list}, got ${describe(value)}`,
  })
  return false
}

export function checkRange(issues: Issues, path: string, value: number, min?: number, max?: number) {
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return true
  const bound =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`
  issues.push({ path, code: 'InvalidParameterValue', message: `${path} must be ${bound}, got ${value}` })
  return false
}

export function checkLength(issues: Issues, path: string, value: string, min?: number, max?: number) {
  if ((min === undefined || value.length >= min) && (max === undefined || value.length <= max)) return true
  const bound =
    min !== undefined && max !== undefined
      ? `${min} to ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`
  issues.push({ path, code: 'InvalidParameterValue', message: `${path} must be ${bound} characters long` })
  return false
}

const tcDateTime = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/** `YYYY-MM-DD HH:mm:ss` and a real calendar time (no 2024-02-30, no 25:00:00). */
export function isTcDateTime(value: string): boolean {
  const m = tcDateTime.exec(value)
  if (!m) return false
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  )
}

export function checkFormat(issues: Issues, path: string, value: string, format: string, pattern?: RegExp) {
  const ok = format === 'tc-datetime' ? isTcDateTime(value) : pattern ? pattern.test(value) : true
  if (ok) return true
  const expected =
    format === 'tc-datetime' ? 'a time like 2017-02-08 16:46:34 (YYYY-MM-DD HH:mm:ss)' : `of format ${format}`
  issues.push({
    path,
    code: 'InvalidParameterValue',
    message: `${path} must be ${expected}, got ${JSON.stringify(value)}`,
  })
  return false
}

/** Cross-field rule `x-tc-multiple-of`: e.g. Offset must be a whole multiple of Limit (default when absent). */
export function checkMultipleOf(
  issues: Issues,
  path: string,
  value: number,
  divisor: unknown,
  divisorPath: string,
) {
  if (typeof divisor !== 'number' || !Number.isSafeInteger(divisor) || divisor <= 0 || value % divisor === 0)
    return true
  issues.push({
    path,
    code: 'InvalidParameterValue',
    message: `${path} must be a multiple of ${divisorPath} (${divisor}), got ${value}`,
  })
  return false
}

/** Cross-field rule `x-tc-not-before`: e.g. EndTime must not be before BeginTime (both already well-formed). */
export function checkNotBefore(
  issues: Issues,
  path: string,
  value: string,
  earlier: unknown,
  earlierPath: string,
) {
  if (typeof earlier !== 'string' || !isTcDateTime(earlier) || !isTcDateTime(value) || value >= earlier)
    return true
  issues.push({
    path,
    code: 'InvalidParameterValue',
    message: `${path} (${value}) must not be before ${earlierPath} (${earlier})`,
  })
  return false
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'number') return `the number ${value}`
  return `a ${typeof value}`
}

export { join as joinPath }

export function checkItemCount(issues: Issues, path: string, value: unknown[], min?: number, max?: number) {
  if ((min === undefined || value.length >= min) && (max === undefined || value.length <= max)) return true
  const bound =
    min !== undefined && max !== undefined
      ? `${min} to ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`
  issues.push({
    path,
    code: 'InvalidParameterValue',
    message: `${path} must have ${bound} items, got ${value.length}`,
  })
  return false
}
