import { describe, expect, it } from 'vitest'
import { examples } from '../../msw/src/generated/fixtures.gen.ts'
import { actionNames } from './generated/actions.gen.ts'
import { type ActionName, fromQueryParams, type ValidationIssue, validateRequest } from './index.ts'

const issues = (action: ActionName, input: unknown) =>
  validateRequest(action, input).map((i) => `${i.code} ${i.path}`)
const describeIssues = (input: Record<string, unknown>) =>
  issues('DescribeInstanceBackups', { InstanceId: 'crs-5a4py64p', ...input })

describe('validateRequest reads what JSON.stringify sends', () => {
  it('only own enumerable fields: an inherited or hidden InstanceId is missing, an inherited Limit absent', () => {
    const hidden = Object.defineProperty({}, 'InstanceId', { value: 'crs-1', enumerable: false })
    const inherited = Object.create({ InstanceId: 'crs-1', Limit: 1000 })
    for (const input of [hidden, inherited])
      expect(issues('DescribeInstanceBackups', input)).toEqual(['MissingParameter InstanceId'])
    expect(
      issues('DescribeInstanceBackups', Object.assign(Object.create({ Limit: 1000 }), { InstanceId: 'x' })),
    ).toEqual([])
  })

  it('a hole in a list, which is sent as null', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(describeIssues({ Status: [, 2] })).toEqual(['InvalidParameter Status.0'])
  })
})

describe('validateRequest accepts the seeds', () => {
  it.each(actionNames)('the spec example of %s', (action) => {
    expect(examples[action].request).toBeDefined()
    expect(validateRequest(action, examples[action].request)).toEqual([])
  })

  // The two input samples of the seed pages, as sent (the query form).
  it.each([
    ['DescribeInstanceBackups', 'Limit=5&Offset=0&InstanceId=crs-5a4py64p'],
    ['ManualBackupInstance', 'InstanceId=crs-5a4py64p&Remark=xxxx'],
  ] as const)('the seed input sample of %s: %s', (action, query) => {
    expect(validateRequest(action, fromQueryParams(action, new URLSearchParams(query)))).toEqual([])
  })
})

describe('validateRequest reports what the service would refuse', () => {
  it('every problem of one input at once, with the code and the field path', () => {
    expect(
      issues('DescribeInstanceBackups', {
        Limit: '5',
        Status: [2, 7],
        BeginTime: '2017-02-30 10:00:00',
        EndTime: '2017/02/08',
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
    [{ InstanceId: undefined }, 'MissingParameter InstanceId'],
    [{ InstanceId: null }, 'MissingParameter InstanceId'],
    [{ InstanceId: '' }, 'InvalidParameterValue InstanceId'],
    [{ InstanceId: 42 }, 'InvalidParameter InstanceId'],
    [{ Limit: '5' }, 'InvalidParameter Limit'],
    [{ Limit: 1.5 }, 'InvalidParameter Limit'],
    [{ Limit: 0 }, 'InvalidParameterValue Limit'],
    [{ Limit: 101 }, 'InvalidParameterValue Limit'],
    [{ Offset: -20 }, 'InvalidParameterValue Offset'],
    [{ Offset: 3, Limit: 5 }, 'InvalidParameterValue Offset'],
    [{ Offset: 5 }, 'InvalidParameterValue Offset'], // a multiple of the default Limit, 20
    [{ Offset: 30, Limit: null }, 'InvalidParameterValue Offset'],
    [{ Status: 2 }, 'InvalidParameter Status'],
    [{ Status: [2, 7] }, 'InvalidParameterValue Status.1'],
    [{ Status: [1, '2'] }, 'InvalidParameter Status.1'],
    [{ BeginTime: '2017-02-30 10:00:00' }, 'InvalidParameterValue BeginTime'],
    [{ BeginTime: '2017/02/08' }, 'InvalidParameterValue BeginTime'],
    [{ BeginTime: '2017-02-08 24:00:00' }, 'InvalidParameterValue BeginTime'],
    [{ BeginTime: '2017-02-08T16:46:34' }, 'InvalidParameterValue BeginTime'],
    [{ BeginTime: 1486543594 }, 'InvalidParameter BeginTime'],
    [{ BeginTime: '2018-09-04 12:00:00', EndTime: '2018-09-04 11:59:59' }, 'InvalidParameterValue EndTime'],
    // The live service's 30-day limit on the span, across a month end and a leap day.
    [{ BeginTime: '2024-02-01 00:00:00', EndTime: '2024-03-02 00:00:01' }, 'InvalidParameterValue EndTime'],
    [{ BeginTime: '2018-01-01 00:00:00', EndTime: '2026-01-01 00:00:00' }, 'InvalidParameterValue EndTime'],
    [{ Bogus: 1 }, 'UnknownParameter Bogus'],
  ])('DescribeInstanceBackups %o -> %s', (patch, expected) => {
    expect(describeIssues(patch)).toEqual([expected])
  })

  it.each([
    { Limit: 1, Offset: 7 },
    { Limit: 100, Offset: 0 },
    { Offset: 40 },
    { Offset: 40, Limit: null },
    { Status: [] },
    { Status: [1, 2, 3, 4, -1, -2] },
    { BeginTime: '2016-02-29 23:59:59' },
    { EndTime: '2018-09-04 11:59:59' },
    { BeginTime: '2018-09-04 12:00:00', EndTime: '2018-09-04 12:00:00' },
    { BeginTime: '2024-02-01 00:00:00', EndTime: '2024-03-02 00:00:00' }, // 30 days exactly (29 in February)
    { EndTime: null, Limit: undefined },
    { Bogus: undefined }, // never sent: JSON leaves it out
  ])('DescribeInstanceBackups accepts %o', (patch) => {
    expect(describeIssues(patch)).toEqual([])
  })

  it('says how long a time span may be', () => {
    const [issue] = validateRequest('DescribeInstanceBackups', {
      InstanceId: 'crs-1',
      BeginTime: '2026-01-01 00:00:00',
      EndTime: '2026-02-01 00:00:00',
    })
    expect(issue?.message).toBe(
      'EndTime must be at most 30 days after BeginTime (2026-01-01 00:00:00), got "2026-02-01 00:00:00"',
    )
  })

  it('says which Limit an Offset must be a multiple of', () => {
    const [issue] = validateRequest('DescribeInstanceBackups', { InstanceId: 'crs-1', Offset: 5 })
    expect(issue?.message).toMatch(/multiple of Limit \(20\)/)
  })

  it.each([
    [{ Remark: 5 }, ['InvalidParameter Remark']],
    [{ InstanceId: undefined, Limit: 5 }, ['UnknownParameter Limit', 'MissingParameter InstanceId']],
  ])('ManualBackupInstance %o -> %o', (patch, expected) => {
    expect(
      issues('ManualBackupInstance', { InstanceId: 'crs-5a4py64p', Remark: 'nightly', ...patch }),
    ).toEqual(expected)
  })

  it.each([null, undefined, 'crs-1', [], 42, true])('rejects a non-object input %o', (input) => {
    for (const action of actionNames) expect(issues(action, input)).toEqual(['InvalidParameter '])
  })

  it('gives each issue a message that names the field', () => {
    const found = validateRequest('DescribeInstanceBackups', { Limit: 0, Status: ['x'], Nope: 1 })
    expect(found).toHaveLength(4)
    for (const issue of found) {
      expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path'])
      expect(issue.message).toContain(issue.path)
    }
  })

  it('shows a BigInt as one, so that "must be an integer" does not read "got 5"', () => {
    const [issue] = validateRequest('DescribeInstanceBackups', { InstanceId: 'crs-1', Limit: 5n })
    expect(issue).toMatchObject({ code: 'InvalidParameter', message: 'Limit must be an integer, got 5n' })
  })

  // 2**53 is an integer in JavaScript, but not one JSON carries as itself: "must be an integer" misled.
  it('calls an integer past 2^53 not a safe integer, and takes the largest safe one', () => {
    const base = { InstanceId: 'crs-1' }
    expect(validateRequest('DescribeInstanceBackups', { ...base, Limit: 2 ** 53 })).toEqual([
      {
        path: 'Limit',
        code: 'InvalidParameter',
        message: 'Limit must be a safe integer, got 9007199254740992',
      },
    ])
    expect(validateRequest('DescribeInstanceBackups', { ...base, Offset: -(2 ** 70) })).toEqual([
      {
        path: 'Offset',
        code: 'InvalidParameter',
        message: 'Offset must be a safe integer, got -1.1805916207174113e+21',
      },
    ])
    expect(validateRequest('DescribeInstanceBackups', { ...base, Limit: 2.5 })[0]?.message).toBe(
      'Limit must be an integer, got 2.5',
    )
    expect(validateRequest('DescribeInstanceBackups', { ...base, Offset: 2 ** 53 - 12 })).toEqual([])
    // Only an integer field calls an integer unsafe: a whole number given for a string is not "a safe string".
    expect(validateRequest('DescribeInstanceBackups', { InstanceId: 2 ** 53 })[0]?.message).toBe(
      'InstanceId must be a string, got 9007199254740992',
    )
  })

  it('throws a TypeError for an action it does not know', () => {
    expect(() => validateRequest('DescribeInstances' as ActionName, {})).toThrow(TypeError)
  })

  // The lookup must not reach Object.prototype: 'toString' would otherwise "validate" to a string.
  it('throws a TypeError for an action name that is an Object.prototype key', () => {
    expect(() => validateRequest('toString' as ActionName, {})).toThrow(TypeError)
  })
})

describe('validateRequest on seeded random inputs', () => {
  // mulberry32: a small seeded PRNG, so a failure reproduces.
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const rand = random(20180904)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = () =>
    `${int(2000, 2030)}-${pad(int(1, 12))}-${pad(int(1, 28))} ${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}`
  const statuses = [1, 2, 3, 4, -1, -2]
  const junk = [
    null,
    undefined,
    '',
    'x',
    -1,
    0,
    1.5,
    1e21,
    Number.NaN,
    true,
    [],
    {},
    [1],
    ['2'],
    '2018-09-04 12:51:21',
  ]
  const fields = [
    'InstanceId',
    'Limit',
    'Offset',
    'BeginTime',
    'EndTime',
    'Status',
    'Remark',
    '__proto__',
    'x',
  ]
  const codes = new Set(['MissingParameter', 'InvalidParameter', 'InvalidParameterValue', 'UnknownParameter'])

  /** An input that satisfies every rule of the spec, built independently of the validator. */
  function validInput(): Record<string, unknown> {
    const input: Record<string, unknown> = { InstanceId: `crs-${int(0, 1e6).toString(36)}` }
    const limit = int(1, 100)
    if (rand() < 0.7) input.Limit = limit
    if (rand() < 0.7) input.Offset = (input.Limit === undefined ? 20 : limit) * int(0, 50)
    if (rand() < 0.5) input.Status = Array.from({ length: int(0, 6) }, () => pick(statuses))
    // EndTime from 0 to 30 days after BeginTime (the live service's limit on the span).
    const a = time()
    const later = Date.parse(`${a.replace(' ', 'T')}Z`) + int(0, 30 * 86_400) * 1000
    const b = new Date(later).toISOString().slice(0, 19).replace('T', ' ')
    if (rand() < 0.5) input.BeginTime = a
    if (rand() < 0.5) input.EndTime = b
    return input
  }

  it('accepts every input built valid', () => {
    for (let n = 0; n < 2000; n++) {
      const input = validInput()
      expect(validateRequest('DescribeInstanceBackups', input), JSON.stringify(input)).toEqual([])
    }
  })

  it('never throws on random inputs, and returns well-formed issues', () => {
    for (let n = 0; n < 3000; n++) {
      const input: Record<string, unknown> = rand() < 0.3 ? validInput() : {}
      for (let k = int(0, 4); k > 0; k--) input[pick(fields)] = pick(junk)
      const subject = rand() < 0.05 ? pick(junk) : input
      for (const action of actionNames) {
        let found: ValidationIssue[] = []
        expect(() => {
          found = validateRequest(action, subject)
        }).not.toThrow()
        for (const issue of found) {
          expect(codes.has(issue.code)).toBe(true)
          expect(typeof issue.path).toBe('string')
        }
      }
    }
  })

  // One field of a valid input made wrong: the validator must name that field with the right code.
  const mutations: [string, unknown, string][] = [
    ['InstanceId', undefined, 'MissingParameter'],
    ['InstanceId', '', 'InvalidParameterValue'],
    ['InstanceId', 7, 'InvalidParameter'],
    ['Limit', '5', 'InvalidParameter'],
    ['Limit', 0, 'InvalidParameterValue'],
    ['Limit', 101, 'InvalidParameterValue'],
    ['Limit', 2.5, 'InvalidParameter'],
    ['Offset', -1, 'InvalidParameterValue'],
    ['Offset', '0', 'InvalidParameter'],
    ['BeginTime', '2018-02-31 00:00:00', 'InvalidParameterValue'],
    ['BeginTime', '18-02-01 00:00:00', 'InvalidParameterValue'],
    ['EndTime', 20180201, 'InvalidParameter'],
    ['Status', 2, 'InvalidParameter'],
    ['Status.*', 0, 'InvalidParameterValue'],
    ['Status.*', '2', 'InvalidParameter'],
    ['Unlisted', 1, 'UnknownParameter'],
  ]

  it('names the one field made wrong in an otherwise valid input', () => {
    for (let n = 0; n < 2000; n++) {
      const input = validInput()
      const [field, bad, code] = pick(mutations)
      let path = field
      if (field === 'Status.*') {
        const list = [...((input.Status as number[] | undefined) ?? [])]
        path = `Status.${list.length}`
        input.Status = [...list, bad]
      } else input[field] = bad
      const found = validateRequest('DescribeInstanceBackups', input).map((i) => `${i.code} ${i.path}`)
      expect(found, JSON.stringify(input)).toContain(`${code} ${path}`)
      // Only the field itself, or the field whose rule depends on it, is named.
      const related = field === 'Limit' ? ['Offset'] : field === 'BeginTime' ? ['EndTime'] : []
      for (const f of found) expect([path, ...related], JSON.stringify(input)).toContain(f.split(' ')[1])
    }
  })
})
