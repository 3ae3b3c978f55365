import { describe, expect, it } from 'vitest'
import { fromQueryParams, toQueryParams, validateRequest } from './index.ts'

const fromQuery = (query: string) => fromQueryParams('DescribeInstanceBackups', new URLSearchParams(query))
const issues = (input: unknown) =>
  validateRequest('DescribeInstanceBackups', input).map((i) => `${i.code} ${i.path}`)

describe('fromQueryParams', () => {
  it('turns Status.N back into a list and numbers into numbers', () => {
    expect(fromQuery('Status.0=2&Status.1=-1&Limit=5')).toEqual({ Status: [2, -1], Limit: 5 })
  })

  it('reads the seed input sample', () => {
    expect(fromQuery('Limit=5&Offset=0&InstanceId=crs-5a4py64p')).toEqual({
      Limit: 5,
      Offset: 0,
      InstanceId: 'crs-5a4py64p',
    })
  })

  it('orders list items by their index, numerically, wherever they appear', () => {
    expect(fromQuery('Status.2=3&InstanceId=crs-1&Status.0=1&Status.1=2')).toEqual({
      InstanceId: 'crs-1',
      Status: [1, 2, 3],
    })
    const eleven = Array.from({ length: 11 }, (_, i) => `Status.${10 - i}=${i % 2 ? 1 : 2}`).join('&')
    expect(fromQuery(eleven).Status).toEqual([2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2].reverse())
  })

  it('keeps string fields as strings, even when they look like numbers', () => {
    expect(fromQuery('InstanceId=123&BeginTime=2018-09-04%2012%3A51%3A21')).toEqual({
      InstanceId: '123',
      BeginTime: '2018-09-04 12:51:21',
    })
    expect(
      fromQueryParams('ManualBackupInstance', [
        ['InstanceId', 'crs-1'],
        ['Remark', '007'],
      ]),
    ).toEqual({
      InstanceId: 'crs-1',
      Remark: '007',
    })
  })

  it('keeps values it cannot convert as strings, so the validator names them', () => {
    const input = fromQuery('InstanceId=crs-1&Limit=ten&Offset=&Status.0=x&Status.1=2&Nope=1&Status.a=3')
    expect(input).toEqual({
      InstanceId: 'crs-1',
      Limit: 'ten',
      Offset: '',
      Status: ['x', 2],
      Nope: '1',
      'Status.a': '3',
    })
    expect(issues(input)).toEqual([
      'UnknownParameter Nope',
      'UnknownParameter Status.a',
      'InvalidParameter Limit',
      'InvalidParameter Offset',
      'InvalidParameter Status.0',
    ])
  })

  it('leaves a list field sent without an index for the validator to refuse', () => {
    const input = fromQuery('InstanceId=crs-1&Status=2')
    expect(input).toEqual({ InstanceId: 'crs-1', Status: '2' })
    expect(issues(input)).toEqual(['InvalidParameter Status'])
  })

  it('reads what the validator then accepts or refuses, as the service would', () => {
    expect(issues(fromQuery('InstanceId=crs-1&Limit=5&Offset=10&Status.0=-2'))).toEqual([])
    expect(issues(fromQuery('InstanceId=crs-1&Limit=5&Offset=3&Status.0=2&Status.1=7'))).toEqual([
      'InvalidParameterValue Status.1',
      'InvalidParameterValue Offset', // cross-field rules are checked after the fields themselves
    ])
  })

  // Number() would also read hex, exponent and padded forms; a query integer is decimal digits.
  it('keeps hex and exponent forms of integers as strings', () => {
    expect(fromQuery('InstanceId=crs-1&Limit=0x10&Offset=1e1')).toEqual({
      InstanceId: 'crs-1',
      Limit: '0x10',
      Offset: '1e1',
    })
  })
})

describe('fromQueryParams on keys named like Object members', () => {
  it('keeps `constructor`, `toString` and `__proto__` as own unknown parameters instead of failing or dropping them', () => {
    const input = fromQuery('InstanceId=crs-1&constructor=x&toString=1&__proto__=y')
    expect(Object.keys(input)).toEqual(['InstanceId', 'constructor', 'toString', '__proto__'])
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype)
    expect(issues(input)).toEqual([
      'UnknownParameter constructor',
      'UnknownParameter toString',
      'UnknownParameter __proto__',
    ])
  })
})

describe('toQueryParams', () => {
  it('flattens lists to Name.N, writes numbers as text, and leaves out undefined and null', () => {
    expect(
      toQueryParams({ InstanceId: 'crs-1', Limit: 5, Status: [2, -1], BeginTime: undefined, EndTime: null }),
    ).toEqual([
      ['InstanceId', 'crs-1'],
      ['Limit', '5'],
      ['Status.0', '2'],
      ['Status.1', '-1'],
    ])
    expect(toQueryParams({ Status: [] })).toEqual([])
  })

  it('flattens objects to Name.Field as the SDKs do, and leaves out null items at any depth', () => {
    expect(
      toQueryParams({
        Filter: { Name: 'n', Values: ['a', null] },
        Filters: [{ Name: 'a' }],
        Status: [null, 2],
      }),
    ).toEqual([
      ['Filter.Name', 'n'],
      ['Filter.Values.0', 'a'],
      ['Filters.0.Name', 'a'],
      ['Status.1', '2'],
    ])
  })

  it.each([
    { InstanceId: 'crs-1', Limit: 10, Offset: 20, Status: [1, 2, 3], BeginTime: '2018-09-04 12:51:21' },
    { InstanceId: 'crs-5a4py64p' },
    { InstanceId: 'a&b=c', Status: [-2] },
  ])('round-trips through the query string with fromQueryParams: %o', (input) => {
    const query = new URLSearchParams(toQueryParams(input)).toString()
    expect(fromQuery(query)).toEqual(input)
  })
})
