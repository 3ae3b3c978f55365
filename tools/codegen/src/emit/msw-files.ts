import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import { docText, literal, printFile } from './source-file.ts'

/** The mock's contract: what the hand-written state machine must implement, one method per action. */
export function emitMswActions(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('actions.gen.ts', '', { overwrite: true })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '@crs-kit/core',
    namedImports: ir.actions.flatMap((a) => [a.requestSchema, a.responseSchema]).sort(),
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../call-context.ts',
    namedImports: ['CallContext'],
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../prepared-json.ts',
    namedImports: ['PreparedJson'],
  })
  file.addTypeAliases(
    ir.actions.map((a) => ({
      isExported: true,
      name: `${a.responseSchema}Body`,
      type: `Omit<${a.responseSchema}, 'RequestId'>`,
    })),
  )
  file.addInterface({
    isExported: true,
    name: 'ActionImplementations',
    docs: [
      [
        'The mock service: one method per action. Throw a MockApiError (or return) as the real service would.',
        'A method may return its result as JSON text already written (a PreparedJson), which is sent as it is.',
      ].join('\n'),
    ],
    methods: ir.actions.map((a) => ({
      name: a.name,
      docs: [docText(a.summary, a.descriptionJa)],
      parameters: [
        { name: 'input', type: a.requestSchema },
        { name: 'ctx', type: 'CallContext' },
      ],
      returnType: `${a.responseSchema}Body | PreparedJson<${a.responseSchema}Body>`,
    })),
  })
  file.addStatements(`export const implementedActions = ${literal(ir.actions.map((a) => a.name))} as const`)
  return printFile(file, ir.specName)
}

/** The seed samples (with the spec's corrections) as the mock's starting data. */
export function emitMswFixtures(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('fixtures.gen.ts', '', { overwrite: true })
  const paged = ir.actions.find((a) => a.pagination)
  const itemSchema = paged?.pagination?.itemSchema
  // ts-morph cannot print an import with no names: a spec without a paginated action imports nothing.
  if (itemSchema)
    file.addImportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: '@crs-kit/core',
      namedImports: [itemSchema],
    })
  const examples = Object.fromEntries(
    ir.actions.map((a) => [a.name, { request: a.requestExample, response: a.responseExample }]),
  )
  file.addStatements(`/** Each action's example request and response from the spec. */
export const examples = ${literal(examples)} as const`)
  // The seed instance is the one whose backups the paged sample lists: another action's example naming another
  // instance (a new action sorted before it, say) must not move the mock's seed data to an instance without them.
  const instanceOf = (a: (typeof ir.actions)[number] | undefined) =>
    (a?.requestExample as { InstanceId?: unknown } | undefined)?.InstanceId
  const instance = [paged, ...ir.actions].map(instanceOf).find((v) => typeof v === 'string')
  file.addStatements(`/** The instance of the seed samples. */
export const seedInstanceId = ${literal(instance ?? '')}`)
  if (paged?.pagination && itemSchema) {
    const items =
      (paged.responseExample as Record<string, unknown> | undefined)?.[paged.pagination.items] ?? []
    file.addStatements(`/** The ${itemSchema} list of the ${paged.name} seed sample. */
export const seedBackups: readonly ${itemSchema}[] = ${literal(items)}`)
  }
  return printFile(file, ir.specName)
}
