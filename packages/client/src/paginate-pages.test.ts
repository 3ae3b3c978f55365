import type {
  DescribeInstanceBackupsRequest,
  DescribeInstanceBackupsResponse,
  RedisBackupSet,
} from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { paginatePages } from './paginate-pages.ts'

const backup = (i: number) => ({ BackupId: `b${i}` }) as RedisBackupSet

function fakeService(total: number, reportedTotal = total) {
  const calls: DescribeInstanceBackupsRequest[] = []
  const send = async (input: DescribeInstanceBackupsRequest): Promise<DescribeInstanceBackupsResponse> => {
    calls.push(input)
    const offset = input.Offset ?? 0
    const limit = input.Limit ?? 20
    const BackupSet = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
      backup(offset + i),
    )
    return { TotalCount: reportedTotal, BackupSet, RequestId: 'r' }
  }
  return { calls, send }
}

const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

describe('paginatePages', () => {
  it('yields every item, stopping on TotalCount without asking for an empty page', async () => {
    const { calls, send } = fakeService(10)
    const items = await collect(
      paginatePages('DescribeInstanceBackups', { InstanceId: 'crs-1', Limit: 5 }, send),
    )
    expect(items.map((b) => b.BackupId)).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`))
    expect(calls.map((c) => [c.Limit, c.Offset])).toEqual([
      [5, 0],
      [5, 5],
    ])
  })

  it('uses the default limit from the spec and stops on a short page', async () => {
    const { calls, send } = fakeService(45, 1000)
    expect(
      await collect(paginatePages('DescribeInstanceBackups', { InstanceId: 'crs-1' }, send)),
    ).toHaveLength(45)
    expect(calls.map((c) => c.Offset)).toEqual([0, 20, 40])
  })

  it('stops on an empty first page and keeps the filters on every page', async () => {
    const { calls, send } = fakeService(0)
    expect(
      await collect(paginatePages('DescribeInstanceBackups', { InstanceId: 'crs-1', Status: [2] }, send)),
    ).toEqual([])
    expect(calls).toEqual([{ InstanceId: 'crs-1', Status: [2], Limit: 20, Offset: 0 }])
  })
})
