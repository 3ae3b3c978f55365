import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import type { Json } from '../load-spec.ts'
import { printFile } from './source-file.ts'

/**
 * The models and error codes an app needs beside the client's methods, re-exported from core: an app that
 * depends on the client alone (pnpm gives it no access to core) still names the types of every action,
 * including one the spec adds later.
 */
export function emitClientModels(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('models.gen.ts', '', { overwrite: true })
  const names = new Set<string>(['CommonErrorCode'])
  for (const a of ir.actions) {
    names.add(`${a.name}ErrorCode`)
    for (const schema of [a.requestSchema, a.responseSchema]) addWithReferences(schema, ir.schemas, names)
  }
  file.addExportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '@crs-kit/core',
    namedExports: [...names].sort(),
  })
  return printFile(file, ir.specName)
}

/** `name` and every component schema it reaches through `$ref`, at any depth. */
function addWithReferences(name: string, schemas: Record<string, Schema>, into: Set<string>) {
  if (into.has(name) || !schemas[name]) return
  into.add(name)
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'examples' || key === 'example') continue
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/'))
          addWithReferences(value.slice('#/components/schemas/'.length), schemas, into)
        else visit(value)
      }
  }
  visit(schemas[name] as Json)
}
