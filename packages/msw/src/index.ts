/**
 * @crs-kit/msw: MSW handlers that behave like Tencent Cloud's Redis (CRS) backup API, generated from the
 * same contract as @crs-kit/core and @crs-kit/client. The `crs-mock` server lives in `@crs-kit/msw/server`.
 */
import { createHandlers } from './create-handlers.ts'

export { formatTcTime, parseTcTime } from '@crs-kit/core'
export type { CallContext } from './call-context.ts'
export type { CallRecord } from './call-log.ts'
export { type CreateHandlersOptions, type CrsMock, createHandlers } from './create-handlers.ts'
export {
  createMockService,
  defaultInstances,
  type MockService,
  type MockServiceOptions,
  seedInstances,
} from './create-mock-service.ts'
export { dropConnection } from './dispatch-call.ts'
export { seedBackups, seedInstanceId } from './generated/fixtures.gen.ts'
export { MockApiError } from './mock-api-error.ts'
export { type Clock, createMockClock, type MockClock, systemClock } from './mock-clock.ts'
export { createOffsetClock, type OffsetClock } from './offset-clock.ts'
export type { Override, OverrideInfo, ResponseBody } from './overrides.ts'
export {
  type BackupQuery,
  type InstanceSeed,
  type InstanceSnapshot,
  type InstanceStatus,
  MockState,
  type TaskSnapshot,
} from './state/mock-state.ts'
export type { Credential } from './verify/credential.ts'

/**
 * Ready-made handlers: no signature checks, the seed state, the spec's rate limit. One shared state for
 * the whole test run: use `createHandlers()` for state you can inspect and reset.
 * @example setupServer(...handlers)
 */
export const handlers = createHandlers().handlers
