// The main job's demonstration: crs-mock on loopback, and the published client driving it the way an app
// would: list, start a backup, hit the lock, watch the backup finish, page through everything.
import { RedisClient, TencentCloudError } from '@crs-kit/client'
import { seedInstanceId } from '@crs-kit/msw'
import { startMockServer } from '@crs-kit/msw/server'

const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const server = await startMockServer({ port: 0, credentials: [credentials], backupDurationMs: 1500 })
console.log(`crs-mock listening on ${server.url} (signatures verified, backups take 1.5 s)`)
const client = new RedisClient({ region: 'ap-guangzhou', endpoint: server.url, credentials })
const InstanceId = seedInstanceId
const row = (b: { BackupId: string; StartTime: string; Status: number; Remark: string }) =>
  `  ${b.BackupId}  ${b.StartTime}  status ${b.Status}  ${JSON.stringify(b.Remark)}`

try {
  const first = await client.describeInstanceBackups({ InstanceId })
  console.log(`\nDescribeInstanceBackups ${InstanceId}: ${first.TotalCount} backups`)
  for (const b of first.BackupSet) console.log(row(b))

  const { TaskId, RequestId } = await client.manualBackupInstance({ InstanceId, Remark: 'demo' })
  console.log(`\nManualBackupInstance: TaskId ${TaskId} (RequestId ${RequestId})`)

  try {
    await client.manualBackupInstance({ InstanceId, Remark: 'second' })
  } catch (error) {
    if (!(error instanceof TencentCloudError)) throw error
    console.log(`ManualBackupInstance again: ${error.code}: ${error.message}`)
  }

  const started = Date.now()
  for (;;) {
    const running = await client.describeInstanceBackups({ InstanceId, Status: [1] })
    console.log(
      `  ${((Date.now() - started) / 1000).toFixed(1)} s: ${running.TotalCount} backup(s) in progress`,
    )
    if (running.TotalCount === 0) break
    await new Promise((r) => setTimeout(r, 500))
  }

  console.log('\npaginateDescribeInstanceBackups, 2 per page:')
  let count = 0
  for await (const b of client.paginateDescribeInstanceBackups({ InstanceId, Limit: 2 })) {
    console.log(row(b))
    count++
  }
  console.log(`${count} backups in all`)
} finally {
  await server.close()
}
