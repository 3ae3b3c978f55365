import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createMockService } from './create-mock-service.ts'
import { dropConnection } from './dispatch-call.ts'
import { hostileRequests } from './hostile-requests.fixture.ts'
import { createMockClock } from './mock-clock.ts'
import { type MockServer, startMockServer } from './server.ts'
import { secretId, secretKey, tc3Get, tc3Post, v1Request } from './test-requests.fixture.ts'

// Thousands of hostile requests: every answer must be the Tencent envelope with HTTP 200 and a fresh
// RequestId, none may be InternalError (that would be a bug of ours), and nothing may be logged.

/** Well-formed, signed requests of each wire form, to mutate. */
async function bases(url: string, timestamp: number): Promise<Request[]> {
  return [
    await tc3Post({ InstanceId: 'crs-5a4py64p', Limit: 5 }, { url, timestamp }),
    await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url, timestamp, action: 'ManualBackupInstance' }),
    await tc3Get('InstanceId=crs-5a4py64p&Status.0=2', { url, timestamp }),
    v1Request({ InstanceId: 'crs-5a4py64p', 'Status.0': 2 }, { url, timestamp }),
    v1Request(
      { InstanceId: 'crs-5a4py64p' },
      { url, timestamp, method: 'POST', signatureMethod: 'HmacSHA256' },
    ),
  ]
}

/** Checks one answer and counts its code. */
async function tally(response: Response, codes: Map<string, number>, requestIds: Set<string>) {
  expect(response.status).toBe(200)
  const json = (await response.json()) as {
    Response: { RequestId: unknown; Error?: { Code: unknown; Message: unknown } }
  }
  const requestId = json.Response.RequestId as string
  expect(typeof requestId).toBe('string')
  expect(requestIds.has(requestId)).toBe(false)
  requestIds.add(requestId)
  const error = json.Response.Error
  if (error) {
    expect(typeof error.Code).toBe('string')
    expect(typeof error.Message).toBe('string')
  }
  const code = error ? (error.Code as string) : '(success)'
  codes.set(code, (codes.get(code) ?? 0) + 1)
}

function expectDeepReach(codes: Map<string, number>) {
  expect(codes.get('InternalError')).toBeUndefined()
  // The mutations reach deep enough to exercise most stages, not just the first check.
  for (const code of [
    'AuthFailure.SignatureFailure',
    'InvalidParameter',
    'UnsupportedProtocol',
    '(success)',
  ]) {
    expect(codes.get(code), code).toBeGreaterThan(0)
  }
}

describe('fuzz', () => {
  it('answers 3000 hostile requests to the handlers with a well-formed envelope, never an InternalError', async () => {
    const clock = createMockClock()
    const verified = createMockService({
      clock,
      credentials: [{ secretId, secretKey }],
      maxBodyBytes: 64 * 1024,
    })
    const open = createMockService({ clock, rateLimit: false })
    const errors = vi.spyOn(console, 'error')
    const { mutate, pick } = hostileRequests(20261122)
    const templates = await bases('https://redis.tencentcloudapi.com/', Math.floor(clock.now() / 1000))
    const codes = new Map<string, number>()
    const requestIds = new Set<string>()
    for (let i = 0; i < 3000; i++) {
      if (i % 40 === 0) clock.advance(1000)
      const answer = await (i % 2 ? verified : open).handle(await mutate(pick(templates)))
      expect(answer).not.toBe(dropConnection)
      await tally(answer as Response, codes, requestIds)
    }
    expectDeepReach(codes)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })

  describe('over HTTP', () => {
    let server: MockServer
    beforeAll(async () => {
      // The rate limit is fuzzed above; here it would only turn most answers into RequestLimitExceeded.
      server = await startMockServer({ maxBodyBytes: 64 * 1024, rateLimit: false })
    })
    afterAll(() => server.close())

    it('answers 1000 hostile requests to crs-mock the same way', async () => {
      const errors = vi.spyOn(console, 'error')
      const { mutate, pick } = hostileRequests(7_2026)
      const templates = await bases(`${server.url}/`, Math.floor(Date.now() / 1000))
      const codes = new Map<string, number>()
      const requestIds = new Set<string>()
      for (let i = 0; i < 1000; i++) {
        await tally(await fetch(await mutate(pick(templates))), codes, requestIds)
      }
      expectDeepReach(codes)
      expect(errors).not.toHaveBeenCalled()
      errors.mockRestore()
    })
  })
})
