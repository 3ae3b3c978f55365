import type { Schema } from '../ir.ts'
import { objectRef, properties, requiredOf, resolve, typesOf } from '../schema-utils.ts'
import { key, literal, quote } from './source-file.ts'

/**
 * How a model's rule (core's `Rule`, read by validateWith) is written.
 * - `request`: the client's input. check-schemas.ts has already refused every keyword the rule cannot hold, and
 *   `additionalProperties: false` closes the object (the service answers UnknownParameter).
 * - `item`: a model the service sends (the items of a paginated action). Nothing checked the keywords, so the
 *   rule holds those that matter for a value (type, null, enum, const, required, pattern, tc-datetime, the
 *   min/max family) and ignores the rest; a field whose type the rule cannot say (several types, a composition,
 *   no type) is left unchecked rather than refused. It is never closed: the service adds fields over time.
 */
export interface RuleMode {
  kind: 'request' | 'item'
  /** The name of the const that holds a model's rule. */
  constName: (schema: string) => string
}

/** A model's rule: its properties (a $ref'd model through a getter, so order and cycles do not matter). */
export function modelRule(
  name: string,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  mode: RuleMode,
): string {
  return `{ ${["t: 'object'", ...objectParts(resolve(schemas[name]!, schemas), schemas, need, mode)].join(', ')} }`
}

/** An object's required fields, closedness and field rules, for a model and an object written inline alike. */
function objectParts(
  schema: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  mode: RuleMode,
): string[] {
  const props = properties(schema)
  const required = requiredOf(schema)
  const fields: string[] = []
  for (const [prop, raw] of props) {
    const cross: string[] = []
    const multiple = raw['x-tc-multiple-of']
    if (typeof multiple === 'string') {
      const fallback = resolve(props.find(([n]) => n === multiple)![1], schemas).default
      cross.push(`m: ${literal(fallback === undefined ? [multiple] : [multiple, fallback])}`)
    }
    const before = raw['x-tc-not-before']
    if (typeof before === 'string') cross.push(`b: ${quote(before)}`)
    const span = raw['x-tc-max-span-days']
    if (typeof span === 'number') cross.push(`s: ${span}`)
    const ref = objectRef(raw, schemas)
    // A model: its own rule (cross-field rules compare numbers or times, so none applies to it).
    if (ref) {
      need(ref)
      fields.push(`get ${key(prop)}() { return ${mode.constName(ref)} }`)
      continue
    }
    const rule = valueRule(raw, schemas, need, mode, cross)
    if (rule) fields.push(`${key(prop)}: ${rule}`)
  }
  const parts: string[] = []
  if (required.length) parts.push(`r: ${literal(required)}`)
  if (mode.kind === 'request' && schema.additionalProperties === false) parts.push('c: 1')
  parts.push(fields.length ? `p: {\n${fields.map((f) => `  ${f},`).join('\n')}\n}` : 'p: {}')
  return parts
}

/** A value's rule; undefined when its schema has no single type the rule can say (only in item mode). */
function valueRule(
  raw: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  mode: RuleMode,
  extra: string[] = [],
): string | undefined {
  const schema = resolve(raw, schemas)
  const { types, nullable } = typesOf(schema)
  if (types.length !== 1) return undefined
  const type = types[0]!
  const parts = [`t: ${quote(type)}`]
  // `nullable: true` is OpenAPI 3.0's spelling of a null type; a request schema cannot use it.
  if (nullable || schema.nullable === true) parts.push('n: 1')
  const [lo, hi] =
    type === 'string'
      ? [schema.minLength, schema.maxLength]
      : type === 'array'
        ? [schema.minItems, schema.maxItems]
        : type === 'integer' || type === 'number'
          ? [schema.minimum, schema.maximum]
          : []
  // A bound that is not a number would not even be valid code; a request schema's bounds are checked already.
  if (typeof lo === 'number') parts.push(`lo: ${lo}`)
  if (typeof hi === 'number') parts.push(`hi: ${hi}`)
  if (type === 'string') {
    // tc-datetime is checked as a real calendar time, which its pattern (for other tools) only approximates.
    if (schema.format === 'tc-datetime') parts.push('d: 1')
    else if (typeof schema.pattern === 'string') parts.push(`f: /${regexBody(schema.pattern)}/u`)
  }
  const allowed = Array.isArray(schema.enum)
    ? schema.enum
    : schema.const !== undefined
      ? [schema.const]
      : undefined
  if (allowed) parts.push(`e: ${literal(allowed)}`)
  // An object written inline (not a $ref'd model) is checked field by field as a model is.
  if (type === 'object') parts.push(...objectParts(schema, schemas, need, mode))
  if (type === 'array' && schema.items && typeof schema.items === 'object') {
    const items = schema.items as Schema
    const ref = objectRef(items, schemas)
    if (ref) need(ref)
    // A model through a getter: it may be declared further down.
    const item = ref ? undefined : valueRule(items, schemas, need, mode)
    if (ref) parts.push(`get i() { return ${mode.constName(ref)} }`)
    else if (item) parts.push(`i: ${item}`)
  }
  return `{ ${[...parts, ...extra].join(', ')} }`
}

/** A pattern as the body of a regex literal: `/` not already escaped gets a backslash, line breaks become escapes. */
function regexBody(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') out += c + (pattern[++i] ?? '')
    else if (c === '/') out += '\\/'
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else out += c
  }
  return out
}
