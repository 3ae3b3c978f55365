// What a team in any language does with the published bin: `crs-mock --port 0` through node_modules/.bin (the
// `node` first on PATH runs it), wait for its line, call it, stop it with SIGTERM. Then the same server started
// in-process from `@crs-kit/msw/server`, as a JavaScript test suite's global setup would.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { RedisClient } from '@crs-kit/client'
import { startMockServer } from '@crs-kit/msw/server'

const results = []
const mock = spawn(
  'node_modules/.bin/crs-mock',
  ['--port', '0', '--secret-id', 'AKIDBIN', '--secret-key', 'bin'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const exited = once(mock, 'exit')
const timer = setTimeout(() => mock.kill('SIGKILL'), 20_000)
try {
  let out = ''
  await new Promise((resolve) => {
    mock.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
      if (out.includes('\n')) resolve()
    })
    mock.on('exit', resolve)
  })
  const endpoint = /^crs-mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1]
  const printed = endpoint ? '' : `: ${out.trim() || 'nothing'}`
  results.push(
    `${endpoint ? 'ok' : 'not ok'} crs-mock bin prints "crs-mock listening on http://127.0.0.1:PORT"${printed}`,
  )
  if (endpoint) {
    const client = new RedisClient({
      region: 'ap-guangzhou',
      endpoint,
      credentials: { secretId: 'AKIDBIN', secretKey: 'bin' },
    })
    try {
      const page = await client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })
      assert.deepEqual(
        page.BackupSet.map((b) => b.BackupId),
        ['2e4127f8-affe-11e8-941e-4846fb00c75d', '6cbbf53a-affe-11e8-905b-4846fb00c75d'],
      )
      results.push('ok crs-mock bin answers the client with the seed backups')
    } catch (error) {
      results.push(`not ok crs-mock bin answers the client with the seed backups: ${error?.message ?? error}`)
    }
  }
  mock.kill('SIGTERM')
  const [code, signal] = await exited
  results.push(`${code === 0 ? 'ok' : 'not ok'} crs-mock bin exits 0 on SIGTERM (code ${code}, ${signal})`)
} finally {
  clearTimeout(timer)
  if (mock.exitCode === null && mock.signalCode === null) mock.kill('SIGKILL')
}

try {
  const server = await startMockServer({ credentials: [{ secretId: 'AKIDLIB', secretKey: 'lib' }] })
  try {
    const client = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.url,
      credentials: { secretId: 'AKIDLIB', secretKey: 'lib' },
    })
    const { TaskId } = await client.manualBackupInstance({ InstanceId: 'crs-5a4py64p', Remark: 'lib' })
    const page = await client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p', Status: [1] })
    const running = page.BackupSet.map((b) => b.Remark)
    assert.deepEqual(running, ['lib'])
    assert.equal(typeof TaskId, 'number')
    results.push(`ok startMockServer from @crs-kit/msw/server serves ${server.url.replace(/\d+$/, 'PORT')}`)
  } finally {
    await server.close()
  }
} catch (error) {
  results.push(`not ok startMockServer from @crs-kit/msw/server: ${error?.message ?? error}`)
}
console.log(JSON.stringify(results))
