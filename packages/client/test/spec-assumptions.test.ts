import { actions } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'

// Many tests here show the retry rules on the two actions of spec/redis.yaml: that a backup is never sent
// twice, that a listing is retried. When the spec changes a flag they rely on, those tests fail with messages
// about retries; this one says why.
describe('what the retry tests assume of spec/redis.yaml', () => {
  it('ManualBackupInstance is not idempotent (the never-sent-twice tests use it)', () => {
    expect(
      actions.ManualBackupInstance.idempotent,
      'spec/redis.yaml changed x-tc-idempotent of ManualBackupInstance: the tests that expect OutcomeUnknownError need a non-idempotent action',
    ).toBe(false)
  })

  it('DescribeInstanceBackups is idempotent (the retried-on-reset tests use it)', () => {
    expect(
      actions.DescribeInstanceBackups.idempotent,
      'spec/redis.yaml changed x-tc-idempotent of DescribeInstanceBackups: the tests that expect it retried need an idempotent action',
    ).toBe(true)
  })
})
