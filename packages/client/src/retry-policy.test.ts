import { describe, expect, it } from 'vitest'
import {
  AbortError,
  NetworkError,
  ResponseError,
  TencentCloudError,
  TimeoutError,
  ValidationError,
} from './errors.ts'
import { REFUSED_CODES, retryDecision, TRANSIENT_CODES } from './retry-policy.ts'

const api = (code: string) => new TencentCloudError({ action: 'ManualBackupInstance', code, message: 'm' })
const page = (status: number) =>
  new ResponseError({ action: 'ManualBackupInstance', status, body: '<html>', problem: 'not JSON' })
const net = (mayHaveReachedServer: boolean) => new NetworkError('x', { mayHaveReachedServer })

describe('retryDecision', () => {
  it('takes refused and transient codes from the spec', () => {
    expect([...REFUSED_CODES].sort()).toEqual([
      'AuthFailure.SignatureExpire',
      'RequestLimitExceeded',
      'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
      'RequestLimitExceeded.IPLimitExceeded',
      'RequestLimitExceeded.UinLimitExceeded',
    ])
    expect([...TRANSIENT_CODES].sort()).toEqual(['InternalError', 'ServiceUnavailable'])
  })

  it.each([
    ['RequestLimitExceeded', true, 'retry'],
    ['RequestLimitExceeded.UinLimitExceeded', false, 'retry'],
    ['InternalError', true, 'retry'],
    // The service failed inside, maybe after a backup started: the caller must check before calling again.
    ['InternalError', false, 'outcome-unknown'],
    // Sub-codes the live service answers belong to their family.
    ['InternalError.DbOperationFailed', true, 'retry'],
    ['InternalError.InternalError', true, 'retry'],
    ['InternalError.InternalError', false, 'outcome-unknown'],
    ['RequestLimitExceeded.SomeNewLimit', false, 'retry'],
    ['FailedOperation.SystemError', true, 'fail'],
    ['InternalErrorX', true, 'fail'],
    ['ServiceUnavailable', false, 'outcome-unknown'],
    ['ResourceUnavailable.InstanceLockedError', false, 'fail'],
    ['ResourceUnavailable.InstanceLockedError', true, 'fail'],
    ['AuthFailure.SignatureFailure', true, 'fail'],
  ] as const)('API error %s, idempotent %s: %s', (code, idempotent, expected) => {
    expect(retryDecision(api(code), idempotent, true)).toBe(expected)
  })

  it.each([
    [502, true, 'retry'],
    [502, false, 'outcome-unknown'],
    [200, false, 'outcome-unknown'],
    [200, true, 'fail'],
    [404, true, 'fail'],
    [403, false, 'fail'],
    [429, false, 'retry'],
  ] as const)('non-envelope HTTP %s, idempotent %s: %s', (status, idempotent, expected) => {
    expect(retryDecision(page(status), idempotent, true)).toBe(expected)
  })

  it('retries any action whose request never reached the server, only idempotent ones otherwise', () => {
    expect(retryDecision(net(false), false, false)).toBe('retry')
    expect(retryDecision(net(true), false, true)).toBe('outcome-unknown')
    expect(retryDecision(net(true), true, true)).toBe('retry')
    const timeout = new TimeoutError('ManualBackupInstance', 10)
    expect(retryDecision(timeout, false, false)).toBe('retry')
    expect(retryDecision(timeout, false, true)).toBe('outcome-unknown')
    expect(retryDecision(timeout, true, true)).toBe('retry')
    expect(retryDecision(new ValidationError('ManualBackupInstance', []), true, false)).toBe('fail')
  })

  it('never retries an abort, and reports an unknown outcome when it may have cut off a non-idempotent call', () => {
    const abort = new AbortError('ManualBackupInstance', undefined)
    expect(retryDecision(abort, true, true)).toBe('fail')
    expect(retryDecision(abort, false, false)).toBe('fail')
    expect(retryDecision(abort, false, true)).toBe('outcome-unknown')
  })
})
