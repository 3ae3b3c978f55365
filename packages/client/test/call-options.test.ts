// Options and credentials that cannot work are refused before anything is sent, with a ConfigurationError
// that names the mistake and never the secret; a credentials provider that hangs ends with the call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  AbortError,
  ConfigurationError,
  RedisClient,
  type RedisClientOptions,
  TimeoutError,
  ValidationError,
} from '../src/index.ts'
import { startLoopbackServer } from './loopback-server.ts'

let server: Awaited<ReturnType<typeof startLoopbackServer>>
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const input = { InstanceId: 'crs-5a4py64p' }
const client = (options: Partial<RedisClientOptions> = {}) =>
  new RedisClient({
    region: 'ap-guangzhou',
    endpoint: server.origin,
    credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
    ...options,
  })

describe('per-call options', () => {
  it.each([0, -5, Number.NaN, null, 'abc', Number.POSITIVE_INFINITY, 3e9])(
    'refuses timeoutMs %s before sending anything',
    async (timeoutMs) => {
      const error = await client()
        .manualBackupInstance(input, { timeoutMs: timeoutMs as number })
        .catch((e) => e)
      expect(error).toBeInstanceOf(ConfigurationError)
      expect(error.message).toMatch(/^ManualBackupInstance: timeoutMs must be /)
      expect(server.received).toHaveLength(0)
    },
  )

  it('refuses a signal that is not an AbortSignal', async () => {
    const error = await client()
      .describeInstanceBackups(input, { signal: {} as AbortSignal })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toBe('DescribeInstanceBackups: signal must be an AbortSignal')
    expect(server.received).toHaveLength(0)
  })

  it('takes a null signal as none, as fetch does', async () => {
    const options = { signal: null as unknown as AbortSignal }
    expect((await client().describeInstanceBackups(input, options)).TotalCount).toBe(7)
  })

  it.each(['1000', true])('refuses timeoutMs %o, a number in the wrong type', async (timeoutMs) => {
    const error = await client()
      .describeInstanceBackups(input, { timeoutMs: timeoutMs as never })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toMatch(/^DescribeInstanceBackups: timeoutMs must be a positive number/)
    expect(server.received).toHaveLength(0)
  })

  it('takes null options as none, as it takes a null signal', async () => {
    expect((await client().describeInstanceBackups(input, null as never)).TotalCount).toBe(7)
    const pages = client().paginateDescribeInstanceBackups(input, null as never)
    expect((await pages.next()).done).toBe(false)
  })

  it.each(['fast', 5000, true])('refuses options %o that are not an object', async (options) => {
    const error = await client()
      .manualBackupInstance(input, options as never)
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toMatch(/^ManualBackupInstance: options must be an object such as \{ signal \}/)
    const paged = await client()
      .paginateDescribeInstanceBackups(input, options as never)
      .next()
      .catch((e) => e)
    expect(paged).toBeInstanceOf(ConfigurationError)
    expect(server.received).toHaveLength(0)
  })

  it('refuses a call option it does not know, and takes one set to undefined as absent', async () => {
    const error = await client()
      .manualBackupInstance(input, { timeout: 5 } as never)
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toBe('ManualBackupInstance: unknown option "timeout" (known: signal, timeoutMs)')
    expect(server.received).toHaveLength(0)
    const spread = { signal: undefined, retries: undefined } as never
    expect((await client().describeInstanceBackups(input, spread)).TotalCount).toBe(7)
  })

  it('applies a valid per-call timeoutMs', async () => {
    expect((await client().describeInstanceBackups(input, { timeoutMs: 2 ** 31 - 1 })).TotalCount).toBe(7)
  })
})

describe('client options', () => {
  it.each<[string, Partial<RedisClientOptions>, RegExp]>([
    [
      'timeoutMs past what setTimeout can wait',
      { timeoutMs: 2 ** 31 },
      /^timeoutMs must be a positive number up to 2147483647/,
    ],
    ['backoff.maxMs past it', { backoff: { maxMs: 1e10 } }, /^backoff.maxMs must be a positive number up to/],
    [
      'rateLimit: true (it would mean one call a second)',
      { rateLimit: true as never },
      /^rateLimit \(or false\) must be /,
    ],
    ['rateLimit as a string', { rateLimit: '20' as never }, /^rateLimit \(or false\) must be /],
    ['timeoutMs as a string', { timeoutMs: '1000' as never }, /^timeoutMs must be a positive number/],
    ['backoff.maxMs as a string', { backoff: { maxMs: '10' as never } }, /^backoff.maxMs must be /],
    [
      'backoff that is not an object',
      { backoff: 'fast' as never },
      /^backoff must be an object, got "fast"$/,
    ],
    ['backoff as an array', { backoff: [] as never }, /^backoff must be an object, got \[\]$/],
    [
      'a BigInt region',
      { region: 1n as never },
      /^RedisClient needs a region such as "ap-guangzhou", got 1n$/,
    ],
    [
      'a Symbol language',
      { language: Symbol('en') as never },
      /^language must be "zh-CN" or "en-US", got Symbol\(en\)$/,
    ],
    ['a BigInt intl', { intl: 1n as never }, /^intl must be true or false, got 1n$/],
    ['intl that is not a boolean', { intl: 'yes' as never }, /^intl must be true or false, got "yes"/],
    [
      'a fetch that is not a function',
      { fetch: 'nope' as never },
      /^fetch must be a fetch function, got string/,
    ],
    [
      'an option it does not know (timeout for timeoutMs)',
      { timeout: 1000 } as never,
      /^RedisClient: unknown option "timeout" \(known: region, credentials, .*timeoutMs/,
    ],
    [
      'a backoff key it does not know',
      { backoff: { base: 5 } } as never,
      /^backoff: unknown option "base" \(known: baseMs, maxMs\)/,
    ],
  ])('refuses %s at construction', (_, options, message) => {
    expect(() => client(options)).toThrow(ConfigurationError)
    expect(() => client(options)).toThrow(message)
  })

  it.each([
    'endpoint',
    'credentials',
    'intl',
    'language',
    'timeoutMs',
    'rateLimit',
    'backoff',
    'fetch',
    'proxy',
  ])(
    'refuses %s: null at construction, as the type does (an endpoint: null used to mean the live service)',
    (key) => {
      expect(() => client({ [key]: null } as never)).toThrow(ConfigurationError)
      expect(() => client({ [key]: null } as never)).toThrow(
        `RedisClient: option "${key}" is null; leave it out for its default`,
      )
    },
  )

  it('takes an option set to undefined as absent (a spread config)', async () => {
    const options = { endpoint: server.origin, language: undefined, intl: undefined, backoff: undefined }
    expect((await client(options).describeInstanceBackups(input)).TotalCount).toBe(7)
  })
})

describe('credentials', () => {
  it.each([
    [
      'a token with a line break',
      { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE', token: 'TOKEN_1\nTOKEN_2' },
    ],
    ['a secretId copied with its newline', { secretId: 'AKIDEXAMPLE\n', secretKey: 'SECRETEXAMPLE' }],
    [
      'a token with a non-ASCII character',
      { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE', token: 'TOKEN中' },
    ],
    ['a secretId with a space', { secretId: 'AKID EXAMPLE', secretKey: 'SECRETEXAMPLE' }],
  ])(
    'refuses %s, at construction or from a provider, without the value in the error',
    async (_, credentials) => {
      const errors: (ConfigurationError | undefined)[] = [
        (() => {
          try {
            client({ credentials })
          } catch (e) {
            return e as ConfigurationError
          }
        })(),
      ]
      for (const fetch of [undefined, globalThis.fetch])
        errors.push(
          await client({ credentials: async () => credentials, fetch })
            .manualBackupInstance(input)
            .catch((e) => e),
        )
      for (const error of errors) {
        expect(error).toBeInstanceOf(ConfigurationError)
        expect(error?.message).toMatch(/printable ASCII/)
        const everything = JSON.stringify([error?.message, String(error?.cause ?? ''), error?.stack])
        expect(everything).not.toMatch(/TOKEN|AKID/)
      }
      expect(server.received).toHaveLength(0)
    },
  )

  it.each(['sessionToken', 'Token', 'securityToken'])(
    'refuses a session token named %s, at construction or from a provider: it would be dropped',
    async (key) => {
      const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE', [key]: 'STS-TOKEN' } as never
      expect(() => client({ credentials })).toThrow(
        `credentials: "${key}" is not read; did you mean "token"?`,
      )
      const error = await client({ credentials: async () => credentials })
        .manualBackupInstance(input)
        .catch((e) => e)
      expect(error).toBeInstanceOf(ConfigurationError)
      expect(JSON.stringify([error.message, String(error.cause), error.stack])).not.toMatch(/STS-TOKEN/)
      expect(server.received).toHaveLength(0)
      // Keys that name no token (an expiry kept beside the keys) are left alone.
      const kept = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE', expiresAt: 1 } as never
      expect((await client({ credentials: kept }).describeInstanceBackups(input)).TotalCount).toBe(7)
    },
  )

  it('checks the credentials of the environment as any other (a CRLF .env leaves a \\r)', async () => {
    const env = process.env
    const saved = { id: env.TENCENTCLOUD_SECRET_ID, key: env.TENCENTCLOUD_SECRET_KEY }
    env.TENCENTCLOUD_SECRET_ID = 'AKIDfromdotenv\r'
    env.TENCENTCLOUD_SECRET_KEY = 'SECRETEXAMPLE'
    try {
      for (const fetch of [undefined, globalThis.fetch]) {
        const error = await client({ credentials: undefined, fetch, maxAttempts: 1 })
          .manualBackupInstance(input)
          .catch((e) => e)
        expect(error).toBeInstanceOf(ConfigurationError)
        expect(JSON.stringify([error.message, error.stack])).not.toMatch(/AKID/)
      }
    } finally {
      if (saved.id === undefined) delete env.TENCENTCLOUD_SECRET_ID
      else env.TENCENTCLOUD_SECRET_ID = saved.id
      if (saved.key === undefined) delete env.TENCENTCLOUD_SECRET_KEY
      else env.TENCENTCLOUD_SECRET_KEY = saved.key
    }
    expect(server.received).toHaveLength(0)
  })

  it('sends a call once a slow provider answers', async () => {
    const slow = () =>
      new Promise<{ secretId: string; secretKey: string }>((resolve) =>
        setTimeout(() => resolve({ secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }), 30),
      )
    expect((await client({ credentials: slow }).describeInstanceBackups(input)).TotalCount).toBe(7)
  })

  it('ends the wait for a provider that never answers at the abort, or at the timeout, asking it once', async () => {
    let asked = 0
    const never = () => {
      asked++
      return new Promise<never>(() => {})
    }
    const started = performance.now()
    const aborted = await client({ credentials: never })
      .manualBackupInstance(input, { signal: AbortSignal.timeout(50) })
      .catch((e) => e)
    expect(aborted).toBeInstanceOf(AbortError)
    const timedOut = await client({ credentials: never, timeoutMs: 50 })
      .manualBackupInstance(input)
      .catch((e) => e)
    expect(timedOut).toBeInstanceOf(TimeoutError)
    // Not an unknown outcome, and it says where the time went: the service was never asked.
    expect(timedOut.message).toBe(
      'ManualBackupInstance: timed out after 50 ms waiting for the credentials provider (nothing was sent)',
    )
    // Not retried: another attempt would only start another wait on a provider that does not answer.
    expect(asked).toBe(2)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(server.received).toHaveLength(0)
  })

  it('does not spend rate-limit turns on calls a failing provider kept from being sent', async () => {
    const failing = () => Promise.reject(new Error('vault sealed'))
    const started = performance.now()
    const shared = client({ credentials: failing, rateLimit: 1 })
    for (let i = 0; i < 3; i++)
      await expect(shared.describeInstanceBackups(input)).rejects.toThrow(ConfigurationError)
    // One turn a second: three calls through one limiter would take two seconds if each held its turn.
    expect(performance.now() - started).toBeLessThan(500)
  })

  it("passes a provider's failure through as it did", async () => {
    const failing = () => Promise.reject(new Error('vault sealed'))
    const error = await client({ credentials: failing })
      .describeInstanceBackups(input)
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.cause.message).toBe('vault sealed')
  })
})

describe("a gateway's Retry-After", () => {
  it('is waited for before the retry, up to backoff.maxMs', async () => {
    server.fault('ManualBackupInstance', 'too-many')
    const started = performance.now()
    const slow = client({ backoff: { baseMs: 1, maxMs: 3000 } })
    expect((await slow.manualBackupInstance(input)).TaskId).toBe(6954227)
    expect(server.count('ManualBackupInstance')).toBe(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)

    server.fault('ManualBackupInstance', 'too-many')
    const capped = performance.now()
    expect((await client({ backoff: { baseMs: 1, maxMs: 50 } }).manualBackupInstance(input)).TaskId).toBe(
      6954227,
    )
    expect(performance.now() - capped).toBeLessThan(900)
  })
})

describe('paginator input', () => {
  it.each([undefined, null, 'crs-5a4py64p'])(
    'refuses input %o as the direct call does, with a ValidationError',
    async (bad) => {
      const error = await client()
        .paginateDescribeInstanceBackups(bad as never)
        .next()
        .catch((e) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.message).toMatch(/the input must be an object/)
      expect(server.received).toHaveLength(0)
    },
  )

  it('refuses a Limit the direct call refuses, instead of paging with the default', async () => {
    const pages = client().paginateDescribeInstanceBackups({ ...input, Limit: '5' as unknown as number })
    const error = await pages.next().catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(server.received).toHaveLength(0)
  })
})

it.each(['index.node.js', 'index.js'])(
  "the built %s keeps the error classes' own names (util.inspect and stack traces show them)",
  async (entry) => {
    const built = (await import(new URL(`../dist/${entry}`, import.meta.url).href)) as Record<
      string,
      abstract new (
        ...args: never[]
      ) => unknown
    >
    for (const name of ['TencentCloudError', 'ValidationError', 'OutcomeUnknownError', 'CrsKitError'])
      expect(built[name]!.name).toBe(name)
  },
)
