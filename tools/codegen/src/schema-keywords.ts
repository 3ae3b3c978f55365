/** The type names of JSON Schema: anything else in `type` was a typo that openapi-typescript turned into never. */
export const typeNames = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'] as const

const numeric = ['integer', 'number']

/**
 * The JSON Schema keywords that constrain values of some types only. On a schema of another type they constrain
 * nothing: neither JSON Schema nor the generated validators (core's `lo`/`hi` read minLength on a string and
 * minimum on a number) enforce `minimum` on a string, so writing it there is a mistake.
 */
export const appliesTo: Record<string, readonly string[]> = {
  minLength: ['string'],
  maxLength: ['string'],
  pattern: ['string'],
  minimum: numeric,
  maximum: numeric,
  exclusiveMinimum: numeric,
  exclusiveMaximum: numeric,
  multipleOf: numeric,
  items: ['array'],
  prefixItems: ['array'],
  minItems: ['array'],
  maxItems: ['array'],
  uniqueItems: ['array'],
  contains: ['array'],
  minContains: ['array'],
  maxContains: ['array'],
  properties: ['object'],
  required: ['object'],
  additionalProperties: ['object'],
  patternProperties: ['object'],
  propertyNames: ['object'],
  minProperties: ['object'],
  maxProperties: ['object'],
  dependentRequired: ['object'],
  dependentSchemas: ['object'],
}

/** Lower and upper bounds that must not cross; each is a count or a number. */
export const boundPairs = [
  ['minimum', 'maximum'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minProperties', 'maxProperties'],
] as const

/** Bounds that count something (characters, items, properties): non-negative integers. */
export const counts = new Set([
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
])
/** Bounds on a number. */
export const numbers = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'])
