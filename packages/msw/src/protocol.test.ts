import { actions } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { createMockService } from './create-mock-service.ts'
import { dropConnection } from './dispatch-call.ts'
import { createMockClock } from './mock-clock.ts'
import { baseUrl, codeOf, envelope } from './test-requests.fixture.ts'

// The protocol without signatures: common parameters, forms, validation, overrides, limits.

const commonHeaders = {
  'Content-Type': 'application/json',
  'X-TC-Action': 'DescribeInstanceBackups',
  'X-TC-Version': '2018-04-12',
  'X-TC-Region': 'ap-guangzhou',
  'X-TC-Timestamp': '1700000000',
}

function post(body: unknown, headers: Record<string, string | undefined> = {}, url = baseUrl): Request {
  const h = Object.entries({ ...commonHeaders, ...headers }).filter(
    (e): e is [string, string] => e[1] !== undefined,
  )
  return new Request(url, {
    method: 'POST',
    headers: h,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const answer = async (service: ReturnType<typeof createMockService>, request: Request) => {
  const response = await service.handle(request)
  if (response === dropConnection) throw new Error('dropped')
  expect(response.status).toBe(200)
  return response
}

describe('protocol', () => {
  const service = createMockService({ rateLimit: false })
  const code = async (request: Request) => codeOf(await answer(service, request))

  it('answers the seed sample', async () => {
    const r = await envelope(await answer(service, post({ InstanceId: 'crs-5a4py64p', Limit: 5, Offset: 0 })))
    expect(r).toMatchObject({ TotalCount: 2, BackupSet: [{ Remark: 'テスト使用' }, { Remark: 'xxx' }] })
    expect(r.RequestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('gives every answer a fresh RequestId', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++) ids.add((await envelope(await answer(service, post({})))).RequestId)
    expect(ids.size).toBe(5)
  })

  it('refuses methods other than GET and POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      expect(await code(new Request(baseUrl, { method, headers: commonHeaders }))).toBe('UnsupportedProtocol')
    }
  })

  it('checks Action, Version, Region and Language', async () => {
    expect(await code(post({}, { 'X-TC-Action': undefined }))).toBe('MissingParameter')
    expect(await code(post({}, { 'X-TC-Action': 'DescribeInstances' }))).toBe('InvalidAction')
    expect(await code(post({}, { 'X-TC-Action': '__proto__' }))).toBe('InvalidAction')
    expect(await code(post({}, { 'X-TC-Version': '2017-03-12' }))).toBe('NoSuchVersion')
    expect(await code(post({}, { 'X-TC-Version': undefined }))).toBe('MissingParameter')
    expect(await code(post({}, { 'X-TC-Region': undefined }))).toBe('MissingParameter')
    expect(await code(post({}, { 'X-TC-Region': 'mars-1' }))).toBe('UnsupportedRegion')
    expect(await code(post({}, { 'X-TC-Language': 'fr-FR' }))).toBe('InvalidParameterValue')
  })

  it('sends financial regions to their own host only', async () => {
    const fsi = { 'X-TC-Region': 'ap-shanghai-fsi' }
    expect(await code(post({ InstanceId: 'crs-5a4py64p' }, fsi))).toBe('UnsupportedRegion')
    const own = 'https://redis.ap-shanghai-fsi.tencentcloudapi.com/'
    // Past the region check on its own host; the seed instance lives in ap-guangzhou, so it is not there.
    expect(await code(post({ InstanceId: 'crs-5a4py64p' }, fsi, own))).toBe(
      'ResourceNotFound.InstanceNotExists',
    )
    // Nor does a financial host serve another region: ap-guangzhou there was answered as on its own host.
    expect(await code(post({ InstanceId: 'crs-5a4py64p' }, {}, own))).toBe('UnsupportedRegion')
    const shenzhen = { 'X-TC-Region': 'ap-shenzhen-fsi' }
    expect(await code(post({ InstanceId: 'crs-5a4py64p' }, shenzhen, own))).toBe('UnsupportedRegion')
    const regional = 'https://redis.ap-guangzhou.tencentcloudapi.com/'
    expect(await code(post({ InstanceId: 'crs-5a4py64p' }, {}, regional))).not.toBe('UnsupportedRegion')
  })

  it('validates the input from the contract, naming the field', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'MissingParameter', 'InstanceId'],
      [{ InstanceId: 5 }, 'InvalidParameter', 'InstanceId'],
      [{ InstanceId: 'crs-5a4py64p', Limit: 0 }, 'InvalidParameterValue', 'Limit'],
      [{ InstanceId: 'crs-5a4py64p', Limit: 101 }, 'InvalidParameterValue', 'Limit'],
      [{ InstanceId: 'crs-5a4py64p', Status: [7] }, 'InvalidParameterValue', 'Status'],
      [
        { InstanceId: 'crs-5a4py64p', BeginTime: '2018-09-04T12:51:21Z' },
        'InvalidParameterValue',
        'BeginTime',
      ],
      [{ InstanceId: 'crs-5a4py64p', Foo: 1 }, 'UnknownParameter', 'Foo'],
      [[], 'InvalidParameter', 'input'],
    ]
    for (const [body, expected, field] of cases) {
      const r = await envelope(await answer(service, post(body)))
      expect(r.Error, JSON.stringify(body)).toMatchObject({
        Code: expected,
        Message: expect.stringContaining(field),
      })
    }
    expect(await code(post('{"InstanceId": '))).toBe('InvalidParameter')
  })

  it("answers the first problem's code, and names the others in its message", async () => {
    const two = await envelope(await answer(service, post({ InstanceName: 'prod' })))
    expect(two.Error).toEqual({
      Code: 'UnknownParameter',
      Message: 'InstanceName is not a parameter of this action (also: InstanceId is required)',
    })
    const many = await envelope(
      await answer(service, post({ A: 1, B: 2, C: 3, D: 4, E: 5, InstanceId: 'x' })),
    )
    expect((many.Error as { Message: string }).Message).toBe(
      'A is not a parameter of this action (also: B is not a parameter of this action; C is not a parameter of this action; D is not a parameter of this action; 1 more)',
    )
  })

  it('reads the GET query form, Status.N included', async () => {
    const headers = { ...commonHeaders, 'Content-Type': 'application/x-www-form-urlencoded' }
    const r = await envelope(
      await answer(
        service,
        new Request(`${baseUrl}?InstanceId=crs-5a4py64p&Limit=1&Offset=1&Status.0=2`, { headers }),
      ),
    )
    expect(r).toMatchObject({ TotalCount: 2, BackupSet: [{ Remark: 'xxx' }] })
    const bad = await envelope(
      await answer(service, new Request(`${baseUrl}?InstanceId=crs-5a4py64p&Limit=ten`, { headers })),
    )
    expect(bad.Error).toMatchObject({ Code: 'InvalidParameter', Message: expect.stringContaining('Limit') })
  })

  it('reports query names that shadow Object.prototype as unknown parameters', async () => {
    const headers = { ...commonHeaders, 'Content-Type': 'application/x-www-form-urlencoded' }
    for (const name of ['__proto__', 'constructor', 'toString.0', 'hasOwnProperty']) {
      const r = await envelope(
        await answer(service, new Request(`${baseUrl}?InstanceId=crs-5a4py64p&${name}=1`, { headers })),
      )
      expect(r.Error, name).toMatchObject({
        Code: 'UnknownParameter',
        Message: expect.stringContaining(name),
      })
    }
    const json = await envelope(
      await answer(service, post('{"InstanceId":"crs-5a4py64p","__proto__":{"x":1}}')),
    )
    expect(json.Error).toMatchObject({ Code: 'UnknownParameter' })
  })

  it('bounds the body and the query', async () => {
    const small = createMockService({ maxBodyBytes: 100 })
    const big = post({ InstanceId: 'x'.repeat(200) })
    expect(await codeOf((await small.handle(big)) as Response)).toBe('RequestSizeLimitExceeded')
    const longQuery = new Request(`${baseUrl}?Remark=${'x'.repeat(40_000)}`, { headers: commonHeaders })
    expect(await code(longQuery)).toBe('RequestSizeLimitExceeded')
  })

  it('answers ResourceNotFound for an unknown instance', async () => {
    expect(await code(post({ InstanceId: 'crs-nope' }))).toBe('ResourceNotFound.InstanceNotExists')
  })
})

describe('rate limit', () => {
  it("refuses the call past the spec's per-second limit of an action on the mock clock, per action", async () => {
    const clock = createMockClock()
    const service = createMockService({ clock })
    const limit = actions.DescribeInstanceBackups.rateLimitPerSecond
    const codes: (string | undefined)[] = []
    for (let i = 0; i <= limit; i++)
      codes.push(await codeOf((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response))
    expect(codes.slice(0, limit).every((c) => c === undefined)).toBe(true)
    expect(codes[limit]).toBe('RequestLimitExceeded')
    const other = post({ InstanceId: 'crs-5a4py64p' }, { 'X-TC-Action': 'ManualBackupInstance' })
    expect(await codeOf((await service.handle(other)) as Response)).toBeUndefined()
    clock.advance(1000)
    expect(
      await codeOf((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response),
    ).toBeUndefined()
  })

  it('can be turned off', async () => {
    const service = createMockService({ clock: createMockClock(), rateLimit: false })
    for (let i = 0; i < 50; i++) {
      expect(
        await codeOf((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response),
      ).toBeUndefined()
    }
  })
})

describe('overrides', () => {
  const manual = () => post({ InstanceId: 'crs-5a4py64p' }, { 'X-TC-Action': 'ManualBackupInstance' })

  it('forces an error code once, then behaves normally', async () => {
    const service = createMockService({ rateLimit: false })
    service.override('ManualBackupInstance', { error: 'ResourceUnavailable.InstanceLockedError', once: true })
    expect(await codeOf((await service.handle(manual())) as Response)).toBe(
      'ResourceUnavailable.InstanceLockedError',
    )
    expect(await codeOf((await service.handle(manual())) as Response)).toBeUndefined()
  })

  it('forces a response until removed, with a fresh RequestId', async () => {
    const service = createMockService({ rateLimit: false })
    const remove = service.override('DescribeInstanceBackups', { response: { TotalCount: 0, BackupSet: [] } })
    for (let i = 0; i < 3; i++) {
      const r = await envelope((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response)
      expect(r).toMatchObject({ TotalCount: 0, BackupSet: [], RequestId: expect.any(String) })
    }
    remove()
    expect(
      (await envelope((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response)).TotalCount,
    ).toBe(2)
  })

  it('drops the connection, delays, counts `times`, and clears on reset', async () => {
    const service = createMockService({ rateLimit: false })
    service.override('DescribeInstanceBackups', { networkError: true, times: 2 })
    expect(await service.handle(post({ InstanceId: 'crs-5a4py64p' }))).toBe(dropConnection)
    expect(await service.handle(post({ InstanceId: 'crs-5a4py64p' }))).toBe(dropConnection)
    expect(await service.handle(post({ InstanceId: 'crs-5a4py64p' }))).not.toBe(dropConnection)

    service.override('DescribeInstanceBackups', { delayMs: 50 })
    const t0 = performance.now()
    expect(
      await codeOf((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response),
    ).toBeUndefined()
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45)

    service.override('DescribeInstanceBackups', { error: 'InternalError' })
    service.reset()
    expect(
      await codeOf((await service.handle(post({ InstanceId: 'crs-5a4py64p' }))) as Response),
    ).toBeUndefined()
  })
})
