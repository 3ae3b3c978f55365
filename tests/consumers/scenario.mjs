// What another team's test suite does with the published packages: MSW handlers in setupServer, the client
// against the service's default host, a backup created, listed and paged, and a bad signature.
import assert from 'node:assert/strict'
import { CrsKitError, NetworkError, RedisClient, TencentCloudError } from '@crs-kit/client'
import { createHandlers } from '@crs-kit/msw'
import { setupServer } from 'msw/node'

const credentials = { secretId: 'AKIDCONSUMER', secretKey: 'consumer-secret' }
const mock = createHandlers({ credentials: [credentials] })
const server = setupServer(...mock.handlers)
server.listen()
let listening = true
const stop = () => {
  if (listening) server.close()
  listening = false
}
const results = []
const check = async (name, fn) => {
  try {
    await fn()
    results.push(`ok ${name}`)
  } catch (error) {
    results.push(`not ok ${name}: ${error?.message ?? error}`)
  }
}

try {
  const client = new RedisClient({ region: 'ap-guangzhou', credentials })
  const InstanceId = 'crs-5a4py64p'
  let taskId
  await check('creates a backup', async () => {
    const { TaskId, RequestId } = await client.manualBackupInstance({ InstanceId, Remark: 'consumer' })
    assert.equal(typeof TaskId, 'number')
    assert.match(RequestId, /^[0-9a-f-]{36}$/)
    taskId = TaskId
  })
  await check('lists it among the seed backups', async () => {
    const page = await client.describeInstanceBackups({ InstanceId, Limit: 5 })
    assert.equal(page.TotalCount, 3)
    const mine = page.BackupSet.find((b) => b.Remark === 'consumer')
    assert.ok(mine, 'the new backup is listed')
    assert.equal(mine.BackupType, '0')
    assert.equal(mine.Status, 1)
    assert.ok(taskId > 0)
  })
  await check('paginates every backup one per page', async () => {
    const ids = []
    for await (const b of client.paginateDescribeInstanceBackups({ InstanceId, Limit: 1 }))
      ids.push(b.BackupId)
    assert.equal(ids.length, 3)
    assert.equal(new Set(ids).size, 3)
  })
  await check('a wrong key is a TencentCloudError AuthFailure.SignatureFailure', async () => {
    const wrong = new RedisClient({
      region: 'ap-guangzhou',
      credentials: { ...credentials, secretKey: 'nope' },
    })
    await assert.rejects(wrong.describeInstanceBackups({ InstanceId }), (error) => {
      assert.ok(error instanceof TencentCloudError)
      assert.equal(error.code, 'AuthFailure.SignatureFailure')
      assert.ok(!JSON.stringify(error).includes('nope'), 'the secret is not in the error')
      return true
    })
  })
  await check('a refused connection is a NetworkError, one class across the package', async () => {
    const offline = new RedisClient({
      region: 'ap-guangzhou',
      credentials,
      endpoint: 'http://127.0.0.1:9',
      maxAttempts: 2,
    })
    stop() // nothing intercepts now: the request really goes to a closed port
    await assert.rejects(offline.describeInstanceBackups({ InstanceId }), (error) => {
      assert.ok(error instanceof NetworkError, `${error?.name}: ${error?.message}`)
      assert.ok(error instanceof CrsKitError)
      assert.equal(error.mayHaveReachedServer, false)
      return true
    })
  })
} finally {
  stop()
}
console.log(JSON.stringify(results))
