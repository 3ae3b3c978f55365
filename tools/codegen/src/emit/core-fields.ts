import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import { properties, resolve, typesOf } from '../schema-utils.ts'
import { literal, printFile } from './source-file.ts'

// A schema that contains itself (a tree of filters, say) has field paths of any length; the query form of a
// real request is a few levels deep, so the table stops here rather than never.
const maxDepth = 8

/**
 * The kind of every request field, nested ones included: how the GET query form (`Filters.0.Values.1=x`) is
 * turned back into typed input. A nested field is named by its path, `[]` standing for a list's items
 * (`Filters[].Values`); a list of lists names its items' kind under `Name[]`.
 */
export function emitCoreFields(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('fields.gen.ts', '', { overwrite: true })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName'],
  })
  const table = Object.fromEntries(
    ir.actions.map((a) => {
      const fields: Record<string, string> = {}
      addProperties(resolve(ir.schemas[a.requestSchema]!, ir.schemas), '', fields, ir.schemas, 0)
      return [a.name, fields]
    }),
  )
  file.addStatements(`/**
 * Field kinds per action: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array', '[]' for lists.
 * Nested fields are named by path: \`Spec.Size\`, \`Filters[].Name\` (an item of a list), \`Grid[]\` (the kind of a
 * list of lists' items).
 */
export const requestFields: { readonly [A in ActionName]: Readonly<Record<string, string>> } = ${literal(table)}`)
  return printFile(file, ir.specName)
}

function addProperties(
  schema: Schema,
  prefix: string,
  fields: Record<string, string>,
  schemas: Record<string, Schema>,
  depth: number,
) {
  for (const [name, raw] of properties(schema))
    addField(resolve(raw, schemas), `${prefix}${name}`, fields, schemas, depth)
}

/** `path`'s kind, and those of the fields and items inside it. */
function addField(
  schema: Schema,
  path: string,
  fields: Record<string, string>,
  schemas: Record<string, Schema>,
  depth: number,
) {
  const [type = 'string'] = typesOf(schema).types
  if (type !== 'array') {
    fields[path] = type
    if (type === 'object' && depth < maxDepth) addProperties(schema, `${path}.`, fields, schemas, depth + 1)
    return
  }
  const items =
    schema.items && typeof schema.items === 'object' ? resolve(schema.items as Schema, schemas) : {}
  const [itemType = 'string'] = typesOf(items).types
  fields[path] = `${itemType}[]`
  if (depth >= maxDepth) return
  if (itemType === 'object') addProperties(items, `${path}[].`, fields, schemas, depth + 1)
  // A list of lists: its items are described under `path[]`, as a field of their own.
  if (itemType === 'array') addField(items, `${path}[]`, fields, schemas, depth + 1)
}
