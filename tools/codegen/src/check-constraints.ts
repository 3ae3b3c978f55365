import { checkInstance, flatten, pathText, type ValuePath, validTypes } from './check-instance.ts'
import { described } from './extension-types.ts'
import type { Schema } from './ir.ts'
import type { Json, Pointer } from './load-spec.ts'
import { appliesTo, boundPairs, counts, numbers, typeNames } from './schema-keywords.ts'
import type { Visit } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/**
 * A visitor for walkSpec that checks each schema (request, response, item, inline) for what would make it
 * contradict itself: a misspelled type name, a keyword that does not apply to its type, bounds that cross, and a
 * default, const, enum value or example the schema itself refuses (a `default: 200` above `maximum: 100` made
 * every paginate call fail). Each keyword is judged where it is written, against the schema it sits in merged with
 * what its `$ref` brings, so a keyword shared by many fields is reported once, at its own line.
 */
export function constraintChecker(schemas: Record<string, Schema>, fail: Fail): Visit {
  return (node, at, place) => {
    if (place !== 'schema' && place !== 'property') return
    if (!checkTypeNames(node, at, fail)) return
    const schema = flatten(node, schemas)
    const types = validTypes(schema)
    // Behind a misspelled type (reported where it is written), what applies to the type is unknown.
    const typed = types.length > 0 && types.length === (Array.isArray(schema.type) ? schema.type.length : 1)
    for (const key in node) {
      const applies = appliesTo[key]
      if (typed && applies && !types.some((t) => applies.includes(t)))
        fail(
          [...at, key],
          'keyword-type',
          `${key} does not apply to ${kinds(types)} (expected on ${kinds(applies)}: nothing enforces it on ${kinds(types)})`,
        )
      checkKeywordValue(key, node[key]!, [...at, key], fail)
    }
    for (const [lo, hi] of boundPairs) {
      const [low, high] = [schema[lo], schema[hi]]
      if (typeof low !== 'number' || typeof high !== 'number' || low <= high) continue
      if (!(lo in node) && !(hi in node)) continue
      fail(
        [...at, lo in node ? lo : hi],
        'constraint',
        `${lo} ${low} is above ${hi} ${high} (expected ${lo} <= ${hi}: no value could pass)`,
      )
    }
    checkValues(node, at, schemas, fail)
  }
}

const kinds = (types: readonly string[]) =>
  types.map((t) => (t === 'null' ? 'null' : `a${/^[aeiou]/.test(t) ? 'n' : ''} ${t}`)).join(' or ')

const tcDatetime = 'string with format tc-datetime, the service\'s "YYYY-MM-DD HH:mm:ss"'

/** Type names of other schema languages and programming languages, and the JSON Schema spelling meant. */
const otherTypeNames = new Map(
  Object.entries({
    int: 'integer (format int64 for a 64-bit one)',
    int32: 'integer with format int32',
    int64: 'integer with format int64',
    long: 'integer with format int64',
    float: 'number',
    double: 'number',
    decimal: 'number',
    bool: 'boolean',
    str: 'string',
    date: tcDatetime,
    datetime: tcDatetime,
    'date-time': tcDatetime,
    list: 'array',
    map: 'object',
    dict: 'object',
  }),
)

/** `type` is a type name or a list of them; false when it is not (the schema's type is then unknown). */
function checkTypeNames(node: Schema, at: Pointer, fail: Fail): boolean {
  if (!('type' in node)) return true
  const type = node.type!
  const list = Array.isArray(type) ? type : [type]
  if (list.length === 0) {
    fail([...at, 'type'], 'schema-type', `type is an empty list (expected one of ${typeNames.join(', ')})`)
    return false
  }
  let ok = true
  for (const [i, name] of list.entries()) {
    if (typeof name === 'string' && (typeNames as readonly string[]).includes(name)) continue
    ok = false
    const guess =
      typeof name === 'string'
        ? (otherTypeNames.get(name.toLowerCase()) ?? closest(name, typeNames))
        : undefined
    fail(
      Array.isArray(type) ? [...at, 'type', i] : [...at, 'type'],
      'schema-type',
      `type ${typeof name === 'string' ? name : described(name)} is not a JSON Schema type (${guess ? `did you mean ${guess}? ` : ''}expected one of ${typeNames.join(', ')})`,
    )
  }
  return ok
}

/** The value of a bound or a pattern has the type JSON Schema gives it: no value can be checked against "5". */
function checkKeywordValue(key: string, value: Json, at: Pointer, fail: Fail) {
  if (counts.has(key) && !(Number.isSafeInteger(value) && (value as number) >= 0))
    fail(at, 'constraint', `${key} is ${described(value)} (expected a non-negative integer)`)
  if (numbers.has(key) && !Number.isFinite(value))
    fail(at, 'constraint', `${key} is ${described(value)} (expected a number)`)
  if (key !== 'pattern') return
  if (typeof value !== 'string')
    return fail(at, 'pattern', `pattern is ${described(value)} (expected a regular expression as a string)`)
  try {
    new RegExp(value, 'u')
  } catch {
    fail(
      at,
      'pattern',
      `pattern ${value} is not a valid regular expression (expected one the u flag accepts)`,
    )
  }
}

// Each value the schema states about its own instances, the rule its errors carry, and the keywords of the schema
// it is not held to (an enum value is checked against the type and bounds, not against the enum).
const values: [key: string, rule: string, aside: ReadonlySet<string>][] = [
  ['default', 'default-value', new Set()],
  ['const', 'const-value', new Set(['const'])],
  ['enum', 'enum-value', new Set(['enum', 'const'])],
  ['examples', 'example-value', new Set()],
  ['example', 'example-value', new Set()],
]

function checkValues(node: Schema, at: Pointer, schemas: Record<string, Schema>, fail: Fail) {
  for (const [key, rule, skip] of values) {
    if (!(key in node)) continue
    const value = node[key]!
    // enum and examples are lists of values (a non-list enum is reported by checkEnum); the others one value.
    const listed = key === 'enum' || key === 'examples'
    if (listed && !Array.isArray(value)) continue
    const items: [Json, Pointer, string][] = listed
      ? (value as Json[]).map((v, i) => [v, [...at, key, i], `${key}[${i}]`])
      : [[value, [...at, key], key]]
    for (const [item, where, name] of items)
      checkInstance(
        item,
        node,
        schemas,
        (path: ValuePath, text: string) => fail([...where, ...path], rule, `${name}${suffix(path)} ${text}`),
        { skip },
      )
  }
}

const suffix = (path: ValuePath) =>
  path.length === 0 ? '' : typeof path[0] === 'number' ? pathText(path) : `.${pathText(path)}`
