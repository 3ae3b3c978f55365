import { describe, expect, expectTypeOf, it } from 'vitest'
import { type ActionName, type RedisBackupSet, ResponseShapeError, readResponse } from './index.ts'

// The output samples of the two seed pages, verbatim. The DescribeInstanceBackups sample has the seed's bug:
// the list sits under "RedisBackupSet" (the type name) where the contract says "BackupSet".
const seedListing = `{
    "RequestId": "2d4387ee-2011-449e-a32b-87f9366f3ef4",
    "TotalCount": 2,
    "RedisBackupSet": [
        { "StartTime": "2018-09-04 12:51:21", "BackupId": "2e4127f8-affe-11e8-941e-4846fb00c75d",
          "BackupType": "0", "Status": 2, "Remark": "テスト使用", "Locked": 0 },
        { "StartTime": "2018-09-04 12:53:06", "BackupId": "6cbbf53a-affe-11e8-905b-4846fb00c75d",
          "BackupType": "0", "Status": 2, "Remark": "xxx", "Locked": 0 }
    ]
}`
const seedTask = '{ "TaskId": "6954227", "RequestId": "4daddc97-0005-45d8-b5b8-38514ec1e97c" }'

type Listing = { TotalCount: unknown; BackupSet: Record<string, unknown>[]; RequestId: unknown }
/** The seed listing with the seed's key corrected to BackupSet, as the spec's example has it. */
function listing(): Listing {
  const { RedisBackupSet, ...rest } = JSON.parse(seedListing)
  return { ...rest, BackupSet: RedisBackupSet }
}

function shapeError(action: ActionName, raw: unknown): ResponseShapeError {
  try {
    readResponse(action, raw)
  } catch (error) {
    expect(error).toBeInstanceOf(ResponseShapeError)
    return error as ResponseShapeError
  }
  throw new Error(`expected a ResponseShapeError for ${JSON.stringify(raw)}`)
}

describe('readResponse', () => {
  it('reads the seed TaskId "6954227" as the number 6954227', () => {
    expect(readResponse('ManualBackupInstance', JSON.parse(seedTask))).toEqual({
      TaskId: 6954227,
      RequestId: '4daddc97-0005-45d8-b5b8-38514ec1e97c',
    })
    expect(readResponse('ManualBackupInstance', { TaskId: 6954227, RequestId: 'r' }).TaskId).toBe(6954227)
  })

  it('reads an integer past 2^53 alike as a number or a numeric string (int64 on the wire)', () => {
    const big = readResponse('ManualBackupInstance', { TaskId: 9007199254740994, RequestId: 'r' }).TaskId
    expect(readResponse('ManualBackupInstance', { TaskId: '9007199254740994', RequestId: 'r' }).TaskId).toBe(
      big,
    )
  })

  it('reads the seed listing as sent: the six seeded fields, and none of the optional ones added', () => {
    const raw = listing()
    const out = readResponse('DescribeInstanceBackups', raw)
    expect(out).toEqual(raw)
    expect(out.TotalCount).toBe(2)
    expect(out.BackupSet.map((b) => [b.BackupId, b.Status, b.Remark])).toEqual([
      ['2e4127f8-affe-11e8-941e-4846fb00c75d', 2, 'テスト使用'],
      ['6cbbf53a-affe-11e8-905b-4846fb00c75d', 2, 'xxx'],
    ])
    for (const backup of out.BackupSet) {
      for (const absent of ['Encrypted', 'BackupSize', 'FullBackup', 'InstanceType', 'EndTime', 'FileType'])
        expect(absent in backup, absent).toBe(false)
    }
  })

  it('keeps nulls, converts numeric strings, and keeps fields the contract does not know', () => {
    const raw = listing()
    Object.assign(raw.BackupSet[0]!, { BackupSize: null, FullBackup: null, NewField2027: { nested: true } })
    Object.assign(raw.BackupSet[1]!, { BackupSize: '1024', Locked: '1', Encrypted: true, InstanceType: 6 })
    const out = readResponse('DescribeInstanceBackups', raw)
    expect(out.BackupSet[0]).toMatchObject({
      BackupSize: null,
      FullBackup: null,
      NewField2027: { nested: true },
    })
    expect(out.BackupSet[1]).toMatchObject({ BackupSize: 1024, Locked: 1, Encrypted: true, InstanceType: 6 })
    expect('Encrypted' in out.BackupSet[0]!).toBe(false)
    expect(raw.BackupSet[1]!.BackupSize).toBe('1024') // the input is left as it was
  })

  it('keeps null in any optional field, and the type says so', () => {
    const raw = listing()
    Object.assign(raw.BackupSet[0]!, { Region: null, EndTime: null, Encrypted: null, InstanceId: null })
    const [first] = readResponse('DescribeInstanceBackups', raw).BackupSet
    expect(first).toMatchObject({ Region: null, EndTime: null, Encrypted: null, InstanceId: null })
    // Compile-time (pnpm typecheck): code reading an optional field must handle the null the reader keeps.
    expectTypeOf<RedisBackupSet['Region']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<RedisBackupSet['Encrypted']>().toEqualTypeOf<boolean | null | undefined>()
  })

  it('refuses the uncorrected seed listing: BackupSet is missing', () => {
    expect(shapeError('DescribeInstanceBackups', JSON.parse(seedListing)).path).toBe('BackupSet')
  })

  it.each([
    ['DescribeInstanceBackups', { BackupSet: [], RequestId: 'r' }, 'TotalCount'],
    ['DescribeInstanceBackups', { TotalCount: null, BackupSet: [], RequestId: 'r' }, 'TotalCount'],
    ['DescribeInstanceBackups', { TotalCount: 'many', BackupSet: [], RequestId: 'r' }, 'TotalCount'],
    ['DescribeInstanceBackups', { TotalCount: 1, BackupSet: {}, RequestId: 'r' }, 'BackupSet'],
    ['DescribeInstanceBackups', { TotalCount: 0, BackupSet: [] }, 'RequestId'],
    ['ManualBackupInstance', { TaskId: 'abc', RequestId: 'r' }, 'TaskId'],
    ['ManualBackupInstance', { TaskId: '69542x7', RequestId: 'r' }, 'TaskId'],
    ['ManualBackupInstance', { TaskId: '', RequestId: 'r' }, 'TaskId'],
    ['ManualBackupInstance', { RequestId: 'r' }, 'TaskId'],
    ['ManualBackupInstance', { TaskId: 1, RequestId: { id: 'r' } }, 'RequestId'],
    ['ManualBackupInstance', 'not an object', ''],
  ] as const)('%s %o fails at %s', (action, raw, path) => {
    const error = shapeError(action, raw)
    expect(error.path).toBe(path)
    expect(error.name).toBe('ResponseShapeError')
    expect(error.message).toContain(path || '(root)')
  })

  it.each([
    ['Status', 'normal', 'BackupSet.1.Status'],
    ['StartTime', undefined, 'BackupSet.1.StartTime'],
    ['Locked', null, 'BackupSet.1.Locked'],
    ['BackupSize', 'big', 'BackupSet.1.BackupSize'],
    ['Encrypted', 'maybe', 'BackupSet.1.Encrypted'],
  ])('names the backup and field that cannot be read: %s = %o', (field, value, path) => {
    const raw = listing()
    raw.BackupSet[1]![field] = value
    expect(shapeError('DescribeInstanceBackups', raw).path).toBe(path)
  })

  it('names the item that is not an object', () => {
    const raw = listing()
    raw.BackupSet.push(null as never)
    expect(shapeError('DescribeInstanceBackups', raw).path).toBe('BackupSet.2')
  })

  it('throws a TypeError for an action it does not know', () => {
    expect(() => readResponse('DescribeInstances' as ActionName, {})).toThrow(TypeError)
  })

  // Numbers are held to whole numbers where the contract says integer, as numeric strings are.
  it('refuses a fractional number where the contract says integer', () => {
    expect(shapeError('ManualBackupInstance', { TaskId: 6954227.5, RequestId: 'r' }).path).toBe('TaskId')
  })
})
