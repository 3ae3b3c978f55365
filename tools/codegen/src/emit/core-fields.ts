import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import { properties, resolve, typesOf } from '../schema-utils.ts'
import { literal, printFile } from './source-file.ts'

/** The scalar kind of each top-level request field: how the GET query form is turned back into typed input. */
export function emitCoreFields(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('fields.gen.ts', '', { overwrite: true })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName'],
  })
  const table = Object.fromEntries(
    ir.actions.map((a) => {
      const schema = resolve(ir.schemas[a.requestSchema]!, ir.schemas)
      const fields = properties(schema).map(([name, raw]) => {
        const prop = resolve(raw, ir.schemas)
        const [type = 'string'] = typesOf(prop).types
        const item =
          type === 'array' && prop.items && typeof prop.items === 'object'
            ? resolve(prop.items as never, ir.schemas)
            : undefined
        return [name, item ? `${typesOf(item).types[0] ?? 'string'}[]` : type]
      })
      return [a.name, Object.fromEntries(fields)]
    }),
  )
  file.addStatements(`/** Field kinds per action: 'string' | 'integer' | 'number' | 'boolean' | 'object', '[]' for lists. */
export const requestFields: { readonly [A in ActionName]: Readonly<Record<string, string>> } = ${literal(table)}`)
  return printFile(file, ir.specName)
}
