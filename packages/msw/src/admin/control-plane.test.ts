import { OutcomeUnknownError, RedisClient, TencentCloudError } from '@crs-kit/client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type MockServer, startMockServer } from '../server.ts'
import { codeOf, tc3Post } from '../test-requests.fixture.ts'

/** A control-plane answer: arbitrary JSON, read by path in the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions are the type check
type Answer = any

// The control plane as a suite in another language drives it: plain HTTP to /__crs-mock/, then real signed
// calls of our client, asserting what that client sees.

const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const instanceId = 'crs-5a4py64p'

let server: MockServer
beforeAll(async () => {
  server = await startMockServer({ backupDurationMs: 60_000 })
})
afterEach(() => admin('POST', 'reset'))
afterAll(() => server.close())

/** One control-plane request: its HTTP status, headers and JSON answer. */
async function admin(method: string, path: string, body?: unknown, base = server.url) {
  const response = await fetch(`${base}/__crs-mock/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer }
}

const client = (region = 'ap-guangzhou') =>
  new RedisClient({ region, endpoint: server.url, credentials, backoff: { baseMs: 1, maxMs: 5 } })

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  )

const backup = (id: string, startTime: string) => ({
  StartTime: startTime,
  BackupId: id,
  BackupType: '1',
  Status: 2,
  Remark: 'seeded',
  Locked: 0,
})

describe('overrides over HTTP', () => {
  it('answers an error code to the client once, then the normal answer', async () => {
    const added = await admin('POST', 'overrides', {
      action: 'ManualBackupInstance',
      error: 'ResourceUnavailable.InstanceLockedError',
      once: true,
    })
    expect(added).toMatchObject({ status: 201, json: { id: expect.any(Number), remaining: 1 } })
    const refused = await rejection(client().manualBackupInstance({ InstanceId: instanceId }))
    expect(refused).toBeInstanceOf(TencentCloudError)
    expect(refused).toMatchObject({ code: 'ResourceUnavailable.InstanceLockedError' })
    expect((await client().manualBackupInstance({ InstanceId: instanceId })).TaskId).toBeGreaterThan(0)
    expect((await admin('GET', 'overrides')).json).toEqual({ overrides: [] })
    expect((await admin('DELETE', `overrides/${added.json.id}`)).status).toBe(404)
  })

  it('answers a given response, and is gone once removed by its id', async () => {
    const { json } = await admin('POST', 'overrides', {
      action: 'DescribeInstanceBackups',
      response: { TotalCount: 0, BackupSet: [] },
    })
    expect((await admin('GET', 'overrides')).json.overrides).toEqual([
      { id: json.id, action: 'DescribeInstanceBackups', remaining: null, override: expect.any(Object) },
    ])
    expect((await client().describeInstanceBackups({ InstanceId: instanceId })).TotalCount).toBe(0)
    expect((await client().describeInstanceBackups({ InstanceId: instanceId })).TotalCount).toBe(0)
    expect(await admin('DELETE', `overrides/${json.id}`)).toMatchObject({ status: 200 })
    expect((await client().describeInstanceBackups({ InstanceId: instanceId })).TotalCount).toBe(2)
  })

  it('drops the connection for networkError', async () => {
    await admin('POST', 'overrides', { action: 'ManualBackupInstance', networkError: true, times: 1 })
    const lost = await rejection(client().manualBackupInstance({ InstanceId: instanceId }))
    expect(lost).toBeInstanceOf(OutcomeUnknownError)
    await admin('POST', 'overrides', { action: 'DescribeInstanceBackups', networkError: true })
    await expect(fetch(await tc3Post({ InstanceId: instanceId }, { url: `${server.url}/` }))).rejects.toThrow(
      TypeError,
    )
  })

  it('clears every override', async () => {
    await admin('POST', 'overrides', { action: 'DescribeInstanceBackups', error: 'InternalError' })
    await admin('POST', 'overrides', { action: 'ManualBackupInstance', error: 'InternalError' })
    expect((await admin('DELETE', 'overrides')).json).toEqual({ removed: 2 })
    expect((await client().describeInstanceBackups({ InstanceId: instanceId })).TotalCount).toBe(2)
  })
})

describe('seeding over HTTP', () => {
  it('adds an instance the client can list, in its own region only', async () => {
    const added = await admin('POST', 'instances', {
      InstanceId: 'crs-seeded',
      InstanceName: 'seeded',
      Region: 'ap-beijing',
      backups: [backup('b-1', '2026-01-02 03:04:05')],
    })
    expect(added).toMatchObject({
      status: 201,
      json: { replaced: false, instance: { InstanceId: 'crs-seeded' } },
    })
    const page = await client('ap-beijing').describeInstanceBackups({ InstanceId: 'crs-seeded' })
    expect(page).toMatchObject({ TotalCount: 1, BackupSet: [{ BackupId: 'b-1', Remark: 'seeded' }] })
    const elsewhere = await rejection(client().describeInstanceBackups({ InstanceId: 'crs-seeded' }))
    expect(elsewhere).toMatchObject({ code: 'ResourceNotFound.InstanceNotExists' })

    expect(
      await admin('POST', 'instances/crs-seeded/backups', backup('b-2', '2026-01-03 00:00:00')),
    ).toMatchObject({
      status: 201,
    })
    expect(
      (await client('ap-beijing').describeInstanceBackups({ InstanceId: 'crs-seeded' })).TotalCount,
    ).toBe(2)
  })

  it('takes a backup with null optional fields and a field the spec does not name, as the service sends one', async () => {
    const sent = {
      ...backup('b-new', '2026-01-02 03:04:05'),
      BackupSize: null,
      InstanceId: null,
      EndTime: '2026-01-02 03:10:00',
      Encrypted: false,
      StorageTier: 'cold',
    }
    expect((await admin('POST', `instances/${instanceId}/backups`, sent)).status).toBe(201)
    const page = await client().describeInstanceBackups({ InstanceId: instanceId })
    expect(page.BackupSet.find((b) => b.BackupId === 'b-new')).toMatchObject({
      BackupSize: null,
      Encrypted: false,
      StorageTier: 'cold',
    })
  })

  it('replaces every instance with PUT, and an abnormal one refuses a backup', async () => {
    const put = await admin('PUT', 'instances', {
      instances: [{ InstanceId: 'crs-sick', status: 'abnormal' }],
    })
    expect(put.status).toBe(200)
    expect(await rejection(client().describeInstanceBackups({ InstanceId: instanceId }))).toMatchObject({
      code: 'ResourceNotFound.InstanceNotExists',
    })
    expect(await rejection(client().manualBackupInstance({ InstanceId: 'crs-sick' }))).toMatchObject({
      code: 'ResourceUnavailable.InstanceStatusAbnormal',
    })
    expect((await admin('DELETE', 'instances/crs-sick')).status).toBe(200)
    expect((await admin('GET', 'state')).json.instances).toEqual([])
  })

  it('turns an instance abnormal or locks it with PATCH, keeping its backups', async () => {
    const backups = (await admin('GET', `instances/${instanceId}`)).json.backups
    const sick = await admin('PATCH', `instances/${instanceId}`, { status: 'abnormal' })
    expect(sick.status).toBe(200)
    expect(sick.json).toMatchObject({ InstanceId: instanceId, status: 'abnormal', backups })
    expect(await rejection(client().manualBackupInstance({ InstanceId: instanceId }))).toMatchObject({
      code: 'ResourceUnavailable.InstanceStatusAbnormal',
    })
    const locked = await admin('PATCH', `instances/${instanceId}`, { status: 'normal', lockMs: 60_000 })
    expect(locked.json).toMatchObject({ status: 'normal', lockedUntil: expect.any(Number) })
    expect(await rejection(client().manualBackupInstance({ InstanceId: instanceId }))).toMatchObject({
      code: 'ResourceUnavailable.InstanceLockedError',
    })
    expect((await admin('PATCH', `instances/${instanceId}`, { lockMs: 0 })).json.lockedUntil).toBeNull()
    expect((await client().manualBackupInstance({ InstanceId: instanceId })).TaskId).toEqual(
      expect.any(Number),
    )
    expect((await admin('GET', `instances/${instanceId}`)).json.backups).toHaveLength(backups.length + 1)
  })
})

describe('the clock over HTTP', () => {
  it('finishes a running backup when advanced', async () => {
    const { TaskId } = await client().manualBackupInstance({ InstanceId: instanceId, Remark: 'nightly' })
    const before = (await admin('GET', 'state')).json
    expect(before.tasks).toEqual([
      { TaskId, InstanceId: instanceId, BackupId: expect.any(String), finishesAt: expect.any(Number) },
    ])
    expect(before.instances[0].lockedUntil).toBe(before.tasks[0].finishesAt)
    const running = await client().describeInstanceBackups({ InstanceId: instanceId, Status: [1] })
    expect(running.BackupSet).toMatchObject([{ Remark: 'nightly', Status: 1 }])

    const moved = await admin('POST', 'clock', { advanceMs: 60_000 })
    expect(moved.json.offsetMs).toBe(60_000)
    const done = await client().describeInstanceBackups({ InstanceId: instanceId, Status: [2] })
    expect(done.BackupSet.at(-1)).toMatchObject({ Remark: 'nightly', Status: 2, EndTime: expect.any(String) })
    expect((await admin('GET', 'state')).json.tasks).toEqual([])
  })

  it('a backup finished by a move ahead stays finished, and its instance unlocked, when the clock goes back', async () => {
    const first = await client().manualBackupInstance({ InstanceId: instanceId, Remark: 'ahead' })
    // Nothing reads the state while the clock is ahead: the move itself finishes the backup.
    await admin('POST', 'clock', { advanceMs: 60_000 })
    await admin('DELETE', 'clock')
    const state = (await admin('GET', 'state')).json
    expect(state.tasks).toEqual([])
    expect(state.instances[0].lockedUntil).toBeNull()
    const second = await client().manualBackupInstance({ InstanceId: instanceId, Remark: 'after' })
    expect(second.TaskId).toBe(first.TaskId + 1)
    const backups = await client().describeInstanceBackups({ InstanceId: instanceId })
    expect(backups.BackupSet.map((b) => [b.Remark, b.Status])).toEqual(
      expect.arrayContaining([
        ['ahead', 2],
        ['after', 1],
      ]),
    )
  })

  it('expires a signature made with the real time once it is 6 minutes ahead, and reset brings it back', async () => {
    const signedNow = () => tc3Post({ InstanceId: instanceId }, { url: `${server.url}/` })
    expect(await codeOf(await fetch(await signedNow()))).toBeUndefined()
    await admin('POST', 'clock', { advanceMs: 6 * 60_000 })
    expect(await codeOf(await fetch(await signedNow()))).toBe('AuthFailure.SignatureExpire')
    // Our client corrects its skew from the answer's Date: the log shows the refused call and its retry.
    await admin('DELETE', 'calls')
    expect((await client().describeInstanceBackups({ InstanceId: instanceId })).TotalCount).toBe(2)
    expect((await admin('GET', 'calls')).json.calls.map((c: { code: string | null }) => c.code)).toEqual([
      'AuthFailure.SignatureExpire',
      null,
    ])
    await admin('POST', 'reset')
    expect((await admin('GET', 'clock')).json.offsetMs).toBe(0)
    expect(await codeOf(await fetch(await signedNow()))).toBeUndefined()
  })

  it('set back an hour, calls made at the later time do not count in the rate limit, which still holds', async () => {
    const signed = async () => {
      const mockSeconds = Math.floor((await admin('GET', 'clock')).json.now / 1000)
      return tc3Post({ InstanceId: instanceId }, { url: `${server.url}/`, timestamp: mockSeconds })
    }
    const burst = async (n: number) => {
      const requests = await Promise.all(Array.from({ length: n }, signed))
      return Promise.all(requests.map(async (r) => (await codeOf(await fetch(r))) ?? 'ok'))
    }
    expect(await burst(20)).toEqual(Array(20).fill('ok'))
    await admin('POST', 'clock', { time: Date.now() - 3_600_000 })
    // Those 20 calls are an hour in the mock's future now, not in its last second.
    const after = await burst(21)
    expect(after.filter((c) => c === 'ok')).toHaveLength(20)
    expect(after.filter((c) => c !== 'ok')).toEqual(['RequestLimitExceeded'])
  })

  it('sets an absolute time, which keeps running', async () => {
    const moved = await admin('POST', 'clock', { time: '2030-01-02T03:04:05Z' })
    expect(moved.json.iso).toMatch(/^2030-01-02T03:04:05\./)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const later = (await admin('GET', 'clock')).json.now
    expect(later).toBeGreaterThan(Date.parse('2030-01-02T03:04:05Z'))
    expect(later).toBeLessThan(Date.parse('2030-01-02T03:04:05Z') + 60_000)
    expect((await admin('DELETE', 'clock')).json.offsetMs).toBe(0)
  })
})

describe('reset and the call log over HTTP', () => {
  it('counts each action that reached the server, with its outcome, and not the control plane', async () => {
    await admin('POST', 'overrides', { action: 'DescribeInstanceBackups', networkError: true, once: true })
    await client().describeInstanceBackups({ InstanceId: instanceId }) // dropped once, retried
    await client().manualBackupInstance({ InstanceId: instanceId })
    await rejection(client().manualBackupInstance({ InstanceId: instanceId })) // locked
    const { json } = await admin('GET', 'calls')
    expect(json.total).toBe(4)
    expect(json.calls.map((c: { action: string; outcome: string }) => `${c.action} ${c.outcome}`)).toEqual([
      'DescribeInstanceBackups networkError',
      'DescribeInstanceBackups success',
      'ManualBackupInstance success',
      'ManualBackupInstance error',
    ])
    expect(json.calls[3]).toMatchObject({
      region: 'ap-guangzhou',
      code: 'ResourceUnavailable.InstanceLockedError',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      time: expect.any(Number),
    })
    const manual = await admin('GET', 'calls?action=ManualBackupInstance')
    expect(manual.json.calls).toHaveLength(2)
    // The same log, from JavaScript.
    expect(server.calls()).toEqual(json.calls)
    expect(server.calls('ManualBackupInstance')).toEqual(manual.json.calls)
  })

  it('brings back the seed state, no overrides, no calls, empty rate-limit windows and the real time', async () => {
    const limited = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.url,
      credentials,
      rateLimit: false,
      maxAttempts: 1,
    })
    const codes = await Promise.all(
      Array.from({ length: 21 }, () =>
        limited.describeInstanceBackups({ InstanceId: instanceId }).then(
          () => undefined,
          (e: TencentCloudError) => e.code,
        ),
      ),
    )
    expect(codes.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(1)
    await client().manualBackupInstance({ InstanceId: instanceId })
    await admin('POST', 'instances', { InstanceId: 'crs-extra' })
    await admin('POST', 'overrides', { action: 'DescribeInstanceBackups', error: 'InternalError' })
    await admin('POST', 'clock', { advanceMs: 1000 })

    expect(await admin('POST', 'reset')).toMatchObject({ status: 200, json: { ok: true } })
    const state = (await admin('GET', 'state')).json
    expect(state.instances.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([instanceId])
    expect(state.instances[0].backups).toHaveLength(2)
    expect(state.tasks).toEqual([])
    expect((await admin('GET', 'overrides')).json.overrides).toEqual([])
    expect((await admin('GET', 'calls')).json).toEqual({ total: 0, calls: [] })
    expect((await admin('GET', 'clock')).json.offsetMs).toBe(0)
    // The 20 calls before the reset no longer count: 20 more in the same second pass.
    const after = await Promise.all(
      Array.from({ length: 20 }, () =>
        limited.describeInstanceBackups({ InstanceId: instanceId }).then(
          () => 'ok',
          (e: TencentCloudError) => e.code,
        ),
      ),
    )
    expect(after.filter((c) => c !== 'ok')).toEqual([])
  })

  it('needs no signature and is never rate limited', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => admin('GET', 'state')))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect((await admin('GET', 'calls')).json.total).toBe(0)
  })
})
