import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { OutcomeUnknownError, RedisClient } from '../src/index.ts'
import { startLoopbackServer } from './loopback-server.ts'

// Retries follow the spec's idempotency flag, not the action's name: flip the flags and the behaviour flips.
vi.mock('@crs-kit/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@crs-kit/core')>()
  return {
    ...core,
    actionPolicies: {
      DescribeInstanceBackups: { ...core.actionPolicies.DescribeInstanceBackups, idempotent: false },
      ManualBackupInstance: { ...core.actionPolicies.ManualBackupInstance, idempotent: true },
    },
  }
})

let server: Awaited<ReturnType<typeof startLoopbackServer>>
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())

describe('the idempotency flag drives retries', () => {
  const client = () =>
    new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.origin,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      backoff: { baseMs: 1, maxMs: 2 },
    })

  it('retries ManualBackupInstance when the spec calls it idempotent', async () => {
    server.fault('ManualBackupInstance', 'reset')
    expect((await client().manualBackupInstance({ InstanceId: 'crs-5a4py64p' })).TaskId).toBe(6954227)
    expect(server.count('ManualBackupInstance')).toBe(2)
  })

  it('does not retry DescribeInstanceBackups when the spec calls it non-idempotent', async () => {
    server.fault('DescribeInstanceBackups', 'reset')
    const error = await client()
      .describeInstanceBackups({ InstanceId: 'crs-5a4py64p' } as never)
      .catch((e) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.check).toMatch(/check whether DescribeInstanceBackups took effect/)
    expect(server.count('DescribeInstanceBackups')).toBe(1)
  })
})
