import { actionNames } from '@crs-kit/core'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from './create-handlers.ts'
import { createMockService } from './create-mock-service.ts'
import { unsignedDescribe } from './test-requests.fixture.ts'

// mock.calls() through msw: the same log crs-mock's control plane serves at GET /__crs-mock/calls.

const mock = createHandlers({ rateLimit: false, callLogSize: 3 })
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen())
// In afterEach, not at the end of a test: a test that fails half-way must not leave its calls to the next one.
afterEach(() => mock.reset())
afterAll(() => server.close())

describe('calls()', () => {
  it('keeps the latest calls, oldest first, and counts every one; reset and clearCalls forget them', async () => {
    mock.override('DescribeInstanceBackups', { error: 'InternalError', once: true })
    for (let i = 0; i < 5; i++) await unsignedDescribe()
    const calls = mock.calls()
    expect(calls).toHaveLength(3)
    expect(calls.map((c) => c.outcome)).toEqual(['success', 'success', 'success'])
    expect(calls[0]).toMatchObject({ action: 'DescribeInstanceBackups', region: 'ap-guangzhou', code: null })
    expect(calls[0]!.time).toBeLessThanOrEqual(calls[2]!.time)
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(3)
    expect(mock.calls('ManualBackupInstance')).toEqual([])
    // A typo would match nothing, and "no calls" would hold for the wrong reason.
    expect(() => mock.calls('ManualBackup' as never)).toThrow(
      new TypeError(
        `[crs-kit/msw] calls(): "ManualBackup" is not an action of the mock (${actionNames.join(', ')}); calls() without it lists every call, those naming other actions too`,
      ),
    )
    mock.clearCalls()
    expect(mock.calls()).toEqual([])

    await unsignedDescribe()
    mock.reset()
    expect(mock.calls()).toEqual([])
  })

  it('records a refused call with its code, and a call that names no action with null', async () => {
    mock.override('DescribeInstanceBackups', { networkError: true, once: true })
    await unsignedDescribe().catch(() => undefined)
    await fetch('https://redis.tencentcloudapi.com/', { method: 'POST', body: '{}' })
    expect(mock.calls()).toMatchObject([
      { action: 'DescribeInstanceBackups', outcome: 'networkError', code: null },
      { action: null, region: null, outcome: 'error', code: expect.any(String) },
    ])
  })

  it("leaves out of the next test's log a call held back across a reset or a clear", async () => {
    for (const forget of [() => mock.reset(), () => mock.clearCalls()]) {
      mock.override('DescribeInstanceBackups', { delayMs: 50, once: true })
      const held = unsignedDescribe()
      await new Promise((resolve) => setTimeout(resolve, 10))
      forget()
      await held
      expect(mock.calls()).toEqual([])
      await unsignedDescribe()
      expect(mock.calls()).toHaveLength(1)
      mock.reset()
    }
  })

  it('is off with callLogSize 0, and refuses a size that is not an integer >= 0', () => {
    expect(createMockService({ callLogSize: 0 }).calls()).toEqual([])
    expect(() => createMockService({ callLogSize: -1 })).toThrow(
      /callLogSize must be an integer >= 0, got -1/,
    )
  })
})
