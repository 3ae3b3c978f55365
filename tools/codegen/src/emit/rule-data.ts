import type { Schema } from '../ir.ts'
import type { Json } from '../load-spec.ts'
import { objectRef, properties, requiredOf, resolve, typesOf } from '../schema-utils.ts'

/**
 * A model's rule (core's `Rule`, read by validateWith) as data, built once from the spec: rule-text prints it into
 * validators.gen.ts, and the spec checks turn it into a live rule for core's validator (check-cross-field). Parts
 * keep the order the printed rule lists them in.
 * - `value`: JSON data (`t`, `n`, `lo`, `hi`, `e`, `r`, `c`, `d`, `m`, `b`, `s`).
 * - `regex`: a pattern (`f`), compiled with the `u` flag.
 * - `model`: a named model's rule, reached by name (a getter in the text: order and cycles do not matter).
 * - `rule`: a rule written inline (`i`, or a field of `p`).
 * - `fields`: an object's field rules (`p`), each a `model` or a `rule` part keyed by the field's name.
 */
export type RulePart =
  | { key: string; kind: 'value'; value: Json }
  | { key: string; kind: 'regex'; source: string }
  | { key: string; kind: 'model'; model: string }
  | { key: string; kind: 'rule'; rule: RuleData }
  | { key: string; kind: 'fields'; fields: RulePart[] }
export type RuleData = RulePart[]

/**
 * How a model's rule is built.
 * - `request`: the client's input. check-schemas.ts has already refused every keyword the rule cannot hold, and
 *   `additionalProperties: false` closes the object (the service answers UnknownParameter).
 * - `item`: a model the service sends (the items of a paginated action). The rule holds what matters for a value
 *   (type, null, enum, const, required, pattern, tc-datetime, the min/max family); a field whose type the rule
 *   cannot say (several types, no type) is left unchecked rather than refused. It is never closed: the service
 *   adds fields over time.
 */
export type RuleKind = 'request' | 'item'

const value = (key: string, v: Json): RulePart => ({ key, kind: 'value', value: v })

/** A model's rule: its properties (a $ref'd model by name). `need` is told each model it names. */
export function modelRuleData(
  name: string,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  kind: RuleKind,
): RuleData {
  return [value('t', 'object'), ...objectParts(resolve(schemas[name]!, schemas), schemas, need, kind)]
}

/** An object's required fields, closedness and field rules, for a model and an object written inline alike. */
function objectParts(
  schema: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  kind: RuleKind,
): RuleData {
  const props = properties(schema)
  const required = requiredOf(schema)
  const fields: RulePart[] = []
  for (const [prop, raw] of props) {
    const cross: RulePart[] = []
    const multiple = raw['x-tc-multiple-of']
    if (typeof multiple === 'string') {
      // A sibling that is not there is reported by check-schemas; the examples' check reads this rule before that.
      const sibling = props.find(([n]) => n === multiple)?.[1]
      const fallback = sibling && resolve(sibling, schemas).default
      cross.push(value('m', fallback === undefined ? [multiple] : [multiple, fallback]))
    }
    const before = raw['x-tc-not-before']
    if (typeof before === 'string') cross.push(value('b', before))
    const span = raw['x-tc-max-span-days']
    if (typeof span === 'number') cross.push(value('s', span))
    const ref = objectRef(raw, schemas)
    // A model: its own rule (cross-field rules compare numbers or times, so none applies to it).
    if (ref) {
      need(ref)
      fields.push({ key: prop, kind: 'model', model: ref })
      continue
    }
    const rule = valueRule(raw, schemas, need, kind, cross)
    if (rule) fields.push({ key: prop, kind: 'rule', rule })
  }
  const parts: RuleData = []
  if (required.length) parts.push(value('r', required))
  if (kind === 'request' && schema.additionalProperties === false) parts.push(value('c', 1))
  parts.push({ key: 'p', kind: 'fields', fields })
  return parts
}

/** A value's rule; undefined when its schema has no single type the rule can say (only in item mode). */
function valueRule(
  raw: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  kind: RuleKind,
  extra: RulePart[] = [],
): RuleData | undefined {
  const schema = resolve(raw, schemas)
  const { types, nullable } = typesOf(schema)
  if (types.length !== 1) return undefined
  const type = types[0]!
  const parts: RuleData = [value('t', type)]
  // `nullable: true` is OpenAPI 3.0's spelling of a null type; a request schema cannot use it.
  if (nullable || schema.nullable === true) parts.push(value('n', 1))
  const [lo, hi] =
    type === 'string'
      ? [schema.minLength, schema.maxLength]
      : type === 'array'
        ? [schema.minItems, schema.maxItems]
        : type === 'integer' || type === 'number'
          ? [schema.minimum, schema.maximum]
          : []
  // A bound that is not a number would not even be valid code; a request schema's bounds are checked already.
  if (typeof lo === 'number') parts.push(value('lo', lo))
  if (typeof hi === 'number') parts.push(value('hi', hi))
  if (type === 'string') {
    // tc-datetime is checked as a real calendar time, which its pattern (for other tools) only approximates.
    if (schema.format === 'tc-datetime') parts.push(value('d', 1))
    else if (typeof schema.pattern === 'string')
      parts.push({ key: 'f', kind: 'regex', source: schema.pattern })
  }
  const allowed = Array.isArray(schema.enum)
    ? schema.enum
    : schema.const !== undefined
      ? [schema.const]
      : undefined
  if (allowed) parts.push(value('e', allowed))
  // An object written inline (not a $ref'd model) is checked field by field as a model is.
  if (type === 'object') parts.push(...objectParts(schema, schemas, need, kind))
  if (type === 'array' && schema.items && typeof schema.items === 'object') {
    const items = schema.items as Schema
    const ref = objectRef(items, schemas)
    if (ref) {
      need(ref)
      parts.push({ key: 'i', kind: 'model', model: ref })
    } else {
      const item = valueRule(items, schemas, need, kind)
      if (item) parts.push({ key: 'i', kind: 'rule', rule: item })
    }
  }
  return [...parts, ...extra]
}
