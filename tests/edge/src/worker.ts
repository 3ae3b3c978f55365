// The Worker that edge.test.ts bundles as a Workers bundler would and runs in workerd. It drives
// @crs-kit/client's default build (global fetch + WebCrypto) against the crs-mock whose URL it gets as a
// binding, and answers every outcome as JSON for the test to check. crs-mock verifies each signature, so
// any success here is a TC3 signature computed with workerd's WebCrypto.
import { CrsKitError, RedisClient, TencentCloudError, ValidationError } from '@crs-kit/client'

export interface Env {
  CRS_ENDPOINT: string
}

const instanceId = 'crs-5a4py64p'
const region = 'ap-guangzhou'

/** What a failed call threw, as plain data. */
function describeError(error: unknown) {
  if (error instanceof TencentCloudError)
    return { name: error.name, code: error.code, action: error.action, requestId: error.requestId }
  if (error instanceof ValidationError)
    return { name: error.name, issues: error.issues.map((i) => ({ code: i.code, path: i.path })) }
  if (error instanceof CrsKitError) return { name: error.name, message: error.message }
  return { name: 'unexpected', message: String((error as Error)?.stack ?? error) }
}

async function outcome<T>(call: () => Promise<T>) {
  try {
    return { ok: true as const, value: await call() }
  } catch (error) {
    return { ok: false as const, error: describeError(error) }
  }
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    // Counts the requests the client hands to workerd's fetch (it looks the global up on every call),
    // so the test can tell that a ValidationError sent nothing.
    const workerdFetch = globalThis.fetch
    let sent = 0
    globalThis.fetch = (input, init) => {
      sent++
      return workerdFetch(input, init)
    }
    try {
      const client = new RedisClient({
        region,
        endpoint: env.CRS_ENDPOINT,
        credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      })
      const before = await outcome(() => client.describeInstanceBackups({ InstanceId: instanceId }))
      const started = await outcome(() =>
        client.manualBackupInstance({ InstanceId: instanceId, Remark: 'from workerd' }),
      )
      const after = await outcome(() => client.describeInstanceBackups({ InstanceId: instanceId }))
      const paged = await outcome(async () => {
        const ids: string[] = []
        for await (const backup of client.paginateDescribeInstanceBackups({
          InstanceId: instanceId,
          Limit: 1,
        }))
          ids.push(backup.BackupId)
        return ids
      })
      const sentBeforeInvalid = sent
      const invalid = await outcome(() =>
        // Deliberately outside the contract: a negative Limit and an InstanceId that is not a string.
        client.describeInstanceBackups({ InstanceId: 42, Limit: -1 } as never),
      )
      const sentByInvalid = sent - sentBeforeInvalid
      const wrongKey = await outcome(() =>
        new RedisClient({
          region,
          endpoint: env.CRS_ENDPOINT,
          credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'NOT-THE-SECRET' },
          maxAttempts: 1,
        }).describeInstanceBackups({ InstanceId: instanceId }),
      )
      return Response.json({
        runtime: navigator.userAgent,
        hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        before,
        started,
        after,
        paged,
        invalid,
        sentByInvalid,
        wrongKey,
        sent,
      })
    } finally {
      globalThis.fetch = workerdFetch
    }
  },
}
