// DescribeInstanceBackups throughput over loopback with 32 calls in flight: RedisClient against the
// official CommonClient, both against the same signature-verifying server (in a child process).
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { RedisClient } from '@crs-kit/client'
import { row } from './measure.ts'

const require = createRequire(import.meta.url)
const { CommonClient } =
  require('tencentcloud-sdk-nodejs-common') as typeof import('tencentcloud-sdk-nodejs-common')

const inFlight = 32
const total = Number(process.env.BENCH_CALLS ?? 3000)
// The server runs in its own process so that the figures measure the clients, not the server.
const child = fork(new URL('./loopback-process.ts', import.meta.url), {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
})
const [line] = (await once(child.stdout!, 'data')) as [Buffer]
const origin = line.toString().trim()
const input = { InstanceId: 'crs-5a4py64p', Limit: 5 }
const credential = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }

async function callsPerSecond(call: () => Promise<unknown>, calls: number): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next++ < calls) await call()
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: inFlight }, worker))
  return calls / ((performance.now() - start) / 1000)
}

/** Warms both up (JIT, connection pools), then alternates rounds so that drift hits both alike; best of 3. */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await callsPerSecond(a, 1000)
  await callsPerSecond(b, 1000)
  const rates: [number[], number[]] = [[], []]
  for (let round = 0; round < 3; round++) {
    rates[0].push(await callsPerSecond(a, total))
    rates[1].push(await callsPerSecond(b, total))
  }
  return [Math.max(...rates[0]), Math.max(...rates[1])]
}

// The spec's 20/s client-side limit would measure the limiter, not the client: disable it here.
const ours = new RedisClient({
  region: 'ap-guangzhou',
  endpoint: origin,
  credentials: credential,
  rateLimit: false,
})
const sdk = new CommonClient(origin.replace('http://', ''), '2018-04-12', {
  credential,
  region: 'ap-guangzhou',
  profile: { httpProfile: { protocol: 'http://', reqTimeout: 60 } },
})

const [oursRate, sdkRate] = await compare(
  () => ours.describeInstanceBackups(input),
  () => sdk.request('DescribeInstanceBackups', input),
)
child.send('verified?')
const [verified] = await once(child, 'message')
if (verified !== true) throw new Error('a signature did not verify')
row(`describe x${total}, ${inFlight} in flight: @crs-kit/client`, `${Math.round(oursRate)} calls/s`)
row(`describe x${total}, ${inFlight} in flight: CommonClient`, `${Math.round(sdkRate)} calls/s`)
row('describe: speed-up', `${(oursRate / sdkRate).toFixed(1)}x`)
child.kill()
process.exit(0)
