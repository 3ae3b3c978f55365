import {
  type ActionName,
  type ActionTypes,
  actionPolicies,
  type PaginatedActionName,
  preview,
  type Region,
} from '@crs-kit/core'
import { transportFor } from '#runtime'
import { type CallContext, callAction } from './call-action.ts'
import type { CallOptions } from './call-options.ts'
import { clockOffset } from './clock-offset.ts'
import { credentialSource } from './credentials.ts'
import { resolveEndpoint } from './endpoint.ts'
import { ConfigurationError } from './errors.ts'
import { fetchTransport } from './fetch-transport.ts'
import { RedisClientMethods } from './generated/methods.gen.ts'
import { knownOptions } from './known-options.ts'
import type { PageItem } from './page-item.ts'
import { paginatePages } from './paginate-pages.ts'
import { positiveOption as positive } from './positive-option.ts'
import { rateLimiter, type TakeTurn } from './rate-limiter.ts'
import type { RedisClientOptions } from './redis-client-options.ts'

const clientOptions = [
  'region',
  'credentials',
  'endpoint',
  'intl',
  'language',
  'timeoutMs',
  'maxAttempts',
  'rateLimit',
  'backoff',
  'fetch',
  'proxy',
]

/**
 * Tencent Cloud Redis (CRS) backup API client: TC3-signed, retried only where it is safe, rate
 * limited per action, with typed errors. One method per action (generated), plus paginators.
 * @example
 * const client = new RedisClient({ region: 'ap-guangzhou' })
 * const { TaskId } = await client.manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'nightly' })
 */
export class RedisClient extends RedisClientMethods {
  declare readonly region: Region | (string & {})
  /** The origin requests go to. */
  declare readonly endpoint: string
  // Private fields: never enumerated by JSON.stringify or util.inspect, so the credentials stay out of logs.
  readonly #ctx: CallContext

  constructor(options: RedisClientOptions) {
    super()
    // A string here is the region without its object (`new RedisClient('ap-guangzhou')`): said as such.
    if (typeof options !== 'object' || !options)
      throw new ConfigurationError(`RedisClient takes { region, ... }, got ${preview(options)}`)
    const region = options.region
    // The shape of every Tencent Cloud region (ap-guangzhou, na-siliconvalley, ap-shanghai-fsi): a typo such as a
    // trailing space would otherwise go to the default host with an X-TC-Region the service refuses.
    if (typeof region !== 'string' || !/^[a-z]+(-[a-z0-9]+)+$/.test(region))
      throw new ConfigurationError(
        `RedisClient needs a region such as "ap-guangzhou", got ${preview(region)}`,
      )
    knownOptions('RedisClient', options, clientOptions)
    // undefined is absent (a spread config's unset field); null is refused, for every option alike: an
    // `endpoint: null` from an unset config entry must not quietly mean the live service.
    for (const [key, value] of Object.entries(options))
      if (value === null)
        throw new ConfigurationError(`RedisClient: option "${key}" is null; leave it out for its default`)
    const { language, rateLimit, fetch, backoff, intl } = options
    if (language !== undefined && language !== 'zh-CN' && language !== 'en-US')
      throw new ConfigurationError(`language must be "zh-CN" or "en-US", got ${preview(language)}`)
    if (rateLimit !== false) positive('rateLimit (or false)', rateLimit, 0)
    // Checked here, as the numbers are: a `backoff: 'fast'` or `intl: 'yes'` would otherwise be silently ignored.
    if (backoff != null && (typeof backoff !== 'object' || Array.isArray(backoff)))
      throw new ConfigurationError(`backoff must be an object, got ${preview(backoff)}`)
    if (backoff) knownOptions('backoff', backoff, ['baseMs', 'maxMs'])
    if (intl != null && typeof intl !== 'boolean')
      throw new ConfigurationError(`intl must be true or false, got ${preview(intl)}`)
    if (fetch !== undefined && typeof fetch !== 'function')
      throw new ConfigurationError(`fetch must be a fetch function, got ${typeof fetch}`)
    const endpoint = resolveEndpoint(region, options.endpoint, intl)
    const maxMs = positive('backoff.maxMs', backoff?.maxMs, 5_000)
    this.region = region
    this.endpoint = endpoint.origin
    // One limiter per action, made on first use and shared by all of the client's concurrent calls.
    const limiters: Partial<Record<ActionName, TakeTurn>> = {}
    this.#ctx = {
      region,
      language,
      endpoint,
      credentials: credentialSource(options.credentials),
      transport: fetch ? fetchTransport(() => fetch) : transportFor(endpoint.origin, options.proxy),
      clock: clockOffset(),
      limiter: (action) => {
        if (rateLimit === false) return undefined
        limiters[action] ??= rateLimiter(rateLimit ?? actionPolicies[action].rateLimit)
        return limiters[action]
      },
      timeoutMs: positive('timeoutMs', options.timeoutMs, 60_000),
      maxAttempts: positive('maxAttempts', options.maxAttempts, 3, true),
      backoff: {
        // Never above the cap, which would otherwise win without a word: every wait up to maxMs from the start.
        baseMs: positive('backoff.baseMs (at most backoff.maxMs)', backoff?.baseMs, 100, false, maxMs),
        maxMs,
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
    input: ActionTypes[A]['request'],
    options?: CallOptions,
  ): AsyncIterableIterator<PageItem<A>> {
    return paginatePages(action, input, (page) => this.send(action, page, options), options?.signal)
  }

  // #ctx is private, so JSON.stringify and util.inspect show region and endpoint only: never the credentials.
  toJSON(): { region: string; endpoint: string } {
    return { region: this.region, endpoint: this.endpoint }
  }
}
