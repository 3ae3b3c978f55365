// Runs against the real service when TENCENTCLOUD_SECRET_ID / _SECRET_KEY are set (the client reads them),
// otherwise against a crs-mock given as CRS_ENDPOINT (e.g. http://127.0.0.1:4010, started with `crs-mock`).
import { RedisClient } from '@crs-kit/client'
import { backupAndWait } from './backup-and-wait.ts'

const real = Boolean(process.env.TENCENTCLOUD_SECRET_ID && process.env.TENCENTCLOUD_SECRET_KEY)
const endpoint = process.env.CRS_ENDPOINT
if (!real && !endpoint) {
  console.error('set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or CRS_ENDPOINT for a crs-mock')
  process.exit(2)
}
const client = new RedisClient({
  region: process.env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
  ...(real ? {} : { endpoint, credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' } }),
})
await backupAndWait(
  client,
  process.env.CRS_INSTANCE_ID ?? 'crs-5a4py64p',
  { line: (t) => console.log(t) },
  {
    pollMs: Number(process.env.CRS_POLL_MS ?? 2000),
  },
)
