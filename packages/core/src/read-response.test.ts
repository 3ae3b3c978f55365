import { describe, expect, it } from 'vitest'
import { examples } from '../../msw/src/generated/fixtures.gen.ts'
import { ResponseShapeError, readResponse } from './index.ts'

const seed = examples.DescribeInstanceBackups.response

describe('readResponse', () => {
  it('turns the seed sample TaskId "6954227" into a number', () => {
    expect(readResponse('ManualBackupInstance', { TaskId: '6954227', RequestId: 'r' })).toEqual({
      TaskId: 6954227,
      RequestId: 'r',
    })
  })

  it('reads the seed listing, keeping nulls, unknown fields and absent optional fields as sent', () => {
    const raw = structuredClone(seed) as unknown as { BackupSet: Record<string, unknown>[] }
    raw.BackupSet[0]!.BackupSize = null
    raw.BackupSet[0]!.NewField2027 = { nested: true }
    raw.BackupSet[1]!.BackupSize = '1024'
    const out = readResponse('DescribeInstanceBackups', raw)
    expect(out.TotalCount).toBe(2)
    expect(out.BackupSet[0]).toMatchObject({ BackupSize: null, NewField2027: { nested: true }, Status: 2 })
    expect(out.BackupSet[1]!.BackupSize).toBe(1024)
    expect('Encrypted' in out.BackupSet[0]!).toBe(false)
  })

  it.each([
    [{ BackupSet: [], RequestId: 'r' }, 'TotalCount'],
    [{ TotalCount: 'many', BackupSet: [], RequestId: 'r' }, 'TotalCount'],
    [{ TotalCount: 1, BackupSet: {}, RequestId: 'r' }, 'BackupSet'],
  ])('names the field that cannot be read: %j', (raw, path) => {
    const error = (() => {
      try {
        readResponse('DescribeInstanceBackups', raw)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).path).toBe(path)
  })

  it('gives the path inside BackupSet', () => {
    const raw = structuredClone(seed) as unknown as { BackupSet: Record<string, unknown>[] }
    raw.BackupSet[1]!.Status = 'normal'
    expect(() => readResponse('DescribeInstanceBackups', raw)).toThrow(/BackupSet\.1\.Status/)
  })
})
