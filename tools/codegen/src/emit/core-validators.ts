import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import { objectRef, properties, requiredOf, resolve, typesOf } from '../schema-utils.ts'
import { literal, printFile, quote } from './source-file.ts'

/**
 * Straight-line validators, one function per request model, calling the small checks in core's validation.ts.
 * Every keyword check-schemas.ts accepts is enforced here; nothing else reaches this emitter.
 */
export function emitCoreValidators(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('validators.gen.ts', '', { overwrite: true })
  const used = new Set<string>()
  const pending = ir.actions.map((a) => a.requestSchema)
  const done = new Set<string>()
  const bodies: string[] = []
  const constants: string[] = []
  while (pending.length) {
    const name = pending.shift()!
    if (done.has(name)) continue
    done.add(name)
    bodies.push(objectFunction(name, ir.schemas, used, (ref) => pending.push(ref), constants))
  }
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../validation.ts',
    namedImports: ['ValidationIssue'],
  })
  file.addImportDeclaration({ moduleSpecifier: '../validation.ts', namedImports: [...used].sort() })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName'],
  })
  file.addStatements(constants.join('\n'))
  file.addStatements(bodies.join('\n\n'))
  file.addStatements(
    ir.actions.map(
      (a) => `/** Checks a ${a.name} input against the spec; returns every problem, [] when valid. */
export function validate${a.requestSchema}(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  check${a.requestSchema}(issues, '', input)
  return issues
}`,
    ),
  )
  file.addStatements(`export const requestValidators: { readonly [A in ActionName]: (input: unknown) => ValidationIssue[] } = {
${ir.actions.map((a) => `  ${a.name}: validate${a.requestSchema},`).join('\n')}
}`)
  return printFile(file, ir.specName)
}

function objectFunction(
  name: string,
  schemas: Record<string, Schema>,
  used: Set<string>,
  need: (ref: string) => void,
  constants: string[],
): string {
  const schema = resolve(schemas[name]!, schemas)
  const props = properties(schema)
  const required = new Set(requiredOf(schema))
  const lines: string[] = []
  used.add('checkObject').add('joinPath')
  lines.push(`if (!checkObject(issues, path, value)) return`)
  if (schema.additionalProperties === false) {
    used.add('checkKnownKeys')
    lines.push(`checkKnownKeys(issues, path, value, ${name}Keys)`)
    constants.push(`const ${name}Keys: ReadonlySet<string> = new Set(${literal(props.map(([n]) => n))})`)
  }
  for (const [prop, raw] of props) {
    const at = `joinPath(path, ${quote(prop)})`
    const v = `value[${quote(prop)}]`
    const check = valueCheck(raw, v, at, schemas, used, need, 1)
    if (required.has(prop)) {
      used.add('checkRequired')
      lines.push(`if (checkRequired(issues, ${at}, ${v})) {\n${check}\n}`)
    } else {
      lines.push(`if (${v} != null) {\n${check}\n}`)
    }
  }
  for (const [prop, raw] of props) {
    const multiple = raw['x-tc-multiple-of']
    if (typeof multiple === 'string') {
      used.add('checkMultipleOf')
      const fallback = resolve(props.find(([n]) => n === multiple)![1], schemas).default
      lines.push(`const ${prop}Value = value[${quote(prop)}]
if (typeof ${prop}Value === 'number' && Number.isSafeInteger(${prop}Value)) checkMultipleOf(issues, joinPath(path, ${quote(prop)}), ${prop}Value, value[${quote(multiple)}] ?? ${fallback ?? 'undefined'}, ${quote(multiple)})`)
    }
    const before = raw['x-tc-not-before']
    if (typeof before === 'string') {
      used.add('checkNotBefore')
      lines.push(`const ${prop}Text = value[${quote(prop)}]
if (typeof ${prop}Text === 'string') checkNotBefore(issues, joinPath(path, ${quote(prop)}), ${prop}Text, value[${quote(before)}], ${quote(before)})`)
    }
  }
  return `function check${name}(issues: ValidationIssue[], path: string, value: unknown): void {\n${lines.join('\n')}\n}`
}

function valueCheck(
  raw: Schema,
  v: string,
  at: string,
  schemas: Record<string, Schema>,
  used: Set<string>,
  need: (ref: string) => void,
  depth: number,
): string {
  const ref = objectRef(raw, schemas)
  if (ref) {
    need(ref)
    return `check${ref}(issues, ${at}, ${v})`
  }
  const schema = resolve(raw, schemas)
  const { types, nullable } = typesOf(schema)
  const type = types[0]!
  const inner: string[] = []
  const guard = {
    string: 'checkString',
    integer: 'checkInteger',
    number: 'checkNumber',
    boolean: 'checkBoolean',
    array: 'checkArray',
    object: 'checkObject',
  }[type]!
  used.add(guard)
  const value = depth === 1 ? `${v}` : v
  if (type === 'string') {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      used.add('checkLength')
      inner.push(
        `checkLength(issues, ${at}, ${value}, ${schema.minLength ?? 'undefined'}, ${schema.maxLength ?? 'undefined'})`,
      )
    }
    if (typeof schema.format === 'string' || typeof schema.pattern === 'string') {
      used.add('checkFormat')
      // tc-datetime is checked as a real calendar time, which its pattern (for other tools) only approximates.
      const pattern =
        typeof schema.pattern === 'string' && schema.format !== 'tc-datetime'
          ? `, /${regexBody(schema.pattern)}/u`
          : ''
      inner.push(
        `checkFormat(issues, ${at}, ${value}, ${quote(typeof schema.format === 'string' ? schema.format : 'pattern')}${pattern})`,
      )
    }
  }
  if (type === 'integer' || type === 'number') {
    if (schema.minimum !== undefined || schema.maximum !== undefined) {
      used.add('checkRange')
      inner.push(
        `checkRange(issues, ${at}, ${value}, ${schema.minimum ?? 'undefined'}, ${schema.maximum ?? 'undefined'})`,
      )
    }
  }
  const allowed = Array.isArray(schema.enum)
    ? schema.enum
    : schema.const !== undefined
      ? [schema.const]
      : undefined
  if (allowed) {
    used.add('checkEnum')
    inner.push(`checkEnum(issues, ${at}, ${value}, ${literal(allowed)})`)
  }
  if (type === 'array' && (schema.minItems !== undefined || schema.maxItems !== undefined)) {
    used.add('checkItemCount')
    inner.push(
      `checkItemCount(issues, ${at}, ${value}, ${schema.minItems ?? 'undefined'}, ${schema.maxItems ?? 'undefined'})`,
    )
  }
  if (type === 'array' && schema.items && typeof schema.items === 'object') {
    const item = `item${depth}`
    const index = `i${depth}`
    inner.push(`${value}.forEach((${item}: unknown, ${index}: number) => {
${valueCheck(schema.items as Schema, item, `joinPath(${at}, ${index})`, schemas, used, need, depth + 1)}
})`)
  }
  const body = `if (${guard}(issues, ${at}, ${value})) {\n${inner.join('\n')}\n}`
  const checked = inner.length ? body : `${guard}(issues, ${at}, ${value})`
  return nullable ? `if (${value} !== null) {\n${checked}\n}` : checked
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
