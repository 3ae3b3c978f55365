import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import { objectRef, properties, requiredOf, resolve, typesOf } from '../schema-utils.ts'
import { key, literal, printFile, quote } from './source-file.ts'

/**
 * The request validators as data: one rule per request model (see `Rule` in core's validation.ts), read by
 * core's one hand-written checker. Every keyword check-schemas.ts accepts is written into a rule; nothing else
 * reaches this emitter.
 */
export function emitCoreValidators(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('validators.gen.ts', '', { overwrite: true })
  const pending = ir.actions.map((a) => a.requestSchema)
  const done = new Set<string>()
  const models: string[] = []
  while (pending.length) {
    const name = pending.shift()!
    if (done.has(name)) continue
    done.add(name)
    models.push(`const ${name}: Rule = ${modelRule(name, ir.schemas, (ref) => pending.push(ref))}`)
  }
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../validation.ts',
    namedImports: ['Rule', 'ValidationIssue'],
  })
  file.addImportDeclaration({ moduleSpecifier: '../validation.ts', namedImports: ['validateWith'] })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName'],
  })
  file.addStatements(models.join('\n'))
  file.addStatements(
    ir.actions.map(
      (a) => `/** Checks a ${a.name} input against the spec; returns every problem, [] when valid. */
export function validate${a.requestSchema}(input: unknown): ValidationIssue[] {
  return validateWith(${a.requestSchema}, input)
}`,
    ),
  )
  file.addStatements(`/** Each action's request rule, as core's validateRequest reads it. */
export const requestRules: { readonly [A in ActionName]: Rule } = {
${ir.actions.map((a) => `  ${a.name}: ${a.requestSchema},`).join('\n')}
}`)
  file.addStatements(`export const requestValidators: { readonly [A in ActionName]: (input: unknown) => ValidationIssue[] } = {
${ir.actions.map((a) => `  ${a.name}: validate${a.requestSchema},`).join('\n')}
}`)
  return printFile(file, ir.specName)
}

/** A model's rule: its properties (a $ref'd model through a getter, so order and cycles do not matter). */
function modelRule(name: string, schemas: Record<string, Schema>, need: (ref: string) => void): string {
  return `{ ${["t: 'object'", ...objectParts(resolve(schemas[name]!, schemas), schemas, need)].join(', ')} }`
}

/** An object's required fields, closedness and field rules, for a model and an object written inline alike. */
function objectParts(schema: Schema, schemas: Record<string, Schema>, need: (ref: string) => void): string[] {
  const props = properties(schema)
  const required = requiredOf(schema)
  const fields = props.map(([prop, raw]) => {
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
      return `get ${key(prop)}() { return ${ref} }`
    }
    return `${key(prop)}: ${valueRule(raw, schemas, need, cross)}`
  })
  const parts: string[] = []
  if (required.length) parts.push(`r: ${literal(required)}`)
  if (schema.additionalProperties === false) parts.push('c: 1')
  parts.push(`p: {\n${fields.map((f) => `  ${f},`).join('\n')}\n}`)
  return parts
}

function valueRule(
  raw: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  extra: string[] = [],
): string {
  const schema = resolve(raw, schemas)
  const { types, nullable } = typesOf(schema)
  const type = types[0]!
  const parts = [`t: ${quote(type)}`]
  if (nullable) parts.push('n: 1')
  const [lo, hi] =
    type === 'string'
      ? [schema.minLength, schema.maxLength]
      : type === 'array'
        ? [schema.minItems, schema.maxItems]
        : type === 'integer' || type === 'number'
          ? [schema.minimum, schema.maximum]
          : []
  if (lo !== undefined) parts.push(`lo: ${lo}`)
  if (hi !== undefined) parts.push(`hi: ${hi}`)
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
  if (type === 'object') parts.push(...objectParts(schema, schemas, need))
  if (type === 'array' && schema.items && typeof schema.items === 'object') {
    const items = schema.items as Schema
    const ref = objectRef(items, schemas)
    if (ref) need(ref)
    // A model through a getter: it may be declared further down.
    parts.push(ref ? `get i() { return ${ref} }` : `i: ${valueRule(items, schemas, need)}`)
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
