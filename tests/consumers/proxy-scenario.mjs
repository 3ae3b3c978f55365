// What a service behind a corporate proxy does with the published client: calls through an HTTP proxy on
// loopback, to crs-mock (absolute form) and to the default https host (a CONNECT the proxy refuses or never
// answers, so no certificate is needed). On Node 20 and 24: whether a backup may have been sent must not
// depend on the order in which Node reports a tunnel's failure.
import assert from 'node:assert/strict'
import http from 'node:http'
import { inspect } from 'node:util'
import { NetworkError, OutcomeUnknownError, RedisClient, TimeoutError } from '@crs-kit/client'
import { startMockServer } from '@crs-kit/msw/server'

const results = []
const check = async (name, fn) => {
  try {
    await fn()
    results.push(`ok ${name}`)
  } catch (error) {
    results.push(`not ok ${name}: ${error?.message ?? error}`)
  }
}

const seen = []
const held = []
let mode = 'forward'
const proxy = http.createServer((req, res) => {
  seen.push(`forward ${req.url}`)
  const upstream = http.request(req.url, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on('error', () => res.destroy())
  req.pipe(upstream)
})
proxy.on('connect', (req, socket) => {
  seen.push(`CONNECT ${req.url}`)
  if (mode === 'refuse') socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n')
  else held.push(socket) // never answered
})
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))
const proxyUrl = `http://ops:s3cret@127.0.0.1:${proxy.address().port}`
const server = await startMockServer({ credentials: [{ secretId: 'AKIDPROXY', secretKey: 'proxy' }] })
const credentials = { secretId: 'AKIDPROXY', secretKey: 'proxy' }
const options = { region: 'ap-guangzhou', credentials, proxy: proxyUrl, backoff: { baseMs: 1, maxMs: 5 } }

try {
  await check('sends an http endpoint through the proxy in absolute form, signature verified', async () => {
    const client = new RedisClient({ ...options, endpoint: server.url })
    const page = await client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })
    assert.equal(page.TotalCount, 2)
    assert.deepEqual(seen, [`forward ${server.url}/`])
  })
  await check(
    'retries a backup whose tunnel the proxy refused, and says why without the password',
    async () => {
      seen.length = 0
      mode = 'refuse'
      const error = await new RedisClient(options)
        .manualBackupInstance({ InstanceId: 'crs-5a4py64p' })
        .catch((e) => e)
      assert.ok(error instanceof NetworkError && !(error instanceof OutcomeUnknownError), inspect(error))
      assert.equal(error.code, 'ERR_PROXY_TUNNEL')
      assert.equal(error.mayHaveReachedServer, false)
      assert.equal(seen.length, 3)
      assert.ok(!inspect(error, { depth: 6 }).includes('s3cret'))
    },
  )
  await check('retries a backup whose CONNECT was never answered: nothing can have left', async () => {
    seen.length = 0
    mode = 'stall'
    const error = await new RedisClient({ ...options, timeoutMs: 150 })
      .manualBackupInstance({ InstanceId: 'crs-5a4py64p' })
      .catch((e) => e)
    assert.ok(error instanceof TimeoutError, inspect(error))
    assert.deepEqual(seen, Array(3).fill('CONNECT redis.tencentcloudapi.com:443'))
  })
} finally {
  for (const socket of held) socket.destroy()
  proxy.closeAllConnections()
  proxy.close()
  await server.close()
}
console.log(JSON.stringify(results))
