import type { Json } from './load-spec.ts'

/**
 * The value types of x-tc-* keywords, as data: one checker reads them all, so an optional key is checked as
 * strictly as a required one, and every object rejects keys it does not list.
 */
export type Type =
  | { kind: 'boolean' }
  | { kind: 'positive-integer' }
  | { kind: 'string'; pattern?: RegExp; expected?: string }
  | { kind: 'literal'; values: readonly string[] }
  | { kind: 'list'; of: Type; unique?: boolean }
  | { kind: 'object'; fields: Fields }

export interface Field {
  type: Type
  required?: boolean
  /** The rule its errors carry; by default its parent's. */
  rule?: string
  /** A key the generator knows but does not read at this place: using it is an error saying why. */
  notReadHere?: string
  /** What it means, for the error that says it is missing. */
  meaning?: string
}

export type Fields = Record<string, Field>

/** What a value of `type` should be, for the parenthesis of an error. */
export function expected(type: Type): string {
  switch (type.kind) {
    case 'boolean':
      return 'true or false'
    case 'positive-integer':
      return 'a positive integer'
    case 'string':
      return type.expected ?? 'a string'
    case 'literal':
      return type.values.map((v) => JSON.stringify(v)).join(' or ')
    case 'list':
      return `a list of ${plural(expected(type.of))}${type.unique ? ', each once' : ''}`
    case 'object': {
      const keys = Object.entries(type.fields)
        .filter(([, f]) => !f.notReadHere)
        .map(([k, f]) => (f.required ? k : `${k}?`))
      return `a mapping { ${keys.join(', ')} }`
    }
  }
}

const plural = (text: string) =>
  text.startsWith('a mapping ')
    ? `mappings ${text.slice(10)}`
    : text.replace(/^an? (\w+)/, (_, noun: string) => `${noun}s`)

/** Whether `value` is of `type` at its own level (the fields of an object and the items of a list aside). */
export function isOfType(value: Json, type: Type): boolean {
  switch (type.kind) {
    case 'boolean':
      return typeof value === 'boolean'
    case 'positive-integer':
      return Number.isSafeInteger(value) && (value as number) > 0
    case 'string':
      return typeof value === 'string' && (!type.pattern || type.pattern.test(value))
    case 'literal':
      return typeof value === 'string' && type.values.includes(value)
    case 'list':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
}

/** The value as an error names it: `the string "yes"`, `the number 0`, `a list`. */
export function described(value: Json): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`
  if (typeof value === 'number') return `the number ${value}`
  return String(value)
}
