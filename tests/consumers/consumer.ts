// Type-level consumer: the published declarations as a TypeScript app sees them.
import { formatTcTime, parseTcTime, RedisClient, TencentCloudError } from '@crs-kit/client'
import type {
  DescribeInstanceBackupsRequest,
  ManualBackupInstanceErrorCode,
  RedisBackupSet,
} from '@crs-kit/core'
import { createHandlers } from '@crs-kit/msw'
import { type MockServer, startMockServer } from '@crs-kit/msw/server'

const client = new RedisClient({ region: 'ap-guangzhou', credentials: { secretId: 'a', secretKey: 'b' } })
// A time window in the service's UTC+8, from an app that depends on the client alone.
const input: DescribeInstanceBackupsRequest = {
  InstanceId: 'crs-5a4py64p',
  Status: [2],
  BeginTime: formatTcTime(new Date(Date.now() - 86_400_000)),
}
const started: number | undefined = parseTcTime('2018-09-04 12:51:21')
void started
export async function run(): Promise<number> {
  const page = await client.describeInstanceBackups(input)
  const first: RedisBackupSet | undefined = page.BackupSet[0]
  const { TaskId } = await client.manualBackupInstance({ InstanceId: 'crs-5a4py64p' })
  try {
    await client.manualBackupInstance({ InstanceId: 'crs-5a4py64p' })
  } catch (error) {
    if (error instanceof TencentCloudError) {
      const code: string = error.code
      void code
      // @ts-expect-error a misspelt code (ResourceUnavailable.InstanceLockedError) fails after instanceof too
      void (error.code === 'ResourceUnavailable.InstanceLockedErr')
    }
  }
  const locked: ManualBackupInstanceErrorCode = 'ResourceUnavailable.InstanceLockedError'
  void locked
  // @ts-expect-error BackupType is a string on the wire, not a number
  const wrong: RedisBackupSet['BackupType'] = 0
  void wrong
  // openapi-typescript's own maps are not core's API: the models are.
  // @ts-expect-error components is not exported
  type Maps = import('@crs-kit/core').components
  // @ts-expect-error paths is not exported
  type Paths = import('@crs-kit/core').paths
  void (0 as unknown as [Maps, Paths])
  void createHandlers().handlers
  // An app's optional settings passed on as they are: undefined is absent, also under exactOptionalPropertyTypes.
  const settings: { endpoint?: string | undefined; host?: string | undefined; limit?: number | undefined } =
    {}
  void new RedisClient({ region: 'ap-guangzhou', endpoint: settings.endpoint, timeoutMs: settings.limit })
  const limited: DescribeInstanceBackupsRequest = { InstanceId: 'crs-5a4py64p', Limit: settings.limit }
  void limited
  const server: MockServer = await startMockServer({ port: 0, verify: false, host: settings.host })
  const mocked = new RedisClient({ region: 'ap-guangzhou', endpoint: server.url })
  await mocked.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })
  await server.close()
  return TaskId + (first?.Status ?? 0)
}
