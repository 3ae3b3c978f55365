import type { Project } from 'ts-morph'
import type { Schema, SpecIR } from '../ir.ts'
import { modelRule, type RuleMode } from './rule-text.ts'
import { printFile } from './source-file.ts'

const requestMode: RuleMode = { kind: 'request', constName: (schema) => schema }
// A model an item reaches may also be a request model, whose rule is closed: the item's rules get names of their own.
const itemMode: RuleMode = { kind: 'item', constName: (schema) => `${schema}Listed` }

/**
 * The validators as data: one rule per request model (see `Rule` in core's validation.ts), read by core's one
 * hand-written checker, and one per model of a paginated action's items (what crs-mock's control plane takes as a
 * seed), read by validateModel. Every keyword check-schemas.ts accepts in a request is written into its rule.
 */
export function emitCoreValidators(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('validators.gen.ts', '', { overwrite: true })
  const requestModels = rules(
    ir.actions.map((a) => a.requestSchema),
    ir.schemas,
    requestMode,
  )
  const items = [...new Set(ir.actions.flatMap((a) => (a.pagination ? [a.pagination.itemSchema] : [])))]
  const itemModels = rules(items, ir.schemas, itemMode)
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../validation.ts',
    namedImports: ['Rule', 'ValidationIssue'],
  })
  file.addImportDeclaration({ moduleSpecifier: '../validation.ts', namedImports: ['validateWith'] })
  if (items.length)
    file.addImportDeclaration({ moduleSpecifier: '../validate-model.ts', namedImports: ['validateModel'] })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './actions.gen.ts',
    namedImports: ['ActionName'],
  })
  file.addStatements(requestModels.join('\n'))
  file.addStatements(
    ir.actions.map(
      (a) => `/** Checks a ${a.name} input against the spec; returns every problem, [] when valid. */
export function validate${a.requestSchema}(input: unknown): ValidationIssue[] {
  return validateWith(${a.requestSchema}, input)
}`,
    ),
  )
  file.addStatements(`/** Each action's request validator, as core's validateRequest calls it. */
export const requestValidators: { readonly [A in ActionName]: (input: unknown) => ValidationIssue[] } = {
${ir.actions.map((a) => `  ${a.name}: validate${a.requestSchema},`).join('\n')}
}`)
  if (items.length) {
    file.addStatements(itemModels.join('\n'))
    file.addStatements(
      items.map((name) => {
        const listedBy = ir.actions.filter((a) => a.pagination?.itemSchema === name).map((a) => a.name)
        return `/**
 * Checks a ${name} (an item ${listedBy.join(' and ')} lists) against the spec, as the service would send it:
 * fields the spec does not name are allowed; returns every problem, [] when valid.
 */
export function validate${name}(value: unknown): ValidationIssue[] {
  return validateModel(${itemMode.constName(name)}, value)
}`
      }),
    )
  }
  return printFile(file, ir.specName)
}

/** The rules of `roots` and of every model they reach, each model once. */
function rules(roots: string[], schemas: Record<string, Schema>, mode: RuleMode): string[] {
  const pending = [...roots]
  const done = new Set<string>()
  const out: string[] = []
  while (pending.length) {
    const name = pending.shift()!
    if (done.has(name)) continue
    done.add(name)
    out.push(
      `const ${mode.constName(name)}: Rule = ${modelRule(name, schemas, (ref) => pending.push(ref), mode)}`,
    )
  }
  return out
}
