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
      expect(error.message).toMatch(/^timeoutMs must be /)
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
      'a fetch that is not a function',
      { fetch: 'nope' as never },
      /^fetch must be a fetch function, got string/,
    ],
  ])('refuses %s at construction', (_, options, message) => {
    expect(() => client(options)).toThrow(ConfigurationError)
    expect(() => client(options)).toThrow(message)
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

  it('sends a call once a slow provider answers', async () => {
    const slow = () =>
      new Promise<{ secretId: string; secretKey: string }>((resolve) =>
        setTimeout(() => resolve({ secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }), 30),
      )
    expect((await client({ credentials: slow }).describeInstanceBackups(input)).TotalCount).toBe(7)
  })

  it('ends the wait for a provider that never answers at the abort, or at the timeout', async () => {
    const never = () => new Promise<never>(() => {})
    const started = performance.now()
    const aborted = await client({ credentials: never })
      .manualBackupInstance(input, { signal: AbortSignal.timeout(50) })
      .catch((e) => e)
    expect(aborted).toBeInstanceOf(AbortError)
    const timedOut = await client({ credentials: never, timeoutMs: 50 })
      .manualBackupInstance(input)
      .catch((e) => e)
    expect(timedOut).toBeInstanceOf(TimeoutError)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(server.received).toHaveLength(0)
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

describe('paginator input', () => {
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
