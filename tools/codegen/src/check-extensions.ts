import { described, expected, type Field, type Fields, isOfType, type Type } from './extension-types.ts'
import type { Json, Pointer } from './load-spec.ts'
import type { JsonObject, Place, Visit } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

// Every x-tc-* keyword the generator reads, by the place it is read at. A key that is not here, a value of
// another type, or an unlisted key inside one of these objects fails the build: a misspelled optional keyword
// used to vanish without a word (`x-tc-paginaton` dropped the paginator, `refused: 'yes'` the retry).
const text: Type = { kind: 'string' }
const host: Type = {
  kind: 'string',
  pattern: /^[A-Za-z0-9{}-]+(\.[A-Za-z0-9{}-]+)+$/,
  expected: 'a host name such as redis.tencentcloudapi.com, without scheme, port or path',
}
const names: Type = { kind: 'list', of: text, unique: true }
const sibling: Type = { kind: 'string', expected: 'the name of a sibling property' }

function errorEntry(perAction: boolean): Type {
  // The client's retry sets (refusedErrorCodes, transientErrorCodes) are built from the common errors only.
  const flag = (meaning: string): Field =>
    perAction
      ? {
          type: { kind: 'boolean' },
          notReadHere:
            "on a per-action error (expected only in x-tc-service.commonErrors entries: the client's retry sets are built from them)",
        }
      : { type: { kind: 'boolean' }, meaning }
  return {
    kind: 'object',
    fields: {
      code: {
        type: {
          kind: 'string',
          pattern: /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/,
          expected: 'a code like ResourceNotFound.InstanceNotExists',
        },
        required: true,
        rule: 'error-code',
      },
      description: { type: text },
      'x-description-ja': { type: text },
      refused: flag('the service refused the call before running it, so any action may be retried'),
      transient: flag('a passing failure, so an idempotent action may be retried'),
    },
  }
}

const service: Type = {
  kind: 'object',
  fields: {
    name: { type: text, required: true },
    version: { type: text, required: true },
    signature: { type: { kind: 'literal', values: ['TC3-HMAC-SHA256'] } },
    maxClockSkewSeconds: { type: { kind: 'positive-integer' } },
    hosts: {
      type: {
        kind: 'object',
        fields: {
          default: { type: host, required: true },
          regional: { type: host, required: true },
          intl: { type: host, required: true },
        },
      },
      required: true,
    },
    regions: { type: names, required: true },
    financialRegions: {
      type: {
        kind: 'object',
        fields: {
          description: { type: text },
          'x-description-ja': { type: text },
          regions: { type: names, required: true },
        },
      },
      required: true,
    },
    commonErrors: { type: { kind: 'list', of: errorEntry(false) }, required: true, rule: 'errors' },
  },
}

const keywords: Partial<Record<Place, Fields>> = {
  root: { 'x-tc-service': { type: service, required: true, rule: 'service' } },
  operation: {
    'x-tc-idempotent': {
      type: { kind: 'boolean' },
      required: true,
      rule: 'idempotency',
      meaning: 'whether a call that may have reached the server can be re-sent',
    },
    'x-tc-rate-limit': {
      type: { kind: 'object', fields: { perSecond: { type: { kind: 'positive-integer' }, required: true } } },
      required: true,
      rule: 'rate-limit',
    },
    'x-tc-pagination': {
      type: {
        kind: 'object',
        fields: {
          limit: { type: text, required: true },
          offset: { type: text, required: true },
          total: { type: text, required: true },
          items: { type: text, required: true },
        },
      },
      rule: 'pagination',
    },
    'x-tc-errors': { type: { kind: 'list', of: errorEntry(true) }, rule: 'errors' },
  },
  property: {
    'x-tc-multiple-of': { type: sibling, rule: 'cross-field' },
    'x-tc-not-before': { type: sibling, rule: 'cross-field' },
    'x-tc-max-span-days': { type: { kind: 'positive-integer' }, rule: 'cross-field' },
    'x-tc-lenient': { type: { kind: 'literal', values: ['numeric-string'] }, rule: 'lenient' },
  },
}

const placeNames: Record<Place, string> = {
  root: 'the document root',
  operation: 'an operation',
  property: 'a schema property',
  schema: 'a schema that is not a property',
  'path-item': 'a path item',
  parameter: 'a parameter',
  'request-body': 'a request body',
  response: 'a response',
  'media-type': 'a media type',
  example: 'an example',
  header: 'a header',
  components: 'components',
  other: 'this object',
}

/** Where each keyword is read, to tell a keyword in the wrong place from a misspelled one. */
const homeOf = new Map<string, Place>()
for (const [place, fields] of Object.entries(keywords) as [Place, Fields][])
  for (const key of Object.keys(fields)) homeOf.set(key, place)

/** A visitor for walkSpec that checks every x-tc-* keyword of the document against the table above. */
export function extensionChecker(fail: Fail): Visit {
  return (node, at, place) => {
    const known = keywords[place]
    // Messages about an operation's keywords name the action: a spec has many operations.
    const prefix =
      place === 'operation' && typeof node.operationId === 'string' ? `${node.operationId}: ` : ''
    // Most objects carry no x-tc-* key at all: nothing is allocated for them.
    let suggested: Set<string> | undefined
    for (const key in node) {
      if (!key.startsWith('x-tc-')) continue
      const value = node[key]!
      const field = known?.[key]
      if (field) {
        checkValue(value, field.type, [...at, key], `${prefix}${key}`, field.rule ?? 'extension', fail)
        continue
      }
      const home = homeOf.get(key)
      const guess = closest(key, known ? Object.keys(known) : homeOf.keys())
      if (guess && known) {
        suggested ??= new Set()
        suggested.add(guess)
      }
      const where = placeNames[place]
      if (home)
        fail(
          [...at, key],
          'unknown-key',
          `${prefix}${key} is not read on ${where} (expected on ${placeNames[home]})`,
        )
      else if (known)
        fail(
          [...at, key],
          'unknown-key',
          `${prefix}${key} is not a keyword of ${where} (${guess ? `did you mean ${guess}? ` : ''}known here: ${Object.keys(known).join(', ')})`,
        )
      else
        fail(
          [...at, key],
          'unknown-key',
          `${key} is not read on ${where} (${guess ? `did you mean ${guess}? ` : ''}x-tc-* keywords are read on the document root, operations and schema properties)`,
        )
    }
    if (known) missing(node, known, at, prefix, suggested ?? new Set(), fail)
  }
}

function checkValue(value: Json, type: Type, at: Pointer, label: string, rule: string, fail: Fail): void {
  if (!isOfType(value, type)) {
    fail(at, rule, `${label} is ${described(value)} (expected ${expected(type)})`)
    return
  }
  if (type.kind === 'list') {
    const first = new Map<string, number>()
    for (const [i, item] of (value as Json[]).entries()) {
      checkValue(item, type.of, [...at, i], `${label}[${i}]`, rule, fail)
      if (!type.unique) continue
      const key = JSON.stringify(item)
      const seen = first.get(key)
      if (seen === undefined) first.set(key, i)
      else fail([...at, i], rule, `${label}[${i}] repeats ${key}, item [${seen}] (expected each value once)`)
    }
  }
  if (type.kind === 'object') checkFields(value as JsonObject, type.fields, at, label, rule, fail)
}

function checkFields(obj: JsonObject, fields: Fields, at: Pointer, label: string, rule: string, fail: Fail) {
  const readable = Object.keys(fields).filter((k) => !fields[k]!.notReadHere)
  const suggested = new Set<string>()
  for (const [key, value] of Object.entries(obj)) {
    const field = fields[key]
    if (field?.notReadHere)
      fail([...at, key], field.rule ?? rule, `${label}.${key} is not read ${field.notReadHere}`)
    else if (field) checkValue(value, field.type, [...at, key], `${label}.${key}`, field.rule ?? rule, fail)
    else {
      const guess = closest(key, readable)
      if (guess) suggested.add(guess)
      fail(
        [...at, key],
        'unknown-key',
        `${label} has an unknown key ${key} (${guess ? `did you mean ${guess}? ` : ''}expected ${expected({ kind: 'object', fields })})`,
      )
    }
  }
  missing(obj, fields, at, `${label}.`, suggested, fail, rule)
}

/** Required keys that are absent, except one a misspelled key was already reported as (one error per slip). */
function missing(
  obj: JsonObject,
  fields: Fields,
  at: Pointer,
  prefix: string,
  suggested: Set<string>,
  fail: Fail,
  rule = 'extension',
) {
  for (const [key, field] of Object.entries(fields)) {
    if (!field.required || key in obj || suggested.has(key)) continue
    const meaning = field.meaning ? `: ${field.meaning}` : ''
    fail(at, field.rule ?? rule, `${prefix}${key} is missing (expected ${expected(field.type)}${meaning})`)
  }
}
