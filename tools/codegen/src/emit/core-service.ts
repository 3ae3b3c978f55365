import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import { docText, literal, printFile, quote } from './source-file.ts'

/** The service facts (hosts, regions, clock window, common errors) and the error-code unions. */
export function emitCoreService(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('service.gen.ts', '', { overwrite: true })
  const s = ir.service
  // Each fact is its own export as well, so that a bundle keeps only those it reads (a client needs the name,
  // version, hosts and retry flags, not the whole table). `service` gathers them for everything else.
  file.addStatements(`/** The service name, signed in the TC3 credential scope. */
export const serviceName = ${quote(s.name)}
/** The API version, sent as X-TC-Version. */
export const apiVersion = ${quote(s.version)}
/** The hosts: default, a region's own (\`{region}\`), and the international site's. */
export const serviceHosts = ${literal(s.hosts)} as const
/** Regions isolated on their own host. */
export const financialRegions = ${literal(s.financialRegions)} as const
/** Common codes the spec marks as refused before the action ran: any action may be retried. */
export const refusedErrorCodes = ${literal(s.commonErrors.filter((e) => e.refused).map((e) => e.code))} as const
/** Common codes the spec marks as transient: an idempotent action may be retried. */
export const transientErrorCodes = ${literal(s.commonErrors.filter((e) => e.transient).map((e) => e.code))} as const`)
  // Codes and retry flags only: the descriptions live in the JSDoc of the error-code unions, not in bundles.
  const commonErrors = s.commonErrors.map(({ code, refused, transient }) => ({ code, refused, transient }))
  file.addStatements(`/** ${docText(`${s.title}: service ${s.name}, API version ${s.version}.`, undefined)} */
export const service = {
  name: serviceName,
  version: apiVersion,
  maxClockSkewSeconds: ${s.maxClockSkewSeconds},
  hosts: serviceHosts,
  financialRegions,
  commonErrors: ${literal(commonErrors, '  ')},
} as const`)
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
  file.addTypeAliases(
    ir.actions.map((a) => {
      const own = a.errors.map(
        (e) => `\`${e.code}\`: ${docText(e.description, e.descriptionJa).replace(/\n+/g, ' ')}`,
      )
      return {
        isExported: true,
        name: `${a.name}ErrorCode`,
        docs: [
          own.length
            ? `Error codes of ${a.name}: the common ones and\n${own.map((o) => `- ${o}`).join('\n')}`
            : `Error codes of ${a.name}: the common ones.`,
        ],
        type: `CommonErrorCode | ${union(a.errors.map((e) => e.code))}`,
      }
    }),
  )
  file.addStatements(`/** Every error code the spec names, common and per action. */
export const errorCodes = ${literal([...new Set([...ir.service.commonErrors, ...ir.actions.flatMap((a) => a.errors)].map((e) => e.code))].sort())} as const`)
  return printFile(file, ir.specName)
}
