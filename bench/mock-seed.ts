// The seed of the listing-latency measurement of bench/mock.ts: one instance with 10 backups, one with
// 100,000, built the same way, and the DescribeInstanceBackups queries timed on each. Shared by the
// child server (bench/mock-seeded-server.ts) and the load generator, which must agree on it.
import type { RedisBackupSet } from '@crs-kit/core'
import { formatTcTime } from '@crs-kit/msw'

export const listingInstances = [
  { InstanceId: 'crs-bench010', backups: 10 },
  { InstanceId: 'crs-bench100k', backups: 100_000 },
] as const

const baseMs = Date.UTC(2025, 0, 1)
/** Mostly Status 2 (normal), every 4th RDB-converted (4), every 5th expired (-1): three status lists. */
const statusOf = (i: number): RedisBackupSet['Status'] => (i % 4 === 1 ? 4 : i % 5 === 3 ? -1 : 2)
// 25 s apart: 100,000 backups span 29 days, inside the 30 a time window of DescribeInstanceBackups may cover.
const spacingMs = 25_000
const startOf = (i: number) => formatTcTime(baseMs + i * spacingMs)
const hex = (i: number, width: number) => i.toString(16).padStart(width, '0')

/** `count` backups 25 s apart, in listing order, shaped like the live service's records. */
export function seedBackups(instanceId: string, count: number): RedisBackupSet[] {
  return Array.from({ length: count }, (_, i) => ({
    StartTime: startOf(i),
    BackupId: `${hex(i, 8)}-be0c-4e11-8a5e-${hex(count, 12)}`,
    BackupType: i % 3 === 0 ? '0' : '1',
    Status: statusOf(i),
    Remark: i % 3 === 0 ? 'manual' : '',
    Locked: 0,
    BackupSize: 1_048_576 + i,
    InstanceId: instanceId,
    InstanceName: instanceId,
    Region: 'ap-guangzhou',
    EndTime: formatTcTime(baseMs + i * spacingMs + 20_000),
    FileType: 'RDB-Redis 6.2',
    ExpireTime: formatTcTime(baseMs + i * spacingMs + 7 * 86_400_000),
  }))
}

/** Offset of the last full page of `matches` items (a multiple of `limit`, as the service requires). */
const lastFullPage = (matches: number, limit: number) => Math.floor((matches - limit) / limit) * limit

export interface ListingQuery {
  name: string
  input: Record<string, unknown>
}

/**
 * The same three queries on an instance of `count` backups, each answering a full page:
 * the first page of 10; the last page of 5 (Offset 5 vs 99,995); and the last full page of 2 with a
 * Status filter on two statuses and a time window (the merge of two status lists at a deep Offset).
 */
export function listingQueries(instanceId: string, count: number): ListingQuery[] {
  const status = [2, 4] as const
  const first = 1
  const last = count - 2
  const matches = Array.from({ length: count }, (_, i) => i).filter(
    (i) => i >= first && i <= last && (status as readonly number[]).includes(statusOf(i)),
  ).length
  return [
    { name: 'first page (Limit 10)', input: { InstanceId: instanceId, Limit: 10, Offset: 0 } },
    {
      name: 'last page (Limit 5)',
      input: { InstanceId: instanceId, Limit: 5, Offset: lastFullPage(count, 5) },
    },
    {
      name: 'Status [2,4] + time window, last page (Limit 2)',
      input: {
        InstanceId: instanceId,
        Status: [...status],
        BeginTime: startOf(first),
        EndTime: startOf(last),
        Limit: 2,
        Offset: lastFullPage(matches, 2),
      },
    },
  ]
}
