// Runs against the real service when TENCENTCLOUD_SECRET_ID / _SECRET_KEY are set (the client reads them; region
// from TENCENTCLOUD_REGION, instance from CRS_INSTANCE_ID), otherwise against a crs-mock given as CRS_ENDPOINT
// (e.g. http://127.0.0.1:4010, started with `crs-mock`) and its seed instance.
import { RedisClient } from '@crs-kit/client'
import { backupAndWait } from './backup-and-wait.ts'

const real = Boolean(process.env.TENCENTCLOUD_SECRET_ID && process.env.TENCENTCLOUD_SECRET_KEY)
const endpoint = process.env.CRS_ENDPOINT
const instanceId = process.env.CRS_INSTANCE_ID ?? (real ? undefined : 'crs-5a4py64p')
if ((!real && !endpoint) || !instanceId) {
  console.error(
    'set TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CRS_INSTANCE_ID (and TENCENTCLOUD_REGION),\n' +
      'or CRS_ENDPOINT to a crs-mock (e.g. http://127.0.0.1:4010)',
  )
  process.exit(2)
}
const client = new RedisClient({
  region: process.env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
  ...(real ? {} : { endpoint, credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' } }),
})
await backupAndWait(
  client,
  instanceId,
  { line: (t) => console.log(t) },
  { pollMs: Number(process.env.CRS_POLL_MS ?? 2000), remark: `node-service ${new Date().toISOString()}` },
)
