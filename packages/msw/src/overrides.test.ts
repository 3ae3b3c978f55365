import { actionNames } from '@crs-kit/core'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from './create-handlers.ts'
import type { Override } from './overrides.ts'
import { codeOf, envelope, unsignedDescribe } from './test-requests.fixture.ts'

// mock.override() as a test calls it, through msw's setupServer; malformed overrides fail at the call.

const mock = createHandlers({ rateLimit: false })
const server = setupServer(...mock.handlers)

beforeAll(() => server.listen())
afterEach(() => mock.reset())
afterAll(() => server.close())

const describeBackups = unsignedDescribe

/** What plain JavaScript (or a cast) can pass, past the Override type. */
const loose = (o: object) => o as Override<'DescribeInstanceBackups'>
const empty = { TotalCount: 0, BackupSet: [] }

describe('override()', () => {
  it.each([
    [{}, /give one of error, response or networkError/],
    [{ times: 2 }, /give one of error, response or networkError/],
    [{ once: true }, /give one of error, response or networkError/],
    [{ error: 'InternalError', response: empty }, /not error and response/],
    [{ error: 'InternalError', networkError: true }, /not error and networkError/],
    [{ response: empty, networkError: true }, /not response and networkError/],
    [
      { error: 'InternalError', response: empty, networkError: true },
      /not error and response and networkError/,
    ],
    [{ networkError: false }, /networkError must be true/],
    [{ response: empty, message: 'x' }, /message goes with error/],
    [{ error: 'InternalError', times: 0 }, /times must be a positive integer, got 0/],
    [{ error: 'InternalError', times: -1 }, /times must be a positive integer, got -1/],
    [{ error: 'InternalError', times: 1.5 }, /times must be a positive integer, got 1\.5/],
    [{ error: 'InternalError', times: Number.NaN }, /times must be a positive integer, got NaN/],
    [{ error: 'InternalError', times: Number.POSITIVE_INFINITY }, /times must be a positive integer/],
    // A string shows quoted: unquoted, '2' read as the number 2, which the rule takes.
    [{ error: 'InternalError', times: '2' }, /times must be a positive integer, got "2"$/],
    [{ error: 'InternalError', times: [2] }, /times must be a positive integer, got a list$/],
    [{ error: 'InternalError', once: true, times: 2 }, /once or times, not both/],
    [{ delayMs: -1 }, /delayMs must be a number of milliseconds from 0 to 2147483647, got -1/],
    [{ delayMs: 2 ** 31 }, /delayMs must be a number of milliseconds from 0 to 2147483647, got 2147483648/],
    [{ networkError: true, delayMs: Number.NaN }, /delayMs must be/],
    [{ delayMs: '5' }, /delayMs must be a number of milliseconds from 0 to 2147483647, got "5"$/],
    [{ error: 'InternalError', once: 'true' }, /once must be true or false, got "true"$/],
    [{ error: 'Totally.Made.Up' }, /"Totally.Made.Up" is not an error code of DescribeInstanceBackups/],
    [{ error: 42 }, /42 is not an error code of DescribeInstanceBackups/],
    [{ error: 'InternalError', tmes: 2 }, /unknown key "tmes"/],
    [{ error: 'InternalError', message: 7 }, /message must be a string/],
    [{ response: [] }, /response must be an object/],
    [{ error: 'InternalError', once: 'yes' }, /once must be true or false/],
    // A code of the other action only: the live service never answers it here.
    [{ error: 'ResourceUnavailable.InstanceLockedError' }, /is not an error code of DescribeInstanceBackups/],
  ])('throws a TypeError at the call for %o', async (override, message) => {
    expect(() => mock.override('DescribeInstanceBackups', loose(override))).toThrow(TypeError)
    expect(() => mock.override('DescribeInstanceBackups', loose(override))).toThrow(message)
    expect(() => mock.override('DescribeInstanceBackups', loose(override))).toThrow(
      /^\[crs-kit\/msw\] override\('DescribeInstanceBackups', \.\.\.\): /,
    )
    // Nothing was registered: the call gets the normal answer.
    expect(await envelope(await describeBackups())).toMatchObject({ TotalCount: 2 })
  })

  it('refuses an action the mock does not implement, naming those it does', () => {
    expect(() =>
      mock.override('DescribeInstances' as 'DescribeInstanceBackups', { error: 'InternalError' }),
    ).toThrow(
      /^\[crs-kit\/msw\] override\('DescribeInstances', \.\.\.\): "DescribeInstances" is not an action of the mock \(/,
    )
    // It names every action of the contract.
    expect(() =>
      mock.override('DescribeInstances' as 'DescribeInstanceBackups', { error: 'InternalError' }),
    ).toThrow(`(${actionNames.join(', ')})`)
  })

  it('accepts a common code and a code of the action itself', () => {
    expect(() =>
      mock.override('DescribeInstanceBackups', { error: 'AuthFailure.SignatureFailure' }),
    ).not.toThrow()
    expect(() =>
      mock.override('ManualBackupInstance', { error: 'ResourceUnavailable.InstanceLockedError' }),
    ).not.toThrow()
  })

  it('applies an error `times` times, with its delay, then answers normally', async () => {
    mock.override('DescribeInstanceBackups', {
      error: 'InternalError',
      message: 'boom',
      delayMs: 20,
      times: 2,
    })
    const t0 = performance.now()
    expect((await envelope(await describeBackups())).Error).toEqual({
      Code: 'InternalError',
      Message: 'boom',
    })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15)
    expect(await codeOf(await describeBackups())).toBe('InternalError')
    expect(await codeOf(await describeBackups())).toBeUndefined()
  })

  it('takes a delay alone (then the normal answer) and undefined for the outcomes not chosen', async () => {
    mock.override('DescribeInstanceBackups', { delayMs: 1, once: true })
    expect(await envelope(await describeBackups())).toMatchObject({ TotalCount: 2 })
    mock.override(
      'DescribeInstanceBackups',
      loose({ response: empty, error: undefined, networkError: undefined }),
    )
    expect(await envelope(await describeBackups())).toMatchObject({ TotalCount: 0, BackupSet: [] })
  })
})
