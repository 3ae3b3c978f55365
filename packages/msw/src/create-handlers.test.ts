import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from './create-handlers.ts'
import { createMockService } from './create-mock-service.ts'
import { handlers } from './index.ts'
import { createMockClock } from './mock-clock.ts'
import {
  codeOf,
  envelope,
  secretId,
  secretKey,
  tc3Get,
  tc3Post,
  unsignedDescribe,
  v1Request,
} from './test-requests.fixture.ts'

// Plain fetch through msw's setupServer, signed the way @crs-kit/client signs (core's signTc3).

const clock = createMockClock()
const mock = createHandlers({
  credentials: [{ secretId, secretKey }],
  clock,
  backupDurationMs: 60_000,
  hosts: ['127.0.0.1:4010'],
})
const server = setupServer(...mock.handlers)

beforeAll(() => server.listen())
afterEach(() => {
  mock.reset()
  clock.set(Date.now())
})
afterAll(() => server.close())

const now = () => Math.floor(clock.now() / 1000)
const describeBackups = async (params: object) =>
  envelope(await fetch(await tc3Post({ InstanceId: 'crs-5a4py64p', ...params }, { timestamp: now() })))
const manualBackup = async (Remark?: string) =>
  envelope(
    await fetch(
      await tc3Post(
        { InstanceId: 'crs-5a4py64p', Remark },
        { action: 'ManualBackupInstance', timestamp: now() },
      ),
    ),
  )

describe('createHandlers with setupServer', () => {
  it('answers the seed sample to a TC3-signed POST', async () => {
    const response = await fetch(
      await tc3Post({ InstanceId: 'crs-5a4py64p', Limit: 5, Offset: 0 }, { timestamp: now() }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const r = await envelope(response)
    expect(r).toMatchObject({
      TotalCount: 2,
      BackupSet: [{ BackupType: '0', Status: 2, Locked: 0 }, { Remark: 'xxx' }],
    })
  })

  it('answers a TC3-signed GET and a v1 GET/POST, on the regional and the extra hosts', async () => {
    const get = await fetch(await tc3Get('InstanceId=crs-5a4py64p&Status.0=2&Limit=1', { timestamp: now() }))
    expect(await envelope(get)).toMatchObject({ TotalCount: 2, BackupSet: [{ Remark: 'テスト使用' }] })
    for (const method of ['GET', 'POST'] as const) {
      for (const signatureMethod of ['HmacSHA1', 'HmacSHA256'] as const) {
        const url =
          method === 'GET' ? 'https://redis.ap-guangzhou.tencentcloudapi.com/' : 'http://127.0.0.1:4010/'
        const request = v1Request(
          { InstanceId: 'crs-5a4py64p', Limit: 1 },
          { method, signatureMethod, url, timestamp: now() },
        )
        expect(await envelope(await fetch(request)), `${method} ${signatureMethod}`).toMatchObject({
          TotalCount: 2,
        })
      }
    }
  })

  it('refuses wrong signatures, unknown keys, stale timestamps and bad headers', async () => {
    expect(await codeOf(await fetch(await tc3Post({}, { secretKey: 'wrong', timestamp: now() })))).toBe(
      'AuthFailure.SignatureFailure',
    )
    expect(await codeOf(await fetch(await tc3Post({}, { secretId: 'AKIDOTHER', timestamp: now() })))).toBe(
      'AuthFailure.SecretIdNotFound',
    )
    expect(await codeOf(await fetch(await tc3Post({}, { timestamp: now() - 301 })))).toBe(
      'AuthFailure.SignatureExpire',
    )
    expect(await codeOf(await fetch(await tc3Post({}, { timestamp: now() + 301 })))).toBe(
      'AuthFailure.SignatureExpire',
    )
    expect(
      await codeOf(await fetch(await tc3Post({ InstanceId: 'crs-5a4py64p' }, { timestamp: now() - 299 }))),
    ).toBeUndefined()

    const good = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { timestamp: now() })
    const withHeaders = (change: Record<string, string>, body = '{"InstanceId":"crs-5a4py64p"}') => {
      const headers = new Headers(good.headers)
      for (const [k, v] of Object.entries(change)) headers.set(k, v)
      return fetch(good.url, { method: 'POST', headers, body })
    }
    expect(await codeOf(await withHeaders({ Authorization: 'Bearer x' }))).toBe(
      'AuthFailure.InvalidAuthorization',
    )
    expect(await codeOf(await withHeaders({}, '{"InstanceId":"crs-other"}'))).toBe(
      'AuthFailure.SignatureFailure',
    )
    // The Content-Type is signed as received: a charset added after signing breaks the signature.
    expect(await codeOf(await withHeaders({ 'Content-Type': 'application/json; charset=utf-8' }))).toBe(
      'AuthFailure.SignatureFailure',
    )
    const noAuth = new Headers(good.headers)
    noAuth.delete('Authorization')
    expect(await codeOf(await fetch(good.url, { method: 'POST', headers: noAuth, body: '{}' }))).toBe(
      'AuthFailure.InvalidAuthorization',
    )
    expect(await codeOf(await withHeaders({}))).toBeUndefined()
  })

  it('runs a scripted session: backup, lock, finish on the clock, pages and filters', async () => {
    const first = await manualBackup('nightly')
    expect(first.TaskId).toEqual(expect.any(Number))
    expect(
      await codeOf(
        await fetch(
          await tc3Post({ InstanceId: 'crs-5a4py64p' }, { action: 'ManualBackupInstance', timestamp: now() }),
        ),
      ),
    ).toBe('ResourceUnavailable.InstanceLockedError')
    const running = await describeBackups({ Status: [1] })
    expect(running).toMatchObject({
      TotalCount: 1,
      BackupSet: [{ BackupType: '0', Status: 1, Remark: 'nightly' }],
    })
    const startTime = (running.BackupSet as { StartTime: string }[])[0]!.StartTime
    expect(startTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)

    clock.advance(60_000)
    expect(await describeBackups({ Status: [1] })).toMatchObject({ TotalCount: 0, BackupSet: [] })
    const second = await manualBackup('second')
    expect(second.TaskId).toBe((first.TaskId as number) + 1)
    clock.advance(60_000)

    // 4 backups now: two seeds (2018), two of ours. Pages of 2 are disjoint and in start-time order.
    const page1 = await describeBackups({ Limit: 2, Offset: 0 })
    const page2 = await describeBackups({ Limit: 2, Offset: 2 })
    expect(page1.TotalCount).toBe(4)
    expect(page2.TotalCount).toBe(4)
    const remarks = [
      ...(page1.BackupSet as { Remark: string }[]),
      ...(page2.BackupSet as { Remark: string }[]),
    ].map((b) => b.Remark)
    expect(remarks).toEqual(['テスト使用', 'xxx', 'nightly', 'second'])
    expect(await describeBackups({ Limit: 2, Offset: 4 })).toMatchObject({ TotalCount: 4, BackupSet: [] })

    const ours = await describeBackups({ BeginTime: startTime })
    expect(ours.TotalCount).toBe(2)
    const seeds = await describeBackups({ BeginTime: '2018-09-04 00:00:00', EndTime: '2018-09-04 12:52:00' })
    expect(seeds).toMatchObject({ TotalCount: 1, BackupSet: [{ Remark: 'テスト使用' }] })
    expect(mock.state.backups('crs-5a4py64p').every((b) => b.Status === 2)).toBe(true)
  })

  it('reads an empty Status list as no status filter, in JSON as in the query form', async () => {
    await manualBackup('running') // Status 1 next to the two seed backups (Status 2)
    const json = await describeBackups({ Status: [] })
    const query = await envelope(await fetch(await tc3Get('InstanceId=crs-5a4py64p', { timestamp: now() })))
    expect(json).toMatchObject({ TotalCount: 3 })
    expect(query).toMatchObject({ TotalCount: 3 })
    expect(json.BackupSet).toEqual(query.BackupSet)
    expect(await describeBackups({ Status: [1] })).toMatchObject({ TotalCount: 1 })
  })

  it('answers the abnormal and unknown instance codes', async () => {
    mock.state.setInstanceStatus('crs-5a4py64p', 'abnormal')
    expect((await manualBackup()).Error).toMatchObject({ Code: 'ResourceUnavailable.InstanceStatusAbnormal' })
    const unknown = await fetch(
      await tc3Post({ InstanceId: 'crs-none' }, { action: 'ManualBackupInstance', timestamp: now() }),
    )
    expect(await codeOf(unknown)).toBe('ResourceNotFound.InstanceNotExists')
  })

  it('answers a CORS preflight and lets another origin read the answer and its Date (happy-dom applies CORS)', async () => {
    const preflight = await fetch('https://redis.tencentcloudapi.com/', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-tc-action',
      },
    })
    expect(preflight.status).toBe(204)
    expect(Date.parse(preflight.headers.get('date')!)).toBe(Math.floor(clock.now() / 1000) * 1000)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('*, Authorization')
    const answer = await fetch(await tc3Post({ InstanceId: 'crs-5a4py64p' }, { timestamp: now() }))
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.headers.get('access-control-expose-headers')).toBe('Date')
    expect(Date.parse(answer.headers.get('date')!)).toBe(Math.floor(clock.now() / 1000) * 1000)
  })

  it('turns a networkError override into a failed fetch', async () => {
    mock.override('ManualBackupInstance', { networkError: true, once: true })
    await expect(manualBackup()).rejects.toThrow(TypeError)
    expect((await manualBackup()).TaskId).toEqual(expect.any(Number))
  })
})

describe('the default handlers export', () => {
  it('answers without signatures', async () => {
    server.use(...handlers)
    const response = await unsignedDescribe()
    expect(await envelope(response)).toMatchObject({ TotalCount: 2 })
    server.resetHandlers()
  })
})

describe('createHandlers options', () => {
  it('refuses, with a TypeError naming it, a key pair the mock could never accept', () => {
    const refused = (credentials: unknown, reason: string) =>
      expect(() => createHandlers({ credentials: credentials as never }), reason).toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(reason) }),
      )
    refused([{ secretId: 'team.ci', secretKey: 'K' }], '"team.ci" is not a SecretId the service accepts')
    // What `process.env.TENCENTCLOUD_SECRET_ID` gives when it is not set.
    refused([{ secretId: undefined, secretKey: 'K' }], 'undefined is not a SecretId the service accepts')
    refused([{ secretId: 'AKID1', secretKey: '' }], 'the secret key of AKID1 is empty')
    // `env.X ? [pair] : []`: a mock with no key pair would answer every call SecretIdNotFound.
    refused([], 'the list is empty, so every call would be refused')
    refused({ secretId: 'AKID1', secretKey: 'K' }, 'must be a list of { secretId, secretKey } pairs')
    refused(
      [{ secretId: 'AKID1', secretKey: 'K', token: 5 }],
      'the token of AKID1 must be a string, got a number',
    )
    // A secret given as a number is not shown, nor called empty.
    refused(
      [{ secretId: 'AKID1', secretKey: 123456789 }],
      'the secret key of AKID1 must be a string, got a number',
    )
    // A misspelt field would be ignored, and with it the token check.
    refused(
      [{ secretId: 'AKID1', secretKey: 'K', Token: 'STS' }],
      'a key pair has a field "Token" (did you mean "token"?); its fields are secretId, secretKey, token',
    )
    refused(
      [{ SecretId: 'AKID1', secretKey: 'K' }],
      'a key pair has a field "SecretId" (did you mean "secretId"?)',
    )
    refused(
      [{ secretId: 'AKID1', secretKey: 'K', region: 'x' }],
      'a key pair has a field "region"; its fields are',
    )
    // "id:key" strings, as some tools write a pair: neither shown nor read character by character.
    refused(['AKID1:K'], 'each key pair must be an object { secretId, secretKey, token? }, got a string')
    refused([null], 'each key pair must be an object { secretId, secretKey, token? }, got null')
    // A header cannot carry it: every call would get TokenFailure (a Windows token file leaves a \r).
    for (const token of ['tok en', 'tok\r', 'токен'])
      refused(
        [{ secretId: 'AKID1', secretKey: 'K', token }],
        'the token of AKID1 must be printable ASCII without spaces or line breaks, as a header carries it',
      )
    // An empty one is none, as the verifier reads it.
    expect(() =>
      createHandlers({ credentials: [{ secretId: 'AKID1', secretKey: 'K', token: '' }] }),
    ).not.toThrow()
    refused(
      [
        { secretId: 'AKID1', secretKey: 'K1' },
        { secretId: 'AKID1', secretKey: 'K2' },
      ],
      'AKID1 is given twice',
    )
    expect(() =>
      createHandlers({ credentials: [{ secretId: 'AKID_a-1', secretKey: 'K', token: 'T' }] }),
    ).not.toThrow()
  })

  it('refuses a backup duration or body limit that is not a number of at least 0 (a string from the environment, NaN)', () => {
    // '1500' left the first backup in progress and the instance locked for ever; NaN left it in progress, unlocked.
    for (const backupDurationMs of ['1500', Number.NaN, -1, Number.POSITIVE_INFINITY])
      expect(
        () => createHandlers({ backupDurationMs: backupDurationMs as never }),
        String(backupDurationMs),
      ).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringContaining('backupDurationMs must be'),
        }),
      )
    for (const maxBodyBytes of ['2048', Number.NaN, -1, 1.5])
      expect(() => createHandlers({ maxBodyBytes: maxBodyBytes as never }), String(maxBodyBytes)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringContaining('maxBodyBytes must be'),
        }),
      )
    expect(() => createHandlers({ backupDurationMs: 0, maxBodyBytes: 0 })).not.toThrow()
  })

  it('refuses a rateLimit that is not a boolean (a string from the environment)', () => {
    for (const rateLimit of ['yes', 'false', 0])
      expect(() => createHandlers({ rateLimit: rateLimit as never }), String(rateLimit)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringContaining('rateLimit must be true or false'),
        }),
      )
    expect(() => createHandlers({ rateLimit: false })).not.toThrow()
  })

  it('refuses seeds, states and clock times that break the contract, as the control plane does', () => {
    const typeError = (text: string) =>
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(text) })
    const backup = {
      StartTime: '2020-01-01 00:00:00',
      BackupId: 'b1',
      BackupType: '0',
      Status: 2,
      Remark: '',
      Locked: 0,
    } as const
    // A Status the contract does not have used to be served as is; the mock then refused its own answer as a filter.
    expect(() =>
      createHandlers({ instances: [{ InstanceId: 'crs-x', backups: [{ ...backup, Status: 7 as never }] }] }),
    ).toThrow(typeError('instances[0].backups[0].Status must be one of [1,2,3,4,-1,-2], got 7'))
    expect(() => createHandlers({ instances: [{ InstanceId: 'crs-x', Region: 'mars' }] })).toThrow(
      typeError('instances[0].Region must be a region of the service'),
    )
    const { state } = createMockService()
    expect(() => state.addInstance({ InstanceId: 'crs-z', Region: 'mars' })).toThrow(
      typeError('instance crs-z.Region must be a region of the service'),
    )
    expect(() => state.addBackup('crs-5a4py64p', { ...backup, Locked: 'no' as never })).toThrow(
      typeError('backup b1.Locked must be an integer'),
    )
    expect(() => state.setInstanceStatus('crs-5a4py64p', 'Abnormal' as never)).toThrow(
      typeError('"normal" or "abnormal", got "Abnormal"'),
    )
    expect(state.backups('crs-5a4py64p').map((b) => b.BackupId)).not.toContain('b1')
    expect(state.hasInstance('crs-z')).toBe(false)
    // A clock time that is not a number used to make now() NaN, and every call RequestLimitExceeded.
    expect(() => createMockClock('2026-01-01T00:00:00Z' as never)).toThrow(
      typeError('createMockClock(start) takes'),
    )
    expect(() => createMockClock(new Date('nope'))).toThrow(typeError('a valid Date'))
    const clock = createMockClock(0)
    for (const ms of [Number.NaN, -5, '5'])
      expect(() => clock.advance(ms as never), String(ms)).toThrow(typeError('clock.advance(ms) takes'))
    expect(() => clock.set('soon' as never)).toThrow(typeError('clock.set(time) takes'))
    expect(clock.now()).toBe(0)
    clock.set(new Date(5000))
    clock.advance(1)
    expect(clock.now()).toBe(5001)
  })
})
