import type { Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import { docText, literal, printFile } from './source-file.ts'

/** The action table: what the client's retries, rate limiter and paginator, and the mock, read at run time. */
export function emitCoreActions(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('actions.gen.ts', '', { overwrite: true })
  const types = ir.actions.flatMap((a) => [a.requestSchema, a.responseSchema])
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.gen.ts', namedImports: types })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './errors.gen.ts',
    namedImports: ir.actions.map((a) => `${a.name}ErrorCode`),
  })
  file.addInterface({
    isExported: true,
    name: 'ActionTypes',
    docs: ['Request, response and error-code types of each action, keyed by the Tencent action name.'],
    properties: ir.actions.map((a) => ({
      name: a.name,
      docs: [docText(a.summary, a.descriptionJa)],
      type: `{ request: ${a.requestSchema}; response: ${a.responseSchema}; errorCode: ${a.name}ErrorCode }`,
    })),
  })
  file.addTypeAlias({ isExported: true, name: 'ActionName', type: 'keyof ActionTypes' })
  const paginated = ir.actions.filter((a) => a.pagination)
  file.addTypeAlias({
    isExported: true,
    name: 'PaginatedActionName',
    docs: ['Actions that page through a list with Limit/Offset.'],
    type: paginated.length ? paginated.map((a) => `'${a.name}'`).join(' | ') : 'never',
  })
  const table = Object.fromEntries(
    ir.actions.map((a) => [
      a.name,
      {
        name: a.name,
        method: a.method,
        summary: a.summary,
        idempotent: a.idempotent,
        rateLimitPerSecond: a.rateLimitPerSecond,
        pagination: a.pagination && {
          limit: a.pagination.limit,
          offset: a.pagination.offset,
          total: a.pagination.total,
          items: a.pagination.items,
          defaultLimit: a.pagination.defaultLimit,
          maxLimit: a.pagination.maxLimit,
        },
        errorCodes: a.errors.map((e) => e.code),
      },
    ]),
  )
  file.addStatements(`/** Per-action facts from the spec's x-tc-* extensions. */
export const actions = ${literal(table)} as const`)
  const policies = Object.fromEntries(
    ir.actions.map((a) => [
      a.name,
      {
        idempotent: a.idempotent,
        rateLimit: a.rateLimitPerSecond,
        paging: a.pagination && [
          a.pagination.limit,
          a.pagination.offset,
          a.pagination.total,
          a.pagination.items,
          a.pagination.defaultLimit,
        ],
      },
    ]),
  )
  file.addStatements(`/** What a client reads per call, so that its bundle does not carry the rest of \`actions\`. */
export interface ActionPolicy {
  /** x-tc-idempotent: whether a call that may have reached the server can be re-sent. */
  readonly idempotent: boolean
  /** x-tc-rate-limit, in calls per second. */
  readonly rateLimit: number
  /** x-tc-pagination: the limit, offset, total and items fields, and the default limit. */
  readonly paging?: readonly [limit: string, offset: string, total: string, items: string, defaultLimit: number]
}
/** Each action's policy: the same facts as \`actions\` has. */
export const actionPolicies: { readonly [A in ActionName]: ActionPolicy } = ${literal(policies)}`)
  file.addStatements(
    `export const actionNames: readonly ActionName[] = ${literal(ir.actions.map((a) => a.name))}`,
  )
  return printFile(file, ir.specName)
}
