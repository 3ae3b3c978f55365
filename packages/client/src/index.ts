/**
 * @crs-kit/client: a TC3-signed client for Tencent Cloud Redis (CRS) backups with safe retries,
 * rate limiting, pagination and typed errors, for Node, browsers and edge runtimes.
 */

// The models and error codes of every action (generated from the spec), so an app needs one import for a call
// and its types.
export type { ActionName, ActionTypes, Tc3Signature, Tc3SignInput, ValidationIssue } from '@crs-kit/core'
// The service's `YYYY-MM-DD HH:mm:ss` times are China Standard Time (UTC+8) whatever the caller's zone: BeginTime and
// EndTime from a Date or epoch ms, and a backup's StartTime back to epoch ms.
export { formatTcTime, parseTcTime } from '@crs-kit/core'
export type { CallOptions } from './call-options.ts'
export {
  AbortError,
  ConfigurationError,
  CrsKitError,
  NetworkError,
  OutcomeUnknownError,
  ResponseError,
  TencentCloudError,
  TimeoutError,
  ValidationError,
} from './errors.ts'
export type * from './generated/models.gen.ts'
export type { PageItem } from './page-item.ts'
export { RedisClient } from './redis-client.ts'
export type {
  Credentials,
  CredentialsProvider,
  FetchLike,
  Language,
  RedisClientOptions,
} from './redis-client-options.ts'
export { signTc3 } from './sign-tc3.ts'
