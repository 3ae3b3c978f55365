import { preview } from './response-shape-error.ts'

/** What a request validator reports: the Tencent error code the service would answer, and the field. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `Status.1` (the query-form name). */
  path: string
  code: 'MissingParameter' | 'InvalidParameter' | 'InvalidParameterValue' | 'UnknownParameter'
  message: string
}

/**
 * One request schema as generated data (tools/codegen/src/emit/core-validators.ts writes it from the spec),
 * read by `checkValue` below. Keys are short because a browser bundle carries every one of them.
 */
export interface Rule {
  /** The JSON type. */
  t: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object'
  /** null is allowed (array items; an absent or null field is always skipped unless required). */
  n?: 1
  /** minimum / maximum; minLength / maxLength for a string, minItems / maxItems for an array. */
  lo?: number
  hi?: number
  /** enum (or const): the allowed values. */
  e?: readonly unknown[]
  /** pattern. */
  f?: RegExp
  /** format tc-datetime: `YYYY-MM-DD HH:mm:ss` and a real calendar time. */
  d?: 1
  /** Array items. */
  i?: Rule
  /** An object model's properties, its required ones, and whether others are refused (additionalProperties: false). */
  p?: Readonly<Record<string, Rule>>
  r?: readonly string[]
  c?: 1
  /** x-tc-multiple-of (checked after every field's own rules): this field is a whole multiple of another (and that field's default when absent). */
  m?: readonly [field: string, fallback?: number]
  /** x-tc-not-before: this time is not before another field's. */
  b?: string
  /** x-tc-max-span-days: this time is at most that many days after the x-tc-not-before field's. */
  s?: number
}

const isSent = Object.prototype.propertyIsEnumerable

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key))

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `YYYY-MM-DD HH:mm:ss` read as UTC, in epoch ms; undefined unless it is a real calendar time. */
function wallClockMs(value: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(value)?.map(Number)
  if (!m) return undefined
  const ms = Date.UTC(m[1]!, m[2]! - 1, m[3], m[4], m[5], m[6])
  // Date.UTC rolls an impossible day or hour over (Feb 30 -> Mar 2): only a real time reads back the same.
  return new Date(ms).toISOString().slice(0, 19) === value.replace(' ', 'T') ? ms : undefined
}

/** `YYYY-MM-DD HH:mm:ss` and a real calendar time (no 2024-02-30, no 25:00:00). */
export const isTcDateTime = (value: string): boolean => wallClockMs(value) !== undefined

// Every message is the field's path and one short sentence, e.g. `Limit must be an integer, got "5"`.
function report(issues: ValidationIssue[], path: string, code: ValidationIssue['code'], text: string) {
  issues.push({ path, code, message: `${path || 'the input'} ${text}` })
}

const invalid = (issues: ValidationIssue[], path: string, text: string, got: unknown) =>
  report(issues, path, 'InvalidParameterValue', `${text}, got ${preview(got)}`)

/** Checks one present value against its rule, pushing every problem found (a wrong type stops there). */
function checkValue(issues: ValidationIssue[], path: string, value: unknown, rule: Rule): void {
  const { t, p, lo, hi, e, f, i } = rule
  const v = value as string & unknown[] & Record<string, unknown>
  if (value === null && rule.n) return
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
  if (
    !(t === 'integer' ? Number.isSafeInteger(value) : t === 'number' ? Number.isFinite(value) : t === type)
  ) {
    report(
      issues,
      path,
      'InvalidParameter',
      // 2**53 is an integer in JavaScript, not one JSON carries as itself (2**53 + 1 reads back as 2**53).
      `must be a${t === 'integer' && Number.isInteger(value) ? ' safe' : /^[aeiou]/.test(t) ? 'n' : ''} ${t}, got ${preview(value)}`,
    )
    return
  }
  if (t === 'object') {
    if (!p) return
    // What JSON.stringify sends: own enumerable fields only (not inherited or hidden ones).
    const field = (key: string) => (isSent.call(value, key) ? v[key] : undefined)
    // A field set to undefined is absent (JSON leaves it out), and so is a known field set to null (the
    // client leaves it out of what it sends).
    if (rule.c)
      for (const key of Object.keys(v))
        if (!Object.hasOwn(p, key) && v[key] !== undefined)
          report(issues, join(path, key), 'UnknownParameter', 'is not a parameter of this action')
    for (const key in p) {
      const got = field(key)
      if (got != null) checkValue(issues, join(path, key), got, p[key]!)
      else if (rule.r?.includes(key)) report(issues, join(path, key), 'MissingParameter', 'is required')
    }
    // Cross-field rules, once every field has had its own checks.
    for (const key in p) {
      const { m, b, s } = p[key]!
      const got = field(key)
      const divisor = (m && (field(m[0]) ?? m[1])) as number
      if (
        Number.isSafeInteger(got) &&
        Number.isSafeInteger(divisor) &&
        divisor > 0 &&
        (got as number) % divisor
      )
        invalid(issues, join(path, key), `must be a multiple of ${m![0]} (${divisor})`, got)
      const earlier = b && field(b)
      const from = typeof earlier === 'string' ? wallClockMs(earlier) : undefined
      const to = typeof got === 'string' ? wallClockMs(got) : undefined
      if (from !== undefined && to !== undefined) {
        if (to < from) invalid(issues, join(path, key), `must not be before ${b} (${earlier})`, got)
        else if (to - from > s! * 864e5)
          invalid(issues, join(path, key), `must be at most ${s} days after ${b} (${earlier})`, got)
      }
    }
    return
  }
  const measure = t === 'string' ? 'length ' : t === 'array' ? 'item count ' : ''
  const n = measure ? v.length : (value as number)
  if (n < lo!) invalid(issues, path, `${measure}must be at least ${lo}`, n)
  if (n > hi!) invalid(issues, path, `${measure}must be at most ${hi}`, n)
  if (rule.d ? !isTcDateTime(v) : f && !f.test(v))
    invalid(issues, path, rule.d ? 'must be a real calendar time, YYYY-MM-DD HH:mm:ss' : `must match ${f}`, v)
  if (e && !e.includes(v)) invalid(issues, path, `must be one of ${JSON.stringify(e)}`, v)
  // By index, not forEach: a hole (or an undefined item) is sent as null, so it is checked as that null.
  if (i) for (let k = 0; k < v.length; k++) checkValue(issues, join(path, k), v[k] ?? null, i)
}

/** Every problem of `input` under a generated request rule, with field paths; [] when valid. */
export function validateWith(rule: Rule, input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  checkValue(issues, '', input, rule)
  return issues
}

export { join as joinPath }
