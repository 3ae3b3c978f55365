import type { Schema } from './ir.ts'
import type { Json } from './load-spec.ts'

export const isSchema = (v: Json | undefined): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const refTarget = (schema: Schema): string | undefined =>
  typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/schemas/')
    ? schema.$ref.slice(21)
    : undefined

/** A property schema with a `$ref` to a non-object schema, merged with its siblings (siblings win). */
export function resolve(schema: Schema, schemas: Record<string, Schema>, seen?: Set<string>): Schema {
  const target = refTarget(schema)
  // A loop of $refs (reported by check-refs) ends where it comes back.
  if (!target || !schemas[target] || seen?.has(target)) return schema
  const { $ref: _ref, ...siblings } = schema
  return { ...resolve(schemas[target], schemas, new Set(seen).add(target)), ...siblings }
}

/**
 * The non-null JSON types a schema allows, and whether it allows null: a `null` type, or `nullable: true` (OpenAPI
 * 3.0's spelling, allowed outside requests), so that readers, validators, examples and types agree on it.
 */
export function typesOf(schema: Schema): { types: string[]; nullable: boolean } {
  const raw = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : []
  const names = raw.filter((t): t is string => typeof t === 'string')
  return {
    types: names.filter((t) => t !== 'null'),
    nullable: names.includes('null') || schema.nullable === true,
  }
}

/** Is this a named object schema that deserves its own function? */
export function objectRef(schema: Schema, schemas: Record<string, Schema>): string | undefined {
  const target = refTarget(schema)
  return target && typesOf(schemas[target] ?? {}).types.includes('object') ? target : undefined
}

export const properties = (schema: Schema): [string, Schema][] =>
  isSchema(schema.properties)
    ? Object.entries(schema.properties).filter((e): e is [string, Schema] => isSchema(e[1]))
    : []

export const requiredOf = (schema: Schema): string[] =>
  Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []
