import type { RedisClient } from '@crs-kit/client'

export interface Report {
  line(text: string): void
}

/**
 * What an operations job does: show the newest backups, start one, and poll until it is no longer in progress.
 * Polling uses the listing's Status filter, so it stays one small request however many backups exist.
 */
export async function backupAndWait(
  client: RedisClient,
  instanceId: string,
  report: Report,
  options: { pollMs?: number; timeoutMs?: number; remark?: string } = {},
) {
  const { pollMs = 2000, timeoutMs = 10 * 60_000, remark = 'node-service' } = options
  const listing = await client.describeInstanceBackups({ InstanceId: instanceId, Limit: 5 })
  report.line(`${instanceId}: ${listing.TotalCount} backups`)
  for (const b of listing.BackupSet)
    report.line(`  ${b.BackupId} ${b.StartTime} status=${b.Status} ${b.Remark}`)

  const started = await client.manualBackupInstance({ InstanceId: instanceId, Remark: remark })
  report.line(`started backup task ${started.TaskId}`)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const running = await client.describeInstanceBackups({ InstanceId: instanceId, Status: [1] })
    if (running.TotalCount === 0) break
    if (Date.now() > deadline)
      throw new Error(`backup task ${started.TaskId} still running after ${timeoutMs} ms`)
    report.line(`  in progress: ${running.BackupSet.map((b) => b.BackupId).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
  let total = 0
  for await (const b of client.paginateDescribeInstanceBackups({ InstanceId: instanceId, Limit: 50 })) {
    if (b.Remark === remark) report.line(`finished: ${b.BackupId} status=${b.Status} ${b.Remark}`)
    total++
  }
  report.line(`${total} backups now`)
  return started.TaskId
}
