import { buildIr } from './build-ir.ts'
import { emitClientMethods } from './emit/client-methods.ts'
import { emitClientModels } from './emit/client-models.ts'
import { emitCoreActions } from './emit/core-actions.ts'
import { emitCoreFields } from './emit/core-fields.ts'
import { emitCoreReaders } from './emit/core-readers.ts'
import { emitCoreErrors, emitCoreService } from './emit/core-service.ts'
import { emitCoreTypes } from './emit/core-types.ts'
import { emitCoreValidators } from './emit/core-validators.ts'
import { emitMswActions, emitMswFixtures } from './emit/msw-files.ts'
import { createProject } from './emit/source-file.ts'
import { loadSpec } from './load-spec.ts'

/** The folders the generator owns: every `*.gen.ts` in them is ours, and nothing else may live there. */
export const generatedDirs = [
  'packages/core/src/generated',
  'packages/client/src/generated',
  'packages/msw/src/generated',
]

/**
 * The whole generator as a pure function: spec text in, every generated file (path relative to the output
 * root -> text) out. Throws SpecErrors, naming file, line and rule, before producing anything.
 */
export async function generate(specText: string, specName: string): Promise<Map<string, string>> {
  const ir = buildIr(loadSpec(specText, specName), specName)
  const project = createProject()
  const [core, client, msw] = generatedDirs
  const files: [string, string][] = [
    [`${core}/types.gen.ts`, await emitCoreTypes(project, ir)],
    [`${core}/errors.gen.ts`, emitCoreErrors(project, ir)],
    [`${core}/service.gen.ts`, emitCoreService(project, ir)],
    [`${core}/actions.gen.ts`, emitCoreActions(project, ir)],
    [`${core}/fields.gen.ts`, emitCoreFields(project, ir)],
    [`${core}/validators.gen.ts`, emitCoreValidators(project, ir)],
    [`${core}/readers.gen.ts`, emitCoreReaders(project, ir)],
    [`${client}/methods.gen.ts`, emitClientMethods(project, ir)],
    [`${client}/models.gen.ts`, emitClientModels(project, ir)],
    [`${msw}/actions.gen.ts`, emitMswActions(project, ir)],
    [`${msw}/fixtures.gen.ts`, emitMswFixtures(project, ir)],
  ]
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : 1)))
}
