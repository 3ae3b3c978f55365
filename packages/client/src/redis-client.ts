import { type ActionName, type ActionTypes, actions, type PaginatedActionName } from '@crs-kit/core'
import { defaultTransport } from '#runtime'
import { type CallContext, callAction } from './call-action.ts'
import type { CallOptions } from './call-options.ts'
import { ClockOffset } from './clock-offset.ts'
import { credentialSource } from './credentials.ts'
import { resolveEndpoint } from './endpoint.ts'
import { ConfigurationError } from './errors.ts'
import { fetchTransport } from './fetch-transport.ts'
import { RedisClientMethods } from './generated/methods.gen.ts'
import type { PageItem } from './page-item.ts'
import { paginatePages } from './paginate-pages.ts'
import type { RedisClientOptions } from './redis-client-options.ts'
import { TokenBucket } from './token-bucket.ts'

const positive = (name: string, value: number | undefined, fallback: number, integer = false): number => {
  if (value === undefined) return fallback
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`)
  }
  return value
}

/**
 * Tencent Cloud Redis (CRS) backup API client: TC3-signed, retried only where it is safe, rate
 * limited per action, with typed errors. One method per action (generated), plus paginators.
 * @example
 * const client = new RedisClient({ region: 'ap-guangzhou' })
 * const { TaskId } = await client.manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'nightly' })
 */
export class RedisClient extends RedisClientMethods {
  readonly region: string
  /** The origin requests go to. */
  readonly endpoint: string
  // Private fields: never enumerated by JSON.stringify or util.inspect, so the credentials stay out of logs.
  readonly #ctx: CallContext

  constructor(options: RedisClientOptions) {
    super()
    if (!options || typeof options.region !== 'string' || options.region === '') {
      throw new ConfigurationError('RedisClient needs a region, e.g. { region: "ap-guangzhou" }')
    }
    if (options.language !== undefined && options.language !== 'zh-CN' && options.language !== 'en-US') {
      throw new ConfigurationError(
        `language must be "zh-CN" or "en-US", got ${JSON.stringify(options.language)}`,
      )
    }
    const endpoint = resolveEndpoint(options.region, options.endpoint, options.intl)
    this.region = options.region
    this.endpoint = endpoint.origin
    const customFetch = options.fetch
    const limiters = rateLimiters(options.rateLimit)
    this.#ctx = {
      region: options.region,
      language: options.language,
      endpoint,
      credentials: credentialSource(options.credentials),
      transport: customFetch ? fetchTransport(() => customFetch) : defaultTransport,
      clock: new ClockOffset(),
      limiter: (action) => limiters?.(action),
      timeoutMs: positive('timeoutMs', options.timeoutMs, 60_000),
      maxAttempts: positive('maxAttempts', options.maxAttempts, 3, true),
      backoff: {
        baseMs: positive('backoff.baseMs', options.backoff?.baseMs, 100),
        maxMs: positive('backoff.maxMs', options.backoff?.maxMs, 5_000),
      },
    }
  }

  /** Calls any action by name; the generated methods are thin wrappers around it. */
  protected send<A extends ActionName>(
    action: A,
    input: ActionTypes[A]['request'],
    options?: CallOptions,
  ): Promise<ActionTypes[A]['response']> {
    return callAction(this.#ctx, action, input, options)
  }

  /** Every item of a paginated action across pages (`paginateDescribeInstanceBackups` calls this). */
  protected paginate<A extends PaginatedActionName>(
    action: A,
    input: Omit<ActionTypes[A]['request'], 'Offset'>,
    options?: CallOptions,
  ): AsyncIterableIterator<PageItem<A>> {
    return paginatePages(action, input, (page) => this.send(action, page, options))
  }

  toJSON(): { region: string; endpoint: string } {
    return { region: this.region, endpoint: this.endpoint }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `RedisClient { region: ${JSON.stringify(this.region)}, endpoint: ${JSON.stringify(this.endpoint)} }`
  }
}

/** One bucket per action, made on first use and shared by all of the client's concurrent calls. */
function rateLimiters(option: number | false | undefined): ((action: ActionName) => TokenBucket) | undefined {
  if (option === false) return undefined
  if (option !== undefined) positive('rateLimit', option, 0)
  const buckets = new Map<ActionName, TokenBucket>()
  return (action) => {
    let bucket = buckets.get(action)
    if (!bucket) {
      bucket = new TokenBucket(option ?? actions[action].rateLimitPerSecond)
      buckets.set(action, bucket)
    }
    return bucket
  }
}
