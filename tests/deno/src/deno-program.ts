// The program deno.test.ts runs in Deno with only --allow-net: @crs-kit/client as Deno loads it from npm (the
// `node` export condition, so node:http and node:crypto through Deno's Node compatibility) against the crs-mock
// whose URL is its argument. It prints every outcome as one JSON line for the test to check.
import process from 'node:process'
import { ConfigurationError, CrsKitError, RedisClient, signTc3, TencentCloudError } from '@crs-kit/client'

declare const Deno: { version: { deno: string } } | undefined

const endpoint = process.argv.at(-1)!
const instanceId = 'crs-5a4py64p'
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }

function describeError(error: unknown) {
  if (error instanceof TencentCloudError) return { name: error.name, code: error.code }
  if (error instanceof CrsKitError) return { name: error.name, message: error.message }
  return { name: 'unexpected', message: String((error as Error)?.stack ?? error) }
}

async function outcome<T>(call: () => T | Promise<T>) {
  try {
    return { ok: true as const, value: await call() }
  } catch (error) {
    return { ok: false as const, error: describeError(error) }
  }
}

// The default proxy setting reads the environment, and `proxy: false` must not: neither may fail for want of
// --allow-env (Deno refuses such a read with its own NotCapable error).
const client = await outcome(() => new RedisClient({ region: 'ap-guangzhou', endpoint, credentials }))
const noProxy = await outcome(
  () => new RedisClient({ region: 'ap-guangzhou', endpoint, credentials, proxy: false }),
)
const api = client.ok
  ? client.value
  : new RedisClient({ region: 'ap-guangzhou', endpoint, credentials, proxy: false })

const before = await outcome(() => api.describeInstanceBackups({ InstanceId: instanceId }))
const started = await outcome(() => api.manualBackupInstance({ InstanceId: instanceId, Remark: 'from deno' }))
const paged = await outcome(async () => {
  const ids: string[] = []
  for await (const backup of api.paginateDescribeInstanceBackups({ InstanceId: instanceId, Limit: 1 }))
    ids.push(backup.BackupId)
  return ids
})
// Credentials from the environment, which this program may not read: a ConfigurationError that says so.
const fromEnv = await outcome(() =>
  new RedisClient({ region: 'ap-guangzhou', endpoint }).describeInstanceBackups({ InstanceId: instanceId }),
)
// The redis known-answer vector of the reference, signed by node:crypto as Deno provides it.
const vector = await outcome(() =>
  signTc3({
    method: 'POST',
    host: 'redis.tencentcloudapi.com',
    path: '/',
    query: '',
    headers: { 'content-type': 'application/json' },
    body: '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}',
    service: 'redis',
    timestamp: 1551113065,
    ...credentials,
  }),
)

console.log(
  JSON.stringify({
    deno: typeof Deno === 'object' ? Deno.version.deno : undefined,
    build: import.meta.resolve('@crs-kit/client'),
    client: client.ok || client.error,
    noProxy: noProxy.ok || noProxy.error,
    before,
    started,
    paged,
    fromEnv: {
      ...fromEnv,
      isConfigurationError: !fromEnv.ok && fromEnv.error.name === ConfigurationError.name,
    },
    vector: vector.ok ? { ok: true, signature: vector.value.signature } : vector,
  }),
)
