import { describe, expect, it } from 'vitest'
import { examples } from '../../msw/src/generated/fixtures.gen.ts'
import { actionNames } from './generated/actions.gen.ts'
import { validateRequest } from './index.ts'

const issues = (action: 'DescribeInstanceBackups' | 'ManualBackupInstance', input: unknown) =>
  validateRequest(action, input).map((i) => `${i.code} ${i.path}`)

describe('validateRequest on the real contract', () => {
  it.each(actionNames)('accepts the spec example of %s', (action) => {
    expect(examples[action].request).toBeDefined()
    expect(validateRequest(action, examples[action].request)).toEqual([])
  })

  it('reports every problem of one input at once', () => {
    expect(
      issues('DescribeInstanceBackups', {
        Limit: '5',
        Status: [2, 7],
        BeginTime: '2017/02/08',
        EndTime: '2017-02-30 10:00:00',
        Region: 'ap-guangzhou',
      }),
    ).toEqual([
      'UnknownParameter Region',
      'MissingParameter InstanceId',
      'InvalidParameter Limit',
      'InvalidParameterValue BeginTime',
      'InvalidParameterValue EndTime',
      'InvalidParameterValue Status.1',
    ])
  })

  it.each([
    [{ Limit: 0 }, 'InvalidParameterValue Limit'],
    [{ Limit: 101 }, 'InvalidParameterValue Limit'],
    [{ Limit: 1.5 }, 'InvalidParameter Limit'],
    [{ Offset: -20 }, 'InvalidParameterValue Offset'],
    [{ Limit: 5, Offset: 3 }, 'InvalidParameterValue Offset'],
    [{ Offset: 5 }, 'InvalidParameterValue Offset'],
    [{ Status: 2 }, 'InvalidParameter Status'],
    [{ BeginTime: '2018-09-04 12:00:00', EndTime: '2018-09-04 11:59:59' }, 'InvalidParameterValue EndTime'],
    [{ InstanceId: '' }, 'InvalidParameterValue InstanceId'],
  ])('DescribeInstanceBackups %j -> %s', (patch, expected) => {
    expect(issues('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p', ...patch })).toEqual([expected])
  })

  it('uses the default Limit of 20 for the Offset rule, and accepts nulls for optional fields', () => {
    expect(issues('DescribeInstanceBackups', { InstanceId: 'crs-1', Offset: 40, Limit: null })).toEqual([])
    expect(
      validateRequest('DescribeInstanceBackups', { InstanceId: 'crs-1', Offset: 5 })[0]?.message,
    ).toMatch(/multiple of Limit \(20\)/)
  })

  it.each([null, 'crs-1', [], 42])('rejects a non-object input %j', (input) => {
    expect(issues('ManualBackupInstance', input)).toEqual(['InvalidParameter '])
  })

  it('never throws, and accepts exactly the inputs built valid (seeded random inputs)', () => {
    let seed = 20181112
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T
    const junk = [null, undefined, '', 'x', -1, 0, 1.5, 1e21, true, [], {}, [1], '2018-09-04 12:51:21', NaN]
    for (let n = 0; n < 3000; n++) {
      const valid = rand() < 0.5
      const limit = pick([1, 5, 20, 100])
      const input: Record<string, unknown> = valid
        ? {
            InstanceId: `crs-${n}`,
            Limit: limit,
            Offset: limit * Math.floor(rand() * 5),
            Status: [pick([1, 2, 3, 4, -1, -2])],
            BeginTime: '2018-09-04 12:51:21',
            EndTime: pick(['2018-09-04 12:51:21', '2019-01-01 00:00:00']),
          }
        : { InstanceId: pick(junk), [pick(['Limit', 'Offset', 'Status', 'BeginTime', 'Bogus'])]: pick(junk) }
      const result = validateRequest('DescribeInstanceBackups', input)
      if (valid) expect(result, JSON.stringify(input)).toEqual([])
      else if (typeof input.InstanceId !== 'string' || input.InstanceId === '')
        expect(result.length).toBeGreaterThan(0)
    }
  })
})
