import type { Project } from 'ts-morph'
import type * as TS from 'typescript'
import type { SpecIR } from '../ir.ts'
import type { Json } from '../load-spec.ts'
import { docText, printFile } from './source-file.ts'
import { openapiTypescript, tsMorph } from './toolchain.ts'

const { default: openapiTS, astToString } = openapiTypescript
const { ts } = tsMorph

/** openapi-typescript writes the type text; we add one named alias per schema so users import by model name. */
export async function emitCoreTypes(project: Project, ir: SpecIR): Promise<string> {
  const ast = await openapiTS(withJapanese(inNameOrder(ir.document)) as never, {
    alphabetize: false,
    silent: true,
    defaultNonNullable: false,
  })
  // The aliases are appended as text: one parse of the file, not one re-parse per inserted alias.
  const aliases = Object.keys(ir.schemas)
    .sort(byName)
    .map((name) => `export type ${name} = components['schemas']['${name}']\n`)
  const text = withoutExportedMaps(undefinedWhereOptional(astToString(ast)))
  const file = project.createSourceFile('types.gen.ts', `${text}\n${aliases.join('')}`, {
    overwrite: true,
  })
  return printFile(file, ir.specName)
}

/**
 * openapi-typescript's own maps (`paths`, `operations`, `components`, `webhooks`, `$defs`) stay in the file, where the
 * aliases read them, but are not exported: the public names are the models', so a change of openapi-typescript's
 * layout is not a change of core's API. They are top-level statements, the only ones starting a line with `export`.
 */
const withoutExportedMaps = (text: string): string =>
  text.replace(/^export (interface|type) (paths|operations|components|webhooks|\$defs)\b/gm, '$1 $2')

/**
 * Every optional field of a schema also admits `undefined` (`Limit?: number | undefined`), so a project compiled with
 * `exactOptionalPropertyTypes` can pass `Limit: options.limit`: the client sends an undefined field as absent, as
 * the mock reads it. The text is parsed once and the text cut once at the insertions, so the cost stays linear.
 */
function undefinedWhereOptional(text: string): string {
  const source = ts.createSourceFile('types.ts', text, ts.ScriptTarget.ES2022, false)
  const ends: number[] = []
  const visit = (node: TS.Node): void => {
    if (ts.isPropertySignature(node) && node.questionToken && node.type && !admitsUndefined(node.type))
      ends.push(node.type.getEnd())
    ts.forEachChild(node, visit)
  }
  const components = source.statements.find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === 'components',
  ) as TS.InterfaceDeclaration | undefined
  const schemas = components?.members.find((m) => m.name?.getText(source) === 'schemas')
  if (schemas) visit(schemas)
  const pieces: string[] = []
  let from = 0
  for (const end of ends.sort((a, b) => a - b)) {
    pieces.push(text.slice(from, end), ' | undefined')
    from = end
  }
  pieces.push(text.slice(from))
  return pieces.join('')
}

const admitsUndefined = (type: TS.TypeNode): boolean =>
  type.kind === ts.SyntaxKind.UndefinedKeyword ||
  type.kind === ts.SyntaxKind.AnyKeyword ||
  type.kind === ts.SyntaxKind.UnknownKeyword ||
  (ts.isUnionTypeNode(type) && type.types.some(admitsUndefined))

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

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const isMap = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const sortedMap = (v: Json): Json =>
  isMap(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byName(a, b))) : v

/** Paths and every components map in name order: openapi-typescript keeps document order, the output must not. */
function inNameOrder(doc: { [key: string]: Json }): { [key: string]: Json } {
  const out = { ...doc }
  if (isMap(doc.paths)) out.paths = sortedMap(doc.paths)
  if (isMap(doc.components))
    out.components = Object.fromEntries(Object.entries(doc.components).map(([k, v]) => [k, sortedMap(v)]))
  return out
}
