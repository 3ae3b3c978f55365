/** The type names of JSON Schema: anything else in `type` was a typo that openapi-typescript turned into never. */
export const typeNames = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'] as const

const numeric = ['integer', 'number']

/**
 * The keywords a schema may use anywhere in the spec: what the generated code honours (openapi-typescript's
 * types, core's validators and lenient readers, the listed items' rules) and annotations that promise nothing to
 * enforce. Request schemas are held to fewer (`requestKeywords` in check-schemas.ts): `nullable` (OpenAPI 3.0's
 * spelling of a null type, which the types and the items' rules read) and `readOnly` (a `readonly` property in the
 * types) only outside them.
 */
export const supportedKeywords: ReadonlySet<string> = new Set([
  // structure and values: the types, the validators, the readers
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  '$ref',
  'format',
  'nullable',
  // bounds and patterns: the validators and the items' rules
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  // annotations
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
])

const oneSchema =
  "one schema: type: [T, 'null'] for a value that may be null, enum for a choice of values (the one anyOf is the 200 response's, of <Action>Envelope and ErrorEnvelope)"
const conditional =
  'one schema; a rule between two request fields is an x-tc-* keyword (x-tc-multiple-of, x-tc-not-before)'
const noIdentifiers = "nothing: a $ref names '#/components/schemas/Name' of this file"

/**
 * JSON Schema and OpenAPI keywords nothing generated honours, each with what to write instead: openapi-typescript
 * may type some of them (allOf, oneOf, prefixItems), but no validator or reader enforces or reads them, so a
 * constraint written with one would silently not hold. (A Map: an object with a `then` key would be a thenable.)
 */
export const unsupportedKeywords: ReadonlyMap<string, string> = new Map([
  ['allOf', 'one schema: the properties written together, or a $ref to one model'],
  ['anyOf', oneSchema],
  ['oneOf', oneSchema],
  ['not', 'what is allowed instead: enum, pattern, minimum/maximum'],
  ['if', conditional],
  ['then', conditional],
  ['else', conditional],
  ['dependentRequired', 'required, or a description of the rule'],
  ['dependentSchemas', 'required, or a description of the rule'],
  [
    'multipleOf',
    'a description saying so; x-tc-multiple-of: Field makes a request field a multiple of another field',
  ],
  ['exclusiveMinimum', 'minimum; for an integer, exclusiveMinimum: n is minimum: n + 1'],
  ['exclusiveMaximum', 'maximum; for an integer, exclusiveMaximum: n is maximum: n - 1'],
  ['uniqueItems', 'a description saying so: no generated code compares items'],
  ['prefixItems', 'items, one schema every item meets'],
  ['contains', 'items, one schema every item meets, and minItems/maxItems'],
  ['minContains', 'items, one schema every item meets, and minItems/maxItems'],
  ['maxContains', 'items, one schema every item meets, and minItems/maxItems'],
  ['unevaluatedItems', 'items'],
  ['minProperties', 'required, naming the properties that must be there'],
  ['maxProperties', 'properties with additionalProperties: false'],
  ['patternProperties', 'properties naming each field, or additionalProperties: <schema> for the others'],
  ['propertyNames', 'properties naming each field, with additionalProperties: false'],
  ['unevaluatedProperties', 'additionalProperties'],
  ['$defs', "the schema in components.schemas, named by $ref: '#/components/schemas/Name'"],
  ['$id', noIdentifiers],
  ['$anchor', noIdentifiers],
  ['$dynamicRef', noIdentifiers],
  ['$dynamicAnchor', noIdentifiers],
  ['$schema', "nothing: every schema is OpenAPI 3.1's dialect"],
  ['$vocabulary', "nothing: every schema is OpenAPI 3.1's dialect"],
  ['$comment', 'a YAML comment (# ...) or a description'],
  ['contentEncoding', 'a string with a pattern, and a description'],
  ['contentMediaType', 'a string with a pattern, and a description'],
  ['contentSchema', 'a string with a pattern, and a description'],
  ['discriminator', 'one schema (a discriminator only goes with oneOf or anyOf)'],
  ['xml', 'nothing: the API speaks JSON'],
  ['externalDocs', 'the link in a description'],
  ['writeOnly', "nothing: a request's fields are all written by the client, and a response's never are"],
])

/**
 * The JSON Schema keywords that constrain values of some types only. On a schema of another type they constrain
 * nothing: neither JSON Schema nor the generated validators (core's `lo`/`hi` read minLength on a string and
 * minimum on a number) enforce `minimum` on a string, so writing it there is a mistake. (Keywords nothing
 * generated honours on any type are unsupportedKeywords.)
 */
export const appliesTo: Record<string, readonly string[]> = {
  minLength: ['string'],
  maxLength: ['string'],
  pattern: ['string'],
  minimum: numeric,
  maximum: numeric,
  items: ['array'],
  minItems: ['array'],
  maxItems: ['array'],
  properties: ['object'],
  required: ['object'],
  additionalProperties: ['object'],
}

/** Lower and upper bounds that must not cross; each is a count or a number. */
export const boundPairs = [
  ['minimum', 'maximum'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
] as const

/** Bounds that count something (characters, items): non-negative integers. */
export const counts = new Set(['minLength', 'maxLength', 'minItems', 'maxItems'])
/** Bounds on a number. */
export const numbers = new Set(['minimum', 'maximum'])
