import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import { objectRef, properties, requiredOf, resolve, typesOf } from '../schema-utils.ts'
import { key, printFile } from './source-file.ts'

/** Lenient response readers: coerce what the service is known to send loosely, keep unknown fields. */
export function emitCoreReaders(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('readers.gen.ts', '', { overwrite: true })
  const pending = ir.actions.map((a) => a.responseSchema)
  const done = new Set<string>()
  const bodies: string[] = []
  while (pending.length) {
    const name = pending.shift()!
    if (done.has(name)) continue
    done.add(name)
    bodies.push(readerFunction(name, ir.schemas, (ref) => pending.push(ref)))
  }
  file.addImportDeclaration({
    moduleSpecifier: '../read-fields.ts',
    namedImports: [
      'type Fields',
      'readArray',
      'readBoolean',
      'readFields',
      'readInteger',
      'readNumber',
      'readObject',
      'readString',
    ],
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './types.gen.ts',
    namedImports: [...done].sort(),
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName', 'ActionTypes'],
  })
  file.addStatements(bodies.join('\n\n'))
  file.addStatements(`/** Each action's response fields, as core's readResponse reads them. */
export const responseFields: { readonly [A in ActionName]: Fields } = {
${ir.actions.map((a) => `  ${a.name}: ${a.responseSchema}Fields,`).join('\n')}
}`)
  file.addStatements(`export const responseReaders: { readonly [A in ActionName]: (raw: unknown) => ActionTypes[A]['response'] } = {
${ir.actions.map((a) => `  ${a.name}: (raw) => read${a.responseSchema}(raw, ''),`).join('\n')}
}`)
  return printFile(file, ir.specName)
}

/** A model as data (each field's reader and presence) and a typed function reading it with readFields. */
function readerFunction(name: string, schemas: Record<string, Schema>, need: (ref: string) => void): string {
  const schema = resolve(schemas[name]!, schemas)
  const required = new Set(requiredOf(schema))
  const fields: string[] = []
  for (const [prop, raw] of properties(schema)) {
    const read = readerFor(raw, schemas, need)
    if (!read) continue
    // A required field whose type allows null must be present, but may be null.
    const presence = !required.has(prop)
      ? ''
      : typesOf(resolve(raw, schemas)).nullable
        ? `, 'present'`
        : `, 'required'`
    fields.push(`  ${key(prop)}: [${read}${presence}],`)
  }
  return `const ${name}Fields: Fields = {
${fields.join('\n')}
}
export function read${name}(value: unknown, path: string): ${name} {
  return readFields(value, path, ${name}Fields) as unknown as ${name}
}`
}

function readerFor(
  raw: Schema,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
): string | undefined {
  const ref = objectRef(raw, schemas)
  if (ref) {
    need(ref)
    return `read${ref}`
  }
  const schema = resolve(raw, schemas)
  const [type] = typesOf(schema).types
  if (type === 'array') {
    const item =
      schema.items && typeof schema.items === 'object'
        ? readerFor(schema.items as Schema, schemas, need)
        : undefined
    return `(v: unknown, p: string) => readArray(v, p, ${item ?? '(x: unknown) => x'})`
  }
  const scalar: Record<string, string> = {
    string: 'readString',
    integer: 'readInteger',
    number: 'readNumber',
    boolean: 'readBoolean',
    object: 'readObject',
  }
  return type ? scalar[type] : undefined
}
