import { CommonClient } from 'tencentcloud-sdk-nodejs-common'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type RunningMock, spawnCrsMock } from './bin/spawn-crs-mock.fixture.ts'
import { type MockServer, startMockServer } from './server.ts'

// Tencent's own Node SDK against crs-mock, in every signing mode it has.

let mock: RunningMock
beforeAll(async () => {
  mock = await spawnCrsMock(['--port', '0', '--no-rate-limit'])
})
afterAll(() => mock.stop())

type Mode = { signMethod: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1'; reqMethod: 'POST' | 'GET' }
const modes: Mode[] = [
  { signMethod: 'TC3-HMAC-SHA256', reqMethod: 'POST' },
  { signMethod: 'TC3-HMAC-SHA256', reqMethod: 'GET' },
  { signMethod: 'HmacSHA256', reqMethod: 'GET' },
  { signMethod: 'HmacSHA256', reqMethod: 'POST' },
  { signMethod: 'HmacSHA1', reqMethod: 'GET' },
  { signMethod: 'HmacSHA1', reqMethod: 'POST' },
]

function client(mode: Mode, secretKey = 'SECRETEXAMPLE', url = mock.url) {
  return new CommonClient('redis.tencentcloudapi.com', '2018-04-12', {
    credential: { secretId: 'AKIDEXAMPLE', secretKey },
    region: 'ap-guangzhou',
    profile: {
      signMethod: mode.signMethod,
      httpProfile: {
        endpoint: url.replace('http://', ''),
        protocol: 'http://',
        reqMethod: mode.reqMethod,
        reqTimeout: 10,
      },
    },
  })
}

describe.each(modes)('official SDK, $signMethod $reqMethod', (mode) => {
  it('lists backups with paging and a Status filter', async () => {
    const r = await client(mode).request('DescribeInstanceBackups', {
      InstanceId: 'crs-5a4py64p',
      Limit: 1,
      Offset: 1,
      Status: [2],
    })
    expect(r).toMatchObject({
      TotalCount: 2,
      BackupSet: [{ BackupId: '6cbbf53a-affe-11e8-905b-4846fb00c75d', Remark: 'xxx', BackupType: '0' }],
      RequestId: expect.any(String),
    })
    // A space and colons in the value: encoded in the query (GET, v1), raw in the string to sign (v1).
    const since = await client(mode).request('DescribeInstanceBackups', {
      InstanceId: 'crs-5a4py64p',
      BeginTime: '2018-09-04 12:53:00',
    })
    expect(since).toMatchObject({ TotalCount: 1, BackupSet: [{ Remark: 'xxx' }] })
  })

  it('gets typed errors from the contract', async () => {
    await expect(
      client(mode).request('ManualBackupInstance', { InstanceId: 'crs-none' }),
    ).rejects.toMatchObject({
      code: 'ResourceNotFound.InstanceNotExists',
      requestId: expect.any(String),
    })
    await expect(
      client(mode).request('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p', Limit: 500 }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    })
  })

  it('gets AuthFailure.SignatureFailure with a wrong secret', async () => {
    await expect(
      client(mode, 'WRONGSECRET').request('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p' }),
    ).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    })
  })
})

it('starts a backup through the SDK and sees it locked, then listed', async () => {
  const sdk = client({ signMethod: 'TC3-HMAC-SHA256', reqMethod: 'POST' })
  const { TaskId } = await sdk.request('ManualBackupInstance', {
    InstanceId: 'crs-5a4py64p',
    Remark: 'テスト',
  })
  expect(typeof TaskId).toBe('number')
  await expect(sdk.request('ManualBackupInstance', { InstanceId: 'crs-5a4py64p' })).rejects.toMatchObject({
    code: 'ResourceUnavailable.InstanceLockedError',
  })
  const listed = await sdk.request('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p', Status: [1] })
  expect(listed).toMatchObject({
    TotalCount: 1,
    BackupSet: [{ Remark: 'テスト', Status: 1, BackupType: '0' }],
  })
})

describe('official SDK, every mode, a Remark with characters each wire form encodes differently', () => {
  let server: MockServer
  beforeAll(async () => {
    // In process, so the state can be read; backups finish at once, so each mode can start one.
    server = await startMockServer({ backupDurationMs: 0, rateLimit: false })
  })
  afterAll(() => server.close())

  it.each(modes)('$signMethod $reqMethod', async (mode) => {
    const Remark = `${mode.signMethod} ${mode.reqMethod}: a b+c&d=e/f?g%20 \u00e9 テスト 😀`
    const sdk = client(mode, 'SECRETEXAMPLE', server.url)
    const { TaskId } = await sdk.request('ManualBackupInstance', { InstanceId: 'crs-5a4py64p', Remark })
    expect(typeof TaskId).toBe('number')
    expect(server.state.backups('crs-5a4py64p').map((b) => b.Remark)).toContain(Remark)
  })
})

describe('official SDK, v1: the Nonce it draws at either end of its range', () => {
  let server: MockServer
  beforeAll(async () => {
    server = await startMockServer({ rateLimit: false })
  })
  afterAll(() => server.close())

  // Its v1 signer draws Nonce = Math.round(Math.random() * 65535): 0 about once in 131,070 calls, 65535 as often.
  it.each([
    [0, 0],
    [0.999_999_99, 65535],
  ])('Math.random() = %d (Nonce %d) is accepted', async (random, nonce) => {
    const calls: string[] = []
    const spy = vi.spyOn(Math, 'random').mockReturnValue(random)
    try {
      for (const mode of modes.filter((m) => m.signMethod !== 'TC3-HMAC-SHA256')) {
        const r = await client(mode, 'SECRETEXAMPLE', server.url).request('DescribeInstanceBackups', {
          InstanceId: 'crs-5a4py64p',
        })
        expect(r, `${mode.signMethod} ${mode.reqMethod}`).toMatchObject({ TotalCount: 2 })
        calls.push(mode.signMethod)
      }
    } finally {
      spy.mockRestore()
    }
    expect(calls).toHaveLength(4)
    expect(Math.round(random * 65535)).toBe(nonce)
  })
})
