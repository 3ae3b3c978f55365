/**
 * @crs-kit/core: the contract of Tencent Cloud's Redis (CRS) backup API as TypeScript, generated from
 * spec/redis.yaml. Types, the action table, endpoints, request validators, a validator of the listed backups and
 * lenient response readers.
 */

export { readResponse, validateRequest } from './by-action.ts'
export { allServiceHosts, hostForRegion, isFinancialRegion } from './endpoint.ts'
export type { ActionName, ActionPolicy, ActionTypes, PaginatedActionName } from './generated/actions.gen.ts'
export { actionNames, actionPolicies, actions } from './generated/actions.gen.ts'
export type * from './generated/errors.gen.ts'
export { errorCodes } from './generated/errors.gen.ts'
export { requestFields } from './generated/fields.gen.ts'
export { responseReaders } from './generated/readers.gen.ts'
export {
  apiVersion,
  type Region,
  refusedErrorCodes,
  regions,
  service,
  serviceName,
  transientErrorCodes,
} from './generated/service.gen.ts'
export type * from './generated/types.gen.ts'
// Each action's validator (validateXRequest), the table of them, and the listed item models' validators.
export * from './generated/validators.gen.ts'
export { fromQueryParams, toQueryParams } from './query-params.ts'
export { preview, ResponseShapeError } from './response-shape-error.ts'
export { formatTcTime, parseTcTime } from './tc-time.ts'
export * from './tc3/index.ts'
export { isRecord, isTcDateTime, type ValidationIssue } from './validation.ts'
