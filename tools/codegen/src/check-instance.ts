import { described } from './extension-types.ts'
import type { Schema } from './ir.ts'
import type { Json } from './load-spec.ts'
import { typeNames } from './schema-keywords.ts'
import { isSchema, refTarget, requiredOf } from './schema-utils.ts'
import { closest } from './suggest.ts'

/** Where in the value a problem is: property names and item indexes. */
export type ValuePath = (string | number)[]
/** One problem of a value: `text` reads after the value's name, e.g. `is the number 42 (expected a string)`. */
export type ValueReport = (path: ValuePath, text: string) => void

export interface InstanceOptions {
  /**
   * Read a value as the request validator reads a request: a property set to null is absent (the client leaves
   * it out), so a required one set to null is missing.
   */
  request?: boolean
  /** Keywords of the outer schema to leave aside: an enum's values are checked against the rest of the schema. */
  skip?: ReadonlySet<string>
}

/**
 * Checks a value written in the spec (an example, a default, an enum value) against its schema, structurally:
 * types, enum and const, bounds, lengths, pattern, format tc-datetime, required and unknown properties of a closed
 * object, nested objects and arrays. The generator must not depend on the packages it builds, so this is a small
 * twin of core's validator; it is linear in the size of the value (each node of the value meets one schema).
 */
export function checkInstance(
  value: Json,
  schema: Schema,
  schemas: Record<string, Schema>,
  report: ValueReport,
  options: InstanceOptions = {},
): void {
  check(value, schema, [], { schemas, report, request: options.request === true }, options.skip)
}

interface Context {
  schemas: Record<string, Schema>
  report: ValueReport
  request: boolean
}

/** A schema merged with the schemas its `$ref`s name (siblings win, as in resolve); a $ref cycle stops. */
export function flatten(schema: Schema, schemas: Record<string, Schema>): Schema {
  let merged = schema
  const seen = new Set<string>()
  for (
    let target = refTarget(merged);
    target && schemas[target] && !seen.has(target);
    target = refTarget(merged)
  ) {
    seen.add(target)
    const { $ref: _, ...siblings } = merged
    merged = { ...schemas[target], ...siblings }
  }
  return merged
}

/** The type names a schema lists, leaving out misspelled ones (reported as such by check-constraints). */
export function validTypes(schema: Schema): string[] {
  const raw = Array.isArray(schema.type) ? schema.type : [schema.type]
  return raw.filter((t): t is string => typeof t === 'string' && (typeNames as readonly string[]).includes(t))
}

function isOf(value: Json, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null
    // As core's validator reads them: an integer is a safe integer, a number a finite one.
    case 'integer':
      return Number.isSafeInteger(value)
    case 'number':
      return Number.isFinite(value)
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isSchema(value)
    default:
      return typeof value === type
  }
}

const article = (type: string) => (type === 'null' ? 'null' : `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`)
const shown = (value: Json) => JSON.stringify(value)
const same = (a: Json, b: Json) => a === b || JSON.stringify(a) === JSON.stringify(b)

// Patterns are compiled once per run, with the `u` flag the generated validators use.
const compiled = new Map<string, RegExp | undefined>()
function regex(pattern: string): RegExp | undefined {
  if (!compiled.has(pattern)) {
    try {
      compiled.set(pattern, new RegExp(pattern, 'u'))
    } catch {
      compiled.set(pattern, undefined)
    }
  }
  return compiled.get(pattern)
}

/** `YYYY-MM-DD HH:mm:ss` and a real calendar time, as core's isTcDateTime reads it. */
function isTcDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(value)?.map(Number)
  if (!m) return false
  const ms = Date.UTC(m[1]!, m[2]! - 1, m[3], m[4], m[5], m[6])
  return new Date(ms).toISOString().slice(0, 19) === value.replace(' ', 'T')
}

function check(value: Json, raw: Schema, path: ValuePath, ctx: Context, skip?: ReadonlySet<string>): void {
  const schema = flatten(raw, ctx.schemas)
  const has = (key: string) => key in schema && !skip?.has(key)
  const num = (key: string) =>
    has(key) && typeof schema[key] === 'number' ? (schema[key] as number) : undefined
  const types = validTypes(schema)
  if (value === null && (types.includes('null') || schema.nullable === true)) return
  if (types.length > 0 && !types.some((t) => isOf(value, t))) {
    // The service sends this integer as a numeric string (x-tc-lenient), and core's readers accept one.
    const lenient =
      schema['x-tc-lenient'] === 'numeric-string' && typeof value === 'string' && /^-?\d+$/.test(value)
    if (!lenient) ctx.report(path, `is ${described(value)} (expected ${types.map(article).join(' or ')})`)
    return
  }
  if (has('const') && !same(value, schema.const!))
    ctx.report(path, `is ${shown(value)} (expected ${shown(schema.const!)}, its const)`)
  if (has('enum') && Array.isArray(schema.enum) && !schema.enum.some((e) => same(e, value)))
    ctx.report(path, `is ${shown(value)} (expected one of ${schema.enum.map(shown).join(', ')})`)
  if (typeof value === 'string') {
    const [lo, hi] = [num('minLength'), num('maxLength')]
    if (lo !== undefined && value.length < lo)
      ctx.report(path, `is ${shown(value)} (expected at least ${lo} characters)`)
    if (hi !== undefined && value.length > hi)
      ctx.report(path, `is ${shown(value)} (expected at most ${hi} characters)`)
    // As the validator: a tc-datetime is checked as a real calendar time, which its pattern only approximates.
    if (has('format') && schema.format === 'tc-datetime') {
      if (!isTcDateTime(value)) ctx.report(path, `is ${shown(value)} (expected a time YYYY-MM-DD HH:mm:ss)`)
    } else if (
      has('pattern') &&
      typeof schema.pattern === 'string' &&
      regex(schema.pattern)?.test(value) === false
    )
      ctx.report(path, `is ${shown(value)} (expected a match of ${schema.pattern})`)
  }
  if (typeof value === 'number') {
    const bounds: [string, (n: number) => boolean, string][] = [
      ['minimum', (n) => value >= n, 'at least'],
      ['maximum', (n) => value <= n, 'at most'],
    ]
    for (const [key, ok, words] of bounds) {
      const n = num(key)
      if (n !== undefined && !ok(n))
        ctx.report(path, `is the number ${value} (expected ${words} ${n}, its ${key})`)
    }
  }
  if (Array.isArray(value)) {
    const [lo, hi] = [num('minItems'), num('maxItems')]
    if (lo !== undefined && value.length < lo)
      ctx.report(path, `has ${value.length} item(s) (expected at least ${lo}, its minItems)`)
    if (hi !== undefined && value.length > hi)
      ctx.report(path, `has ${value.length} item(s) (expected at most ${hi}, its maxItems)`)
    if (has('items') && isSchema(schema.items))
      for (const [i, item] of value.entries()) check(item, schema.items, [...path, i], ctx)
  }
  if (isSchema(value)) checkObject(value, schema, path, ctx)
}

function checkObject(value: { [key: string]: Json }, schema: Schema, path: ValuePath, ctx: Context) {
  const props = isSchema(schema.properties) ? schema.properties : {}
  const names = Object.keys(props)
  const closed = schema.additionalProperties === false
  // A misspelled key of a required property is one slip: reported as the unknown key, not also as missing.
  const meant = new Set<string>()
  for (const [key, item] of Object.entries(value)) {
    const prop = props[key]
    // A request field set to null is left out of what the client sends: absent, not of the wrong type.
    if (ctx.request && item === null && prop !== undefined) continue
    if (isSchema(prop)) check(item, prop, [...path, key], ctx)
    else if (closed) {
      const guess = closest(key, names)
      if (guess) meant.add(guess)
      ctx.report(
        [...path, key],
        `is not a property (${guess ? `did you mean ${guess}? ` : ''}expected one of ${names.join(', ') || 'none'}: additionalProperties is false)`,
      )
    } else if (isSchema(schema.additionalProperties))
      check(item, schema.additionalProperties, [...path, key], ctx)
  }
  // A required name that is not a property is reported by checkRequired: its absence here is not another error.
  const required = requiredOf(schema).filter((key) => Object.hasOwn(props, key))
  const present = (key: string) => Object.hasOwn(value, key) && !(ctx.request && value[key] === null)
  const missing = required.filter((key) => !present(key) && !meant.has(key))
  if (missing.length > 0)
    ctx.report(
      path,
      `has no ${missing.join(', ')} (expected every required property: ${required.join(', ')})`,
    )
}

/** A value path as a reader writes it: `BackupSet[0].Status`. */
export function pathText(path: ValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}
