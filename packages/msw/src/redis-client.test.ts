import {
  formatTcTime,
  OutcomeUnknownError,
  parseTcTime,
  RedisClient,
  TencentCloudError,
} from '@crs-kit/client'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHandlers } from './create-handlers.ts'
import { createMockClock } from './mock-clock.ts'

// Our own RedisClient, with its default transport (node:https, intercepted by msw), against the handlers
// with signatures checked: what a service's test suite does.

const credentials = { secretId: 'AKIDCLIENT', secretKey: 'client-secret' }
const clock = createMockClock()
const mock = createHandlers({ credentials: [credentials], clock, backupDurationMs: 30_000 })
const server = setupServer(...mock.handlers)

beforeAll(() => server.listen())
afterEach(() => {
  mock.reset()
  clock.set(Date.now())
})
afterAll(() => server.close())

const client = (options: { region?: string; secretKey?: string } = {}) =>
  new RedisClient({
    region: options.region ?? 'ap-guangzhou',
    credentials: { ...credentials, secretKey: options.secretKey ?? credentials.secretKey },
    backoff: { baseMs: 1, maxMs: 5 },
  })

/** Resolves when the next request reaches msw. */
const nextRequest = () =>
  new Promise<void>((resolve) => {
    const seen = () => {
      server.events.removeListener('request:start', seen)
      resolve()
    }
    server.events.on('request:start', seen)
  })

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  )

describe('RedisClient against the handlers', () => {
  it('lists the seed backups and starts a backup that locks the instance until it finishes', async () => {
    const redis = client()
    const listed = await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p', Limit: 5 })
    expect(listed).toMatchObject({ TotalCount: 2, BackupSet: [{ Remark: 'テスト使用' }, { Remark: 'xxx' }] })

    const { TaskId } = await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'nightly' })
    expect(Number.isSafeInteger(TaskId)).toBe(true)
    const locked = await rejection(redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p' }))
    expect(locked).toBeInstanceOf(TencentCloudError)
    expect(locked).toMatchObject({
      code: 'ResourceUnavailable.InstanceLockedError',
      action: 'ManualBackupInstance',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    const running = await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p', Status: [1] })
    expect(running.BackupSet).toMatchObject([{ Remark: 'nightly', BackupType: '0', Status: 1 }])

    clock.advance(30_000)
    const done = await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p', Status: [2] })
    expect(done.TotalCount).toBe(3)
    expect((await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p' })).TaskId).toBe(TaskId + 1)
  })

  it('is still answered by the handlers when a proxy variable is set, since Node is not told to use it', async () => {
    // A CI machine often sets https_proxy for package downloads; msw must keep intercepting the calls.
    vi.stubEnv('https_proxy', 'http://127.0.0.1:9')
    vi.stubEnv('HTTPS_PROXY', 'http://127.0.0.1:9')
    vi.stubEnv('NODE_USE_ENV_PROXY', '')
    vi.stubEnv('NODE_OPTIONS', '')
    try {
      const redis = client()
      expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
      expect((await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p' })).TaskId).toBeGreaterThan(0)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it("lists the seed backups in the shape of the mock's own finished backups", async () => {
    const redis = client()
    await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'nightly' })
    clock.advance(30_000)
    const { BackupSet } = await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })
    expect(BackupSet).toHaveLength(3)
    const shapes = new Set(BackupSet.map((b) => Object.keys(b).sort().join(',')))
    expect([...shapes]).toHaveLength(1)
    expect(BackupSet[0]).toMatchObject({
      InstanceId: 'crs-5a4py64p',
      Region: 'ap-guangzhou',
      Remark: 'テスト使用',
    })
  })

  it('paginates every backup once, in order', async () => {
    const base = Date.UTC(2024, 0, 1)
    for (let i = 0; i < 45; i++) {
      mock.state.addBackup('crs-5a4py64p', {
        StartTime: formatTcTime(base + i * 60_000),
        BackupId: `b-${i}`,
        BackupType: '1',
        Status: 2,
        Remark: `auto ${i}`,
        Locked: 0,
      })
    }
    const ids: string[] = []
    for await (const b of client().paginateDescribeInstanceBackups({ InstanceId: 'crs-5a4py64p', Limit: 10 }))
      ids.push(b.BackupId)
    expect(ids).toHaveLength(47)
    expect(ids.slice(2)).toEqual(Array.from({ length: 45 }, (_, i) => `b-${i}`))
  })

  it("lists a time window given with the client's formatTcTime, whatever the process's time zone", async () => {
    const zone = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    try {
      // The seed backups started at 12:51:21 and 12:53:06 on 2018-09-04 in UTC+8, 04:51:21 and 04:53:06 UTC.
      const page = await client().describeInstanceBackups({
        InstanceId: 'crs-5a4py64p',
        BeginTime: formatTcTime(new Date(Date.UTC(2018, 8, 4, 4, 52))),
        EndTime: formatTcTime(Date.UTC(2018, 8, 4, 5, 0)),
      })
      expect(page.BackupSet.map((b) => b.StartTime)).toEqual(['2018-09-04 12:53:06'])
      expect(parseTcTime(page.BackupSet[0]!.StartTime)).toBe(Date.UTC(2018, 8, 4, 4, 53, 6))
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('reaches a financial region on its own host, and finds an instance only in its own region', async () => {
    mock.state.addInstance({ InstanceId: 'crs-fsi00001', Region: 'ap-shanghai-fsi' })
    const fsi = client({ region: 'ap-shanghai-fsi' })
    const { TaskId } = await fsi.manualBackupInstance({ InstanceId: 'crs-fsi00001' })
    expect(TaskId).toEqual(expect.any(Number))
    const listed = await fsi.describeInstanceBackups({ InstanceId: 'crs-fsi00001' })
    expect(listed.BackupSet).toMatchObject([{ Region: 'ap-shanghai-fsi', InstanceId: 'crs-fsi00001' }])
    // The seed instance lives in ap-guangzhou: another region, financial or not, does not see it.
    for (const region of ['ap-shanghai-fsi', 'ap-beijing'])
      expect(
        await rejection(client({ region }).describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })),
      ).toMatchObject({
        code: 'ResourceNotFound.InstanceNotExists',
        // The message tells the test author where the instance is.
        message: expect.stringContaining(
          `instance "crs-5a4py64p" does not exist in region ${region} (the mock has it in ap-guangzhou)`,
        ),
      })
    expect(
      await rejection(client({ region: 'ap-beijing' }).manualBackupInstance({ InstanceId: 'crs-5a4py64p' })),
    ).toMatchObject({ code: 'ResourceNotFound.InstanceNotExists' })
    expect(mock.state.backups('crs-5a4py64p')).toHaveLength(2)
  })

  it('dates its answers by the mock clock, so the client corrects its skew from them', async () => {
    // The mock's clock runs 10 minutes ahead of ours: the first call is outside the 5-minute window.
    clock.set(Date.now() + 10 * 60_000)
    let calls = 0
    const count = () => calls++
    server.events.on('request:start', count)
    const redis = client()
    expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
    expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
    server.events.removeListener('request:start', count)
    // SignatureExpire, the corrected retry, then the next call signed right the first time.
    expect(calls).toBe(3)
  })

  it('gets AuthFailure.SignatureFailure with a wrong secret', async () => {
    const e = await rejection(
      client({ secretKey: 'wrong' }).describeInstanceBackups({ InstanceId: 'crs-5a4py64p' }),
    )
    expect(e).toMatchObject({ name: 'TencentCloudError', code: 'AuthFailure.SignatureFailure' })
  })

  it('retries what the overrides make retryable, and never runs a dropped backup twice', async () => {
    mock.override('DescribeInstanceBackups', { networkError: true, once: true })
    mock.override('ManualBackupInstance', { error: 'RequestLimitExceeded', once: true })
    const redis = client()
    expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
    expect((await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p' })).TaskId).toEqual(
      expect.any(Number),
    )

    clock.advance(30_000)
    // A dropped connection after the mock has the request: the outcome is unknown and nothing is re-sent, on
    // msw 3 and msw 2 alike (msw 2 fails the request before its mock socket connects, after it was written).
    const before = mock.state.backups('crs-5a4py64p').length
    mock.override('ManualBackupInstance', { networkError: true, once: true })
    const outcome = await redis.manualBackupInstance({ InstanceId: 'crs-5a4py64p' }).catch((e: unknown) => e)
    expect(outcome).toBeInstanceOf(OutcomeUnknownError)
    expect(mock.state.backups('crs-5a4py64p')).toHaveLength(before)
  })

  it('does not run a call a delay held back across reset(), which starts the next test clean', async () => {
    mock.override('ManualBackupInstance', { delayMs: 10_000 })
    const arrived = nextRequest()
    const pending = rejection(client().manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'leaked' }))
    // Once the mock has the call and has had time to start holding it back (checking its signature first).
    await arrived
    await new Promise((resolve) => setTimeout(resolve, 250))
    const resetAt = performance.now()
    mock.reset() // what an afterEach does while the call is still held back
    expect(await pending).toMatchObject({ name: 'TencentCloudError', code: 'UnsupportedOperation' })
    // Answered at the reset, not after the rest of its delay (into the next test).
    expect(performance.now() - resetAt).toBeLessThan(5000)
    expect(((await pending) as Error).message).toMatch(/reset while a delay override held this call back/)
    expect(mock.state.backups('crs-5a4py64p')).toHaveLength(2)
    expect(mock.state.isLocked('crs-5a4py64p')).toBe(false)
  })

  it('never re-sends a backup the mock holds back, whether the caller aborts or the attempt times out', async () => {
    let sent = 0
    const count = ({ request }: { request: Request }) => {
      if (request.headers.get('x-tc-action') === 'ManualBackupInstance') sent++
    }
    server.events.on('request:start', count)
    try {
      mock.override('ManualBackupInstance', { delayMs: 1500, once: true })
      const timedOut = await rejection(
        client().manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'slow' }, { timeoutMs: 400 }),
      )
      expect(timedOut).toBeInstanceOf(OutcomeUnknownError)
      expect(sent).toBe(1)

      mock.reset()
      mock.override('ManualBackupInstance', { delayMs: 1500, once: true })
      const controller = new AbortController()
      // Aborted once the mock has the call: the caller gives up on a request that arrived.
      void nextRequest().then(() => setTimeout(() => controller.abort(), 50))
      const aborted = await rejection(
        client().manualBackupInstance({ InstanceId: 'crs-5a4py64p' }, { signal: controller.signal }),
      )
      expect(aborted).toBeInstanceOf(OutcomeUnknownError)
      expect((aborted as OutcomeUnknownError).cause).toMatchObject({ name: 'AbortError' })
      expect(sent).toBe(2)
    } finally {
      server.events.removeListener('request:start', count)
    }
  })
})
