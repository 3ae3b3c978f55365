import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  NetworkError,
  OutcomeUnknownError,
  RedisClient,
  type RedisClientOptions,
  ResponseError,
  TencentCloudError,
  TimeoutError,
} from '../src/index.ts'
import { type Fault, startLoopbackServer } from './loopback-server.ts'

let server: Awaited<ReturnType<typeof startLoopbackServer>>
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const transports: [string, Partial<RedisClientOptions>][] = [
  ['node:http', {}],
  ['fetch option', { fetch: (url, init) => globalThis.fetch(url, init) }],
]

const manualInput = { InstanceId: 'crs-5a4py64p', Remark: 'nightly' }
const describeInput = { InstanceId: 'crs-5a4py64p', Limit: 5 }

describe.each(transports)('faults over %s', (_, transport) => {
  const client = () =>
    new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.origin,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      timeoutMs: 300,
      backoff: { baseMs: 1, maxMs: 5 },
      ...transport,
    })
  const manual = 'ManualBackupInstance'
  const describeAction = 'DescribeInstanceBackups'

  it('succeeds with verified signatures, and a numeric-string TaskId comes back as a number', async () => {
    const c = client()
    expect(await c.manualBackupInstance(manualInput)).toEqual({ TaskId: 6954227, RequestId: 'req-1' })
    const page = await c.describeInstanceBackups(describeInput)
    expect(page.TotalCount).toBe(7)
    expect(page.BackupSet).toHaveLength(5)
    expect(server.received.every((r) => r.verified)).toBe(true)
  })

  it.each<[Fault, string, string]>([
    ['reset', 'NetworkError', 'connection reset after the request arrived'],
    ['stall', 'TimeoutError', 'no answer within the timeout'],
    ['stall-body', 'TimeoutError', 'a body that stops mid-way'],
    ['html-502', 'ResponseError', 'a 502 HTML page'],
    ['truncated', 'NetworkError', 'a body cut off mid-way'],
    ['bad-json', 'ResponseError', 'a complete 200 with cut-short JSON'],
  ])(
    'ManualBackupInstance is sent once on %s and the outcome is reported unknown (%s: %s)',
    async (fault, causeName) => {
      server.fault(manual, fault)
      const error = await client()
        .manualBackupInstance(manualInput)
        .catch((e) => e)
      expect(error).toBeInstanceOf(OutcomeUnknownError)
      expect(error.name).toBe('OutcomeUnknownError')
      expect(error.action).toBe(manual)
      expect(error.cause.name).toBe(causeName)
      expect(error.check).toMatch(
        /DescribeInstanceBackups with InstanceId "crs-5a4py64p" and BeginTime "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/,
      )
      expect(server.count(manual)).toBe(1)
    },
  )

  it('ManualBackupInstance is not retried on InternalError, and its outcome is reported unknown', async () => {
    server.fault(manual, 'internal', 'internal')
    const error = await client()
      .manualBackupInstance(manualInput)
      .catch((e) => e)
    // The service failed somewhere inside, maybe after the backup started: the caller must look before a second try.
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    // The service's code and RequestId are in the message, not only on the cause: a log line is enough to ask support.
    expect(error.message).toMatch(
      /^ManualBackupInstance was not retried: it is not idempotent and may have reached the server \(InternalError: InternalError \(loopback\), RequestId req-1\)\. Before calling it again, /,
    )
    expect(error.check).toMatch(/DescribeInstanceBackups/)
    expect(error.cause).toBeInstanceOf(TencentCloudError)
    expect(error.cause).toMatchObject({ code: 'InternalError', action: manual, requestId: 'req-1' })
    expect(server.count(manual)).toBe(1)
  })

  it('an unknown outcome after a retry says which attempt may have run', async () => {
    server.fault(manual, 'rate-limit', 'internal')
    const error = await client()
      .manualBackupInstance(manualInput)
      .catch((e) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.message).toMatch(/^ManualBackupInstance was not retried after attempt 2: .*InternalError/)
    expect(error.message).not.toMatch(/attempts\)$/)
    expect(server.count(manual)).toBe(2) // refused once, then the attempt that may have run
  })

  it('ManualBackupInstance is retried after RequestLimitExceeded, which proves it did not run', async () => {
    server.fault(manual, 'rate-limit')
    expect((await client().manualBackupInstance(manualInput)).TaskId).toBe(6954227)
    expect(server.count(manual)).toBe(2) // refused once, run once
  })

  it('waits for the next second after RequestLimitExceeded (the service counts calls per second), up to backoff.maxMs', async () => {
    server.fault(manual, 'rate-limit')
    const started = performance.now()
    const patient = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.origin,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      rateLimit: false,
      ...transport,
    })
    expect((await patient.manualBackupInstance(manualInput)).TaskId).toBe(6954227)
    // With the default backoff (100 ms base) the retry would land in the same second, refused again.
    expect(performance.now() - started).toBeGreaterThanOrEqual(990)
    expect(server.count(manual)).toBe(2)
  })

  it('a product error carries code, message, requestId and action', async () => {
    server.fault(manual, 'locked')
    const error = await client()
      .manualBackupInstance(manualInput)
      .catch((e) => e)
    expect(error).toMatchObject({
      name: 'TencentCloudError',
      code: 'ResourceUnavailable.InstanceLockedError',
      message: 'ResourceUnavailable.InstanceLockedError (loopback)',
      requestId: 'req-1',
      action: manual,
    })
    expect(TencentCloudError.is(error, manual)).toBe(true)
    expect(server.count(manual)).toBe(1)
  })

  it.each<Fault>(['reset', 'stall', 'stall-body', 'html-502', 'truncated', 'rate-limit', 'internal'])(
    'DescribeInstanceBackups is retried after %s',
    async (fault) => {
      server.fault(describeAction, fault)
      expect((await client().describeInstanceBackups(describeInput)).BackupSet).toHaveLength(5)
      expect(server.count(describeAction)).toBe(2)
    },
  )

  it.each<[Fault, abstract new (...args: never[]) => Error]>([
    ['reset', NetworkError],
    ['stall', TimeoutError],
    ['html-502', ResponseError],
    ['internal', TencentCloudError],
  ])('DescribeInstanceBackups gives up after 3 attempts of %s', async (fault, errorClass) => {
    server.fault(describeAction, fault, fault, fault)
    const error = await client()
      .describeInstanceBackups(describeInput)
      .catch((e) => e)
    expect(error).toBeInstanceOf(errorClass)
    expect(error.action).toBe(describeAction)
    // The message says the call was retried; the service's own message is left as it sent it.
    if (error instanceof TencentCloudError) expect(error.message).not.toMatch(/attempts/)
    else expect(error.message).toMatch(/ \(3 attempts\)$/)
    if (error instanceof ResponseError) {
      expect(error.status).toBe(502)
      expect(error.excerpt).toContain('502 Bad Gateway')
    }
    expect(server.count(describeAction)).toBe(3)
  })

  it("stops at the caller's abort: AbortError for describe, unknown outcome for a backup", async () => {
    server.fault(describeAction, 'stall')
    server.fault(manual, 'stall')
    const c = client()
    const signal = () => AbortSignal.timeout(50)
    const describeError = await c.describeInstanceBackups(describeInput, { signal: signal() }).catch((e) => e)
    expect(describeError.name).toBe('AbortError')
    const manualError = await c.manualBackupInstance(manualInput, { signal: signal() }).catch((e) => e)
    expect(manualError.name).toBe('OutcomeUnknownError')
    expect(manualError.cause.name).toBe('AbortError')
    expect([server.count(describeAction), server.count(manual)]).toEqual([1, 1])
  })

  it('corrects a skewed clock from the Date header once, then keeps the offset', async () => {
    server.state.clockOffsetMs = 3_600_000
    const c = client()
    expect((await c.manualBackupInstance(manualInput)).TaskId).toBe(6954227)
    expect(server.count(manual)).toBe(2) // SignatureExpire (refused), then the corrected call
    await c.describeInstanceBackups(describeInput)
    expect(server.count(describeAction)).toBe(1)
  })

  it('retries any action when the connection is refused, then says the request never arrived', async () => {
    const closed = await startLoopbackServer()
    await closed.close()
    const c = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: closed.origin,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      backoff: { baseMs: 1, maxMs: 2 },
      ...transport,
    })
    const error = await c.manualBackupInstance(manualInput).catch((e) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveReachedServer: false, action: manual })
  })

  it('does not follow a redirect: a backup reaches the server once and its outcome is reported unknown', async () => {
    const c = client()
    server.fault(manual, 'redirect')
    const error = await c.manualBackupInstance(manualInput).catch((e) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.cause).toBeInstanceOf(ResponseError)
    expect(error.cause.status).toBe(307)
    server.fault(describeAction, 'redirect')
    const describeError = await c.describeInstanceBackups(describeInput).catch((e) => e)
    expect(describeError).toBeInstanceOf(ResponseError)
    // Where it pointed, not "an empty body": an http endpoint redirecting to https is the common case.
    expect(describeError.message).toBe(
      'DescribeInstanceBackups: HTTP 307, a redirect to /moved, not followed (check the endpoint): ""',
    )
    expect([server.count(manual), server.count(describeAction)]).toEqual([1, 1])
  })

  it('reads an answer with a byte order mark before its JSON', async () => {
    server.fault(manual, 'bom')
    expect(await client().manualBackupInstance(manualInput)).toEqual({ TaskId: 6954227, RequestId: 'req-1' })
  })
})

describe('the node:http transport', () => {
  it('reuses keep-alive connections for idempotent calls and opens a fresh one for a backup', async () => {
    const c = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.origin,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
    })
    await c.describeInstanceBackups(describeInput)
    await c.describeInstanceBackups(describeInput)
    await c.manualBackupInstance(manualInput)
    await c.manualBackupInstance(manualInput)
    const [d1, d2, m1, m2] = server.received.map((r) => r.clientPort)
    expect(d2).toBe(d1)
    expect(new Set([d1, m1, m2]).size).toBe(3)
  })
})
