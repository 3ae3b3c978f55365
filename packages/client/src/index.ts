/**
 * @crs-kit/client: a TC3-signed client for Tencent Cloud Redis (CRS) backups with safe retries,
 * rate limiting, pagination and typed errors, for Node, browsers and edge runtimes.
 */

export { signTc3, type Tc3Signature, type Tc3SignInput } from '@crs-kit/core'
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
export type { PageItem } from './page-item.ts'
export { RedisClient } from './redis-client.ts'
export type {
  Credentials,
  CredentialsProvider,
  FetchLike,
  Language,
  RedisClientOptions,
} from './redis-client-options.ts'
