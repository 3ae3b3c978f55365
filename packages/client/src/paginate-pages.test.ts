import type {
  DescribeInstanceBackupsRequest,
  DescribeInstanceBackupsResponse,
  RedisBackupSet,
} from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { AbortError } from './errors.ts'
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
  it('stops at an abort between two items of a page it has already read', async () => {
    const { calls, send } = fakeService(10)
    const controller = new AbortController()
    const seen: string[] = []
    const error = await (async () => {
      for await (const item of paginatePages(
        'DescribeInstanceBackups',
        { InstanceId: 'crs-1', Limit: 5 },
        send,
        controller.signal,
      )) {
        seen.push(item.BackupId)
        if (seen.length === 2) controller.abort(new Error('enough'))
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).cause).toEqual(new Error('enough'))
    expect(seen).toEqual(['b0', 'b1'])
    expect(calls).toHaveLength(1)
  })

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
