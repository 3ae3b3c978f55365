import type { Region } from '@crs-kit/core'

/** Tencent Cloud API keys; `token` only for temporary credentials (STS). */
export interface Credentials {
  secretId: string
  secretKey: string
  token?: string | undefined
}

/** Called before each call: return cached credentials and refresh them yourself when they near expiry. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>

/** The languages the service answers error messages in. */
export type Language = 'zh-CN' | 'en-US'

/** A fetch-compatible function: the global one, undici's, a proxy-aware one, a test double. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface RedisClientOptions {
  /**
   * Required, e.g. `ap-guangzhou`; financial regions (`ap-shanghai-fsi`) get their own host. Editors offer the
   * spec's regions; any other region name is accepted too, for regions opened after this release.
   */
  region: Region | (string & {})
  /** Default: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN from the environment. */
  credentials?: Credentials | CredentialsProvider | undefined
  /** A full origin such as `http://127.0.0.1:4010`; default from the region. */
  endpoint?: string | undefined
  /** Use the international site's host (`redis.intl.tencentcloudapi.com`) for non-financial regions. */
  intl?: boolean | undefined
  /** Sent as X-TC-Language. */
  language?: Language | undefined
  /** Per attempt, default 60000. */
  timeoutMs?: number | undefined
  /** Attempts per call including the first, default 3. */
  maxAttempts?: number | undefined
  /** Requests per second per action: default the spec's limit; a number overrides it; `false` disables. */
  rateLimit?: number | false | undefined
  /** Full-jitter exponential backoff between attempts: the n-th retry waits up to min(maxMs, baseMs * 2^n). */
  backoff?: { baseMs?: number | undefined; maxMs?: number | undefined } | undefined
  /** Replaces the built-in transport (node:http(s) on Node, global fetch elsewhere). */
  fetch?: FetchLike | undefined
  /**
   * Node: an HTTP proxy such as `http://user:pass@proxy.internal:3128`; `false` or '' for none. Default: under
   * NODE_USE_ENV_PROXY=1 or --use-env-proxy, https_proxy / http_proxy from the environment (read when the client
   * is made; NO_PROXY hosts and loopback hosts excepted), else none. Browsers, edge runtimes and the `fetch`
   * option use the platform's own proxy settings.
   */
  proxy?: string | false | undefined
}
