import { getEventListeners } from 'node:events'
import { inspect } from 'node:util'
import { regions } from '@crs-kit/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { verifyTc3 } from '../test/loopback-server.ts'
import {
  AbortError,
  ConfigurationError,
  CrsKitError,
  OutcomeUnknownError,
  RedisClient,
  type RedisClientOptions,
  ValidationError,
} from './index.ts'

const secretKey = 'SECRETEXAMPLE-do-not-leak'
const token = 'TOKEN-do-not-leak'

interface Sent {
  url: string
  headers: Record<string, string>
  body: string
}

/** A fetch double answering like the service, recording what it was sent. */
function fakeFetch(answer: (sent: Sent) => unknown = () => ({ TaskId: 1, RequestId: 'r' })) {
  const sent: Sent[] = []
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const request = { url, headers: init.headers as Record<string, string>, body: String(init.body) }
    sent.push(request)
    return new Response(JSON.stringify({ Response: answer(request) }), {
      headers: { 'Content-Type': 'application/json' },
    })
  })
  return { sent, fetch }
}

/** A service of 12 backups answering each page as its Limit and Offset ask. */
function pagedService() {
  const all = Array.from({ length: 12 }, (_, i) => ({
    StartTime: '2018-09-04 12:51:21',
    BackupId: `b${i}`,
    BackupType: '1',
    Status: 2,
    Remark: '',
    Locked: 0,
  }))
  const { sent, fetch } = fakeFetch(({ body }) => {
    const { Limit, Offset } = JSON.parse(body)
    return { TotalCount: all.length, BackupSet: all.slice(Offset, Offset + Limit), RequestId: 'r' }
  })
  return { all, sent, fetch }
}

const make = (options: Partial<RedisClientOptions> = {}) =>
  new RedisClient({
    region: 'ap-guangzhou',
    credentials: { secretId: 'AKIDEXAMPLE', secretKey, token },
    ...options,
  })

afterEach(() => vi.unstubAllEnvs())

describe('RedisClient requests', () => {
  it('sends a signed POST / with the X-TC-* headers and Content-Type exactly as signed', async () => {
    const { sent, fetch } = fakeFetch()
    await make({ fetch, language: 'en-US' }).manualBackupInstance({
      InstanceId: 'crs-5a4py64p',
      Remark: 'nightly',
    })
    const [request] = sent
    expect(request!.url).toBe('https://redis.tencentcloudapi.com/')
    expect(request!.body).toBe('{"InstanceId":"crs-5a4py64p","Remark":"nightly"}')
    expect(request!.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-TC-Action': 'ManualBackupInstance',
      'X-TC-Version': '2018-04-12',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-Token': token,
      'X-TC-Language': 'en-US',
    })
    expect(Number(request!.headers['X-TC-Timestamp'])).toBeCloseTo(Date.now() / 1000, -1)
    expect(request!.headers.Authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{4}-\d\d-\d\d\/redis\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    )
    const received = Object.fromEntries(
      Object.entries({ ...request!.headers, Host: 'redis.tencentcloudapi.com' }).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    )
    expect(verifyTc3(received, request!.body, { AKIDEXAMPLE: secretKey })).toBeUndefined()
  })

  it('goes to a financial region its own host', async () => {
    const { sent, fetch } = fakeFetch()
    await make({ fetch, region: 'ap-shenzhen-fsi' }).manualBackupInstance({ InstanceId: 'crs-1' })
    expect(sent[0]!.url).toBe('https://redis.ap-shenzhen-fsi.tencentcloudapi.com/')
  })

  it('reads credentials from TENCENTCLOUD_* by default', async () => {
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', 'AKIDENV')
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', 'envsecret')
    vi.stubEnv('TENCENTCLOUD_SESSION_TOKEN', '')
    const { sent, fetch } = fakeFetch()
    await new RedisClient({ region: 'ap-guangzhou', fetch }).manualBackupInstance({ InstanceId: 'crs-1' })
    expect(sent[0]!.headers.Authorization).toContain('Credential=AKIDENV/')
    expect(sent[0]!.headers).not.toHaveProperty('X-TC-Token')
  })

  it('validates before any network call, reporting every issue', async () => {
    const { fetch } = fakeFetch()
    const input = { Limit: 500, Extra: 1 } as never
    const error = await make({ fetch })
      .describeInstanceBackups(input)
      .catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toBeInstanceOf(CrsKitError)
    expect(error.name).toBe('ValidationError')
    expect(error.issues.map((i: { code: string }) => i.code).sort()).toEqual(
      ['InvalidParameterValue', 'MissingParameter', 'UnknownParameter'].sort(),
    )
    expect(fetch).not.toHaveBeenCalled()
  })

  it('pages through every backup', async () => {
    const { all, sent, fetch } = pagedService()
    const ids: string[] = []
    for await (const backup of make({ fetch }).paginateDescribeInstanceBackups({
      InstanceId: 'crs-1',
      Limit: 5,
    })) {
      ids.push(backup.BackupId)
    }
    expect(ids).toEqual(all.map((b) => b.BackupId))
    expect(sent).toHaveLength(3)
  })

  it('starts a listing at the input Offset, and refuses one off the Limit grid before sending anything', async () => {
    const { all, sent, fetch } = pagedService()
    const client = make({ fetch })
    const ids: string[] = []
    for await (const backup of client.paginateDescribeInstanceBackups({
      InstanceId: 'crs-1',
      Limit: 5,
      Offset: 5,
    }))
      ids.push(backup.BackupId)
    expect(ids).toEqual(all.slice(5).map((b) => b.BackupId))
    expect(sent.map(({ body }) => JSON.parse(body).Offset)).toEqual([5, 10])

    const error = await (async () => {
      for await (const _ of client.paginateDescribeInstanceBackups({
        InstanceId: 'crs-1',
        Limit: 5,
        Offset: 7,
      })) {
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'Offset' })])
    expect(sent).toHaveLength(2)
  })
})

describe('RedisClient clock skew', () => {
  const expired = { Error: { Code: 'AuthFailure.SignatureExpire', Message: 'expired' }, RequestId: 'r' }

  it('does not retry a SignatureExpire it cannot correct (no Date header)', async () => {
    const { sent, fetch } = fakeFetch(() => expired)
    const error = await make({ fetch })
      .describeInstanceBackups({ InstanceId: 'crs-1' })
      .catch((e) => e)
    expect(error).toMatchObject({ name: 'TencentCloudError', code: 'AuthFailure.SignatureExpire' })
    expect(sent).toHaveLength(1)
  })

  it('corrects once from the Date header, signing with the server time, and stops if that fails too', async () => {
    const serverTime = Date.now() + 7_200_000
    const sent: string[] = []
    const fetch = vi.fn(async (_: string, init: RequestInit) => {
      sent.push((init.headers as Record<string, string>)['X-TC-Timestamp']!)
      return new Response(JSON.stringify({ Response: expired }), {
        headers: { Date: new Date(serverTime).toUTCString() },
      })
    })
    const error = await make({ fetch })
      .describeInstanceBackups({ InstanceId: 'crs-1' })
      .catch((e) => e)
    expect(error.code).toBe('AuthFailure.SignatureExpire')
    expect(sent).toHaveLength(2)
    expect(Number(sent[1]) - Number(sent[0])).toBeGreaterThan(7_190)
  })
})

describe('RedisClient rate limiting', () => {
  it('shares one limiter per action between concurrent calls; false disables it', async () => {
    const { fetch } = fakeFetch()
    const limited = make({ fetch, rateLimit: 50 })
    let start = performance.now()
    await Promise.all(Array.from({ length: 60 }, () => limited.manualBackupInstance({ InstanceId: 'crs-1' })))
    expect(performance.now() - start).toBeGreaterThanOrEqual(1000) // 50 at once, the other 10 a second later
    const free = make({ fetch, rateLimit: false })
    start = performance.now()
    await Promise.all(Array.from({ length: 60 }, () => free.manualBackupInstance({ InstanceId: 'crs-1' })))
    expect(performance.now() - start).toBeLessThan(150)
  })
})

describe('RedisClient aborts', () => {
  const hanging = () =>
    vi.fn(
      (_: string, init: RequestInit) =>
        new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    )

  it('lets many concurrent calls share one signal with a single listener on it, and aborts them all', async () => {
    const fetch = hanging()
    // 5 of the 30 are sent at once (rateLimit 5), the others wait their turn: both kinds of wait listen.
    const client = make({ fetch, rateLimit: 5 })
    const controller = new AbortController()
    const calls = Array.from({ length: 30 }, () =>
      client.describeInstanceBackups({ InstanceId: 'crs-1' }, { signal: controller.signal }).catch((e) => e),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Node 20 warns of a possible leak (MaxListenersExceededWarning) past ten listeners on one signal.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    controller.abort()
    const errors = await Promise.all(calls)
    expect(errors.every((e) => e instanceof AbortError)).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(5)
  })

  it('takes its listener off a signal when the calls on it are done, so a timeout signal is not kept alive', async () => {
    const { fetch } = fakeFetch(() => ({ TotalCount: 0, BackupSet: [], RequestId: 'r' }))
    const client = make({ fetch, rateLimit: 5 })
    const signal = AbortSignal.timeout(600_000)
    const waiting = Array.from({ length: 8 }, () =>
      client.describeInstanceBackups({ InstanceId: 'crs-1' }, { signal }),
    )
    expect(getEventListeners(signal, 'abort')).toHaveLength(1)
    await Promise.all(waiting)
    // Node holds a timeout signal with a listener until it fires: here, 10 minutes of memory per call.
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
    // A later call on the same signal listens again, and an abort still reaches it.
    const controller = new AbortController()
    await client.describeInstanceBackups({ InstanceId: 'crs-1' }, { signal: controller.signal })
    const hangingClient = make({ fetch: hanging(), rateLimit: false })
    const late = hangingClient
      .describeInstanceBackups({ InstanceId: 'crs-1' }, { signal: controller.signal })
      .catch((e) => e)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    controller.abort()
    expect(await late).toBeInstanceOf(AbortError)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('sends nothing when the signal aborts while the credentials are being fetched', async () => {
    const { fetch } = fakeFetch()
    const controller = new AbortController()
    const credentials = async () => {
      controller.abort()
      return { secretId: 'AKIDEXAMPLE', secretKey }
    }
    const error = await make({ fetch, credentials, rateLimit: false })
      .manualBackupInstance({ InstanceId: 'crs-1' }, { signal: controller.signal })
      .catch((e) => e)
    // Nothing left: an AbortError, not an unknown outcome.
    expect(error).toBeInstanceOf(AbortError)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('does not send at all with an aborted signal', async () => {
    const fetch = hanging()
    const error = await make({ fetch })
      .describeInstanceBackups({ InstanceId: 'crs-1' }, { signal: AbortSignal.abort() })
      .catch((e) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('reports an aborted describe as AbortError and an aborted backup as an unknown outcome', async () => {
    const fetch = hanging()
    const describeError = await make({ fetch })
      .describeInstanceBackups({ InstanceId: 'crs-1' }, { signal: AbortSignal.timeout(20) })
      .catch((e) => e)
    expect(describeError).toBeInstanceOf(AbortError)
    const manualError = await make({ fetch })
      .manualBackupInstance({ InstanceId: 'crs-1' }, { signal: AbortSignal.timeout(20) })
      .catch((e) => e)
    expect(manualError).toBeInstanceOf(OutcomeUnknownError)
    expect(manualError.cause).toBeInstanceOf(AbortError)
    expect(fetch).toHaveBeenCalledTimes(2)
  })
})

describe('RedisClient secrets', () => {
  it('never shows credentials in JSON.stringify, util.inspect or errors', async () => {
    const fetch = vi.fn(async () => new Response('<html>502</html>', { status: 502 }))
    const client = make({ fetch, backoff: { baseMs: 1 } })
    const error = await client.manualBackupInstance({ InstanceId: 'crs-1' }).catch((e) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    const views = [
      JSON.stringify(client),
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      String(error.stack),
    ]
    for (const view of views) {
      expect(view).not.toContain(secretKey)
      expect(view).not.toContain(token)
    }
    expect(JSON.parse(views[0]!)).toEqual({
      region: 'ap-guangzhou',
      endpoint: 'https://redis.tencentcloudapi.com',
    })
  })
})

describe('RedisClient options', () => {
  it.each<[Partial<RedisClientOptions>, RegExp]>([
    [{ region: '' }, /region/],
    [{ region: 'ap-guangzhou ' }, /region such as "ap-guangzhou", got "ap-guangzhou "/],
    [{ region: 'AP-GUANGZHOU' }, /region/],
    [{ region: 'guangzhou' }, /region/],
    [{ language: 'fr-FR' as never }, /language/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ maxAttempts: 1.5 }, /maxAttempts/],
    [{ rateLimit: -1 }, /rateLimit/],
    [{ rateLimit: 0 }, /rateLimit/],
    [{ rateLimit: Number.NaN }, /rateLimit/],
    // `true` is not "on" (that is the default): the message names the number wanted and `false`.
    [{ rateLimit: true as never }, /^rateLimit \(or false\) must be a positive number up to \d+, got true$/],
    [{ endpoint: 'localhost:4010' }, /endpoint/],
    [
      { backoff: { baseMs: 500, maxMs: 200 } },
      /^backoff.baseMs \(at most backoff.maxMs\) must be a positive number up to 200, got 500$/,
    ],
    [{ backoff: { baseMs: 10_000 } }, /up to 5000, got 10000$/],
  ])('refuses %o', (options, message) => {
    expect(() => make(options)).toThrow(ConfigurationError)
    expect(() => make(options)).toThrow(message)
  })

  it('refuses options that are not an object, naming what it got', () => {
    // The region without its object, as a first try often reads.
    expect(() => new RedisClient('ap-guangzhou' as never)).toThrow(
      new ConfigurationError('RedisClient takes { region, ... }, got "ap-guangzhou"'),
    )
    expect(() => new RedisClient(undefined as never)).toThrow(
      'RedisClient takes { region, ... }, got undefined',
    )
  })

  it('takes every region of the spec', () => {
    for (const region of regions) expect(make({ region }).region).toBe(region)
  })

  it('refuses a session token that is not a string', () => {
    const credentials = { secretId: 'AKIDEXAMPLE', secretKey, token: 5 as never }
    expect(() => make({ credentials })).toThrow(ConfigurationError)
    expect(() => make({ credentials })).toThrow(
      'credentials: token must be a string of printable ASCII without spaces or line breaks, or left out; got number',
    )
  })

  it('names a fetch option that returns something other than a Response', async () => {
    // A wrapper that forgot its `return`, and one returning its own object.
    for (const [returned, shown] of [
      [undefined, 'undefined'],
      [{ ok: true }, '{"ok":true}'],
    ] as const) {
      const fetch = vi.fn(async () => returned as never)
      const describeError = await make({ fetch, maxAttempts: 1 })
        .describeInstanceBackups({ InstanceId: 'crs-1' })
        .catch((e: unknown) => e)
      expect(describeError).toMatchObject({
        name: 'NetworkError',
        message: `DescribeInstanceBackups: fetch returned ${shown}, not a Response`,
        code: undefined,
        mayHaveReachedServer: true,
      })
      // The wrapper was called, so a backup may have been asked for: its outcome is unknown, and says why.
      const backupError = await make({ fetch })
        .manualBackupInstance({ InstanceId: 'crs-1' })
        .catch((e: unknown) => e)
      expect(backupError).toBeInstanceOf(OutcomeUnknownError)
      expect((backupError as Error).message).toContain(`fetch returned ${shown}, not a Response`)
    }
  })
})

describe('RedisClient input as JavaScript callers write it', () => {
  it('leaves fields set to null or undefined out of what it sends (validation reads them as absent)', async () => {
    const { sent, fetch } = fakeFetch(({ headers }) =>
      headers['X-TC-Action'] === 'ManualBackupInstance'
        ? { TaskId: 1, RequestId: 'r' }
        : { TotalCount: 0, BackupSet: [], RequestId: 'r' },
    )
    const input = { InstanceId: 'crs-1', Limit: null, Status: null, BeginTime: undefined, Extra: undefined }
    await make({ fetch }).describeInstanceBackups(input as never)
    expect(sent[0]!.body).toBe('{"InstanceId":"crs-1"}')
    await make({ fetch }).manualBackupInstance({ InstanceId: 'crs-1', Remark: 'null' })
    expect(sent[1]!.body).toBe('{"InstanceId":"crs-1","Remark":"null"}')
  })

  it('names the class of an object given where a string belongs', async () => {
    const { fetch } = fakeFetch()
    const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
    const error = await make({ fetch })
      .describeInstanceBackups({ InstanceId: 'crs-1', BeginTime: when as never })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toContain('BeginTime must be a string, got Date "2026-01-02T03:04:05.000Z"')
    expect(fetch).not.toHaveBeenCalled()
  })
})
