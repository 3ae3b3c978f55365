// 2. DescribeInstanceBackups over loopback with 32 calls in flight: our RedisClient, the official CommonClient,
// and a raw node:http keep-alive loop (the floor: no signing, no parsing into models), against one server.
import { Agent, request } from 'node:http'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { RedisClient } from '@crs-kit/client'
import { startChild } from './child-server.ts'
import { alternate, fmt, type Row } from './harness.ts'

const require = createRequire(import.meta.url)
const { CommonClient } = require('tencentcloud-sdk-nodejs-common') as {
  CommonClient: new (
    endpoint: string,
    version: string,
    config: unknown,
  ) => { request(action: string, params: unknown): Promise<unknown> }
}
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const input = { InstanceId: 'crs-5a4py64p', Limit: 20, Offset: 0 }
const inFlight = 32

/** Calls per second of `call` with `inFlight` workers sharing `total` calls. */
async function callsPerSecond(total: number, call: () => Promise<unknown>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < total) await call()
    }),
  )
  return total / ((performance.now() - start) / 1000)
}

export async function run(): Promise<Row[]> {
  const server = await startChild([fileURLToPath(new URL('fixed-server.ts', import.meta.url))])
  try {
    const { port, hostname } = new URL(server.url)
    // Our client-side rate limit (20/s per action, the service's) is off here only: this measures the client.
    const ours = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.url,
      credentials,
      rateLimit: false,
    })
    const sdk = new CommonClient(`${hostname}:${port}`, '2018-04-12', {
      credential: credentials,
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: `${hostname}:${port}`, protocol: 'http://' } },
    })
    const agent = new Agent({ keepAlive: true, maxSockets: inFlight })
    const body = JSON.stringify(input)
    const raw = () =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: hostname,
            port,
            method: 'POST',
            path: '/',
            agent,
            headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
          },
          (res) => {
            const chunks: Buffer[] = []
            res
              .on('data', (c) => chunks.push(c))
              .on('end', () => {
                JSON.parse(Buffer.concat(chunks).toString())
                resolve()
              })
          },
        )
        req.on('error', reject).end(body)
      })
    const total = 2000
    for (const warm of [
      () => ours.describeInstanceBackups(input),
      () => sdk.request('DescribeInstanceBackups', input),
      raw,
    ]) {
      await callsPerSecond(200, warm)
    }
    const r = await alternate(5, {
      ours: () => callsPerSecond(total, () => ours.describeInstanceBackups(input)),
      sdk: () => callsPerSecond(total, () => sdk.request('DescribeInstanceBackups', input)),
      floor: () => callsPerSecond(total, raw),
    })
    agent.destroy()
    return [
      {
        measurement: 'describe calls/s, 32 in flight, vs official',
        ours: fmt(r.ours, 0),
        theirs: fmt(r.sdk, 0),
        ratio: r.ours / r.sdk,
        target: '>= 2x',
        pass: r.ours / r.sdk >= 2,
        note: 'client-side rate limit off',
      },
      {
        measurement: 'describe calls/s vs raw node:http floor',
        ours: fmt(r.ours, 0),
        theirs: fmt(r.floor, 0),
        ratio: r.ours / r.floor,
        target: '>= 0.5x (within 2x)',
        pass: r.ours / r.floor >= 0.5,
      },
    ]
  } finally {
    await server.stop()
  }
}

if (import.meta.main) console.table(await run())
