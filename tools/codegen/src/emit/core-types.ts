import openapiTS, { astToString } from 'openapi-typescript'
import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import type { Json } from '../load-spec.ts'
import { docText, printFile } from './source-file.ts'

/** openapi-typescript writes the type text; we add one named alias per schema so users import by model name. */
export async function emitCoreTypes(project: Project, ir: SpecIR): Promise<string> {
  const ast = await openapiTS(withJapanese(ir.document) as never, {
    alphabetize: false,
    silent: true,
    defaultNonNullable: false,
  })
  const file = project.createSourceFile('types.gen.ts', astToString(ast), { overwrite: true })
  for (const name of Object.keys(ir.schemas)) {
    file.addTypeAlias({ isExported: true, name, type: `components['schemas']['${name}']` })
  }
  return printFile(file, ir.specName)
}

/** Folds `x-description-ja` into `description`, so openapi-typescript carries both into the JSDoc. */
function withJapanese(node: Json): Json {
  if (Array.isArray(node)) return node.map(withJapanese)
  if (node === null || typeof node !== 'object') return node
  const out: { [key: string]: Json } = {}
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'examples' || k === 'example' ? v : withJapanese(v)
  const ja = node['x-description-ja']
  if (typeof ja === 'string')
    out.description = docText(typeof node.description === 'string' ? node.description : undefined, ja)
  return out
}
