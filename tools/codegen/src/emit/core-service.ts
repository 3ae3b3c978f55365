import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import { docText, literal, printFile, quote } from './source-file.ts'

/** The service facts (hosts, regions, clock window, common errors) and the error-code unions. */
export function emitCoreService(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('service.gen.ts', '', { overwrite: true })
  const s = ir.service
  const data = {
    name: s.name,
    version: s.version,
    maxClockSkewSeconds: s.maxClockSkewSeconds,
    hosts: s.hosts,
    financialRegions: s.financialRegions,
    // Codes and retry flags only: the descriptions live in the JSDoc of the error-code unions, not in bundles.
    commonErrors: s.commonErrors.map(({ code, refused, transient }) => ({ code, refused, transient })),
  }
  file.addStatements(`/** ${docText(`${s.title}: service ${s.name}, API version ${s.version}.`, undefined)} */
export const service = ${literal(data)} as const`)
  file.addStatements(`/** Every region the service is offered in (a separate export, so bundles that do not list regions drop it). */
export const regions: readonly Region[] = ${literal(s.regions)}`)
  file.addTypeAlias({
    isExported: true,
    name: 'Region',
    docs: ['A region the service is offered in.'],
    type: s.regions.map(quote).join(' | '),
  })
  return printFile(file, ir.specName)
}

export function emitCoreErrors(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('errors.gen.ts', '', { overwrite: true })
  const union = (codes: string[]) => (codes.length ? codes.map(quote).join(' | ') : 'never')
  file.addTypeAlias({
    isExported: true,
    name: 'CommonErrorCode',
    docs: ['Error codes any action can answer.'],
    type: union(ir.service.commonErrors.map((e) => e.code)),
  })
  for (const a of ir.actions) {
    const own = a.errors.map(
      (e) => `${docText(e.description, e.descriptionJa).replace(/\n+/g, ' ')}: ${e.code}`,
    )
    file.addTypeAlias({
      isExported: true,
      name: `${a.name}ErrorCode`,
      docs: [
        own.length
          ? `Error codes of ${a.name}: the common ones and\n${own.map((o) => `- ${o}`).join('\n')}`
          : `Error codes of ${a.name}: the common ones.`,
      ],
      type: `CommonErrorCode | ${union(a.errors.map((e) => e.code))}`,
    })
  }
  file.addStatements(`/** Every error code the spec names, common and per action. */
export const errorCodes = ${literal([...new Set([...ir.service.commonErrors, ...ir.actions.flatMap((a) => a.errors)].map((e) => e.code))].sort())} as const`)
  return printFile(file, ir.specName)
}
