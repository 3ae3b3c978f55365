import { constraintChecker } from './check-constraints.ts'
import { keywordChecker } from './check-keywords.ts'
import { described } from './extension-types.ts'
import type { ActionIR, Schema } from './ir.ts'
import type { Json, Pointer } from './load-spec.ts'
import { isSchema, properties, refTarget, resolve, typesOf } from './schema-utils.ts'
import { type JsonObject, walkSpec } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

// The keywords a response may carry but a request may not, with what to write instead: the request validators
// implement every other supported keyword, and a keyword nothing generated honours is refused everywhere by
// check-keywords, so a constraint written in a request schema is never silently left unchecked.
const requestOnly: Record<string, string> = {
  nullable: "type: [T, 'null']",
  readOnly: 'the field left out of the request schema: the client sends whatever it is given',
}
const scalarTypes = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'])

const crossField = ['x-tc-multiple-of', 'x-tc-not-before', 'x-tc-max-span-days']

/**
 * The request schemas against what the validators implement, then every schema of the document (request,
 * response, item, inline) for what holds everywhere: `required` names properties, an enum lists a value once,
 * and the cross-field keywords sit where a validator enforces them (patterns, bounds and values: check-constraints).
 * (Every $ref was checked before.)
 */
export function checkSchemas(
  doc: JsonObject,
  schemas: Record<string, Schema>,
  actions: ActionIR[],
  fail: Fail,
) {
  const seen = new Set<string>()
  for (const action of actions) {
    const schema = schemas[action.requestSchema]
    if (schema)
      checkRequestSchema(schema, ['components', 'schemas', action.requestSchema], schemas, fail, seen)
  }
  const enforced = requestProperties(schemas, actions)
  const checkConstraints = constraintChecker(schemas, fail)
  const checkKeywords = keywordChecker(fail)
  walkSpec(doc, (node, at, place) => {
    checkKeywords(node, at, place)
    checkConstraints(node, at, place)
    if (place !== 'schema' && place !== 'property') return
    checkRequired(node, at, schemas, fail)
    checkEnum(node, at, fail)
    // Core's readers take a numeric string for an integer only: on another type the keyword would read as a promise
    // the generated code does not keep.
    const lenientKind = 'x-tc-lenient' in node ? kindOf(node, schemas) : 'integer'
    if (lenientKind !== undefined && lenientKind !== 'integer')
      fail(
        [...at, 'x-tc-lenient'],
        'lenient',
        `x-tc-lenient reads a numeric string as an integer; this property is ${lenientKind} (expected type integer)`,
      )
    if (place === 'property' && !enforced.has(node))
      for (const key of crossField)
        if (key in node)
          fail(
            [...at, key],
            'cross-field',
            `${key} is not enforced here (expected on a property of a schema an action's request reaches: validators are generated for requests only)`,
          )
  })
}

function checkRequired(node: Schema, at: Pointer, schemas: Record<string, Schema>, fail: Fail) {
  if (!('required' in node)) return
  const where = [...at, 'required']
  const required = node.required
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string'))
    return fail(
      where,
      'required-exists',
      `required is ${described(required ?? null)} (expected a list of property names)`,
    )
  // A $ref beside `required` brings the properties of the schema it names.
  const props = new Map(properties(resolve(node, schemas)))
  const names = [...props.keys()]
  const listed = new Set<string>()
  for (const name of required) {
    if (listed.has(name))
      fail(where, 'required-exists', `required lists ${name} twice (expected each property once)`)
    listed.add(name)
    const prop = props.get(name)
    if (prop) {
      checkRequiredDefault(name, prop, where, schemas, fail)
      continue
    }
    const guess = closest(name, names)
    fail(
      where,
      'required-exists',
      `required names ${name}, which is not a property (${guess ? `did you mean ${guess}? ` : ''}expected one of ${names.join(', ') || 'its properties, and it has none'})`,
    )
  }
}

/**
 * A default applies only when a field is absent, and a required field never is: the default would document a value
 * no call ever gets (and a page size the paginator would use while every call must send its own).
 */
function checkRequiredDefault(
  name: string,
  prop: Schema,
  where: Pointer,
  schemas: Record<string, Schema>,
  fail: Fail,
) {
  const fallback = resolve(prop, schemas).default
  if (fallback === undefined) return
  fail(
    where,
    'required-default',
    `required lists ${name}, which has a default (${JSON.stringify(fallback)}) that can never apply (expected one or the other: take ${name} out of required, or drop its default)`,
  )
}

function checkEnum(node: Schema, at: Pointer, fail: Fail) {
  if (!('enum' in node)) return
  const values = node.enum
  if (!Array.isArray(values) || values.length === 0)
    return fail(
      [...at, 'enum'],
      'enum',
      `enum is ${described(values ?? null)} (expected a non-empty list of values)`,
    )
  const listed = new Set<string>()
  for (const value of values) {
    const key = JSON.stringify(value)
    if (listed.has(key)) fail([...at, 'enum'], 'enum', `enum lists ${key} twice (expected each value once)`)
    listed.add(key)
  }
}

/** Every property schema object a request's validator reads, found by following the request schemas. */
function requestProperties(schemas: Record<string, Schema>, actions: ActionIR[]): Set<Schema> {
  const found = new Set<Schema>()
  const visited = new Set<Schema>()
  const pending: Json[] = actions.flatMap((a) => schemas[a.requestSchema] ?? [])
  while (pending.length > 0) {
    const node = pending.pop()!
    if (Array.isArray(node)) pending.push(...node)
    if (!isSchema(node) || visited.has(node)) continue
    visited.add(node)
    const target = refTarget(node)
    if (target && schemas[target]) pending.push(schemas[target])
    for (const [, prop] of properties(node)) {
      found.add(prop)
      pending.push(prop)
    }
    for (const key of ['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems'])
      if (node[key] !== undefined) pending.push(node[key])
  }
  return found
}

function checkRequestSchema(
  raw: Schema,
  at: Pointer,
  schemas: Record<string, Schema>,
  fail: Fail,
  seen: Set<string>,
) {
  const target = refTarget(raw)
  // A $ref that does not resolve is reported once, by walkRefs; its missing type is not another problem.
  if (typeof raw.$ref === 'string' && !(target && schemas[target])) return
  if (target) {
    if (seen.has(target) && typesOf(schemas[target] ?? {}).types.includes('object')) return
    seen.add(target)
  }
  const schema = resolve(raw, schemas)
  const where = (key: string) => written(raw, at, key, schemas)
  for (const key of Object.keys(schema)) {
    if (Object.hasOwn(requestOnly, key))
      fail(
        where(key),
        'request-keyword',
        `request schemas cannot use "${key}": the generated validators would not enforce it (expected ${requestOnly[key]})`,
      )
  }
  // A misspelled type name is reported by check-constraints, with a did-you-mean; the count is checked here.
  const typeNames = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  if (typeNames.some((t) => typeof t !== 'string' || !scalarTypes.has(t))) return
  const { types, nullable } = typesOf(schema)
  if (types.length !== 1) {
    const got = types.length === 0 ? (nullable ? 'type null' : 'no type') : `type [${types.join(', ')}]`
    return fail(
      where('type'),
      'request-type',
      `each request schema needs exactly one type (plus "null" at most); got ${got} (expected one of ${[...scalarTypes].filter((t) => t !== 'null').join(', ')}, optionally with null)`,
    )
  }
  // Enum, const and default values against the type, and the pattern, are checked in every schema by
  // check-constraints.
  if (types[0] === 'array') {
    if (!isSchema(schema.items)) return fail(where('type'), 'array-items', 'an array needs items')
    checkRequestSchema(schema.items, where('items'), schemas, fail, seen)
  }
  if (types[0] === 'object') {
    const props = properties(schema)
    const names = props.map(([n]) => n)
    // The keywords' types were checked with every x-tc-* keyword; what needs the schema is checked here.
    for (const [name, prop] of props) {
      const pat: Pointer = [...where('properties'), name]
      for (const rule of ['x-tc-multiple-of', 'x-tc-not-before']) {
        const other = prop[rule]
        if (typeof other !== 'string') continue
        if (other === name || !names.includes(other)) {
          const guess = closest(other, names)
          fail(
            [...pat, rule],
            'cross-field',
            `${rule} names ${other}, which is not a sibling property (${guess ? `did you mean ${guess}? ` : ''}expected another property of the same schema)`,
          )
          continue
        }
        // The validator compares integers (multiple-of) or tc-datetime times (not-before) and skips anything
        // else without a word: a rule between other kinds of field would never be enforced.
        const kind = rule === 'x-tc-multiple-of' ? 'integer' : 'tc-datetime'
        const sides = [prop, props.find(([n]) => n === other)![1]].map((p) => kindOf(p, schemas))
        if (sides.every((k) => k !== undefined) && sides.some((k) => k !== kind))
          fail(
            [...pat, rule],
            'cross-field',
            `${rule} relates ${name} (${sides[0]}) to ${other} (${sides[1]}) (expected two ${kind === 'integer' ? 'integer properties' : 'string properties of format tc-datetime'})`,
          )
      }
      if ('x-tc-max-span-days' in prop && !('x-tc-not-before' in prop))
        fail(
          [...pat, 'x-tc-max-span-days'],
          'cross-field',
          'x-tc-max-span-days has no x-tc-not-before beside it (expected one, naming the property the span starts at)',
        )
      checkRequestSchema(prop, pat, schemas, fail, seen)
    }
  }
}

/**
 * What a cross-field rule sees in a property: `integer`, `tc-datetime`, or its type as written; undefined behind
 * a $ref that does not resolve (reported as such already).
 */
function kindOf(prop: Schema, schemas: Record<string, Schema>): string | undefined {
  const schema = resolve(prop, schemas)
  if (typeof schema.$ref === 'string') return undefined
  const [type] = typesOf(schema).types
  if (type === 'string' && schema.format === 'tc-datetime') return 'tc-datetime'
  return type ?? 'no type'
}

/**
 * Where `key` of a possibly $ref'd schema is written: beside the $ref (siblings win, as in resolve) or in the
 * schema it points to, so an error names the line of the keyword and not the line of every reference to it.
 */
function written(raw: Schema, at: Pointer, key: string, schemas: Record<string, Schema>): Pointer {
  let node = raw
  let pointer = at
  const visited = new Set<string>()
  while (!(key in node)) {
    const target = refTarget(node)
    if (!target || !schemas[target] || visited.has(target)) break
    visited.add(target)
    node = schemas[target]
    pointer = ['components', 'schemas', target]
  }
  return [...pointer, key]
}
