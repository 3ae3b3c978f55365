// 5. The mock server. (a) crs-mock against Stoplight Prism serving the same contract: calls per second,
// latency and server CPU per call with 32 calls in flight over loopback, each server in its own process,
// one load generator sending both the same bytes. (b) crs-mock's DescribeInstanceBackups latency on an
// instance with 10 backups against one with 100,000.
//
// crs-mock runs as users get it: the `crs-mock` bin (signatures verified against the default key pair,
// validation on) with `--no-rate-limit` for (a), since its default 20 calls/s per action (the service's)
// would cap any throughput figure at 20. Prism runs `prism mock` (static examples, request validation
// on) on the document bench/mock-prism.ts derives from spec/redis.yaml; see there for what is the same.
//
// Every request carries a real TC3 signature, made with signTc3 before each round and reused for that
// round (a round lasts 2 s, well inside the 5-minute window): crs-mock verifies it on every call, and the
// load generator spends no time signing, so neither server waits on its client. Prism is sent the very
// same headers and body; only the path differs (`/` vs `/DescribeInstanceBackups`).
//
// The load generator shares the machine with the server it drives, so it also drives a static node:http
// server (bench/fixed-server.ts) in the same rounds: the most calls per second it can produce here, which
// bounds any ratio. Server CPU per call (from /proc, on Linux) measures each server's own cost,
// whatever the load generator can deliver.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { signTc3 } from '@crs-kit/client'
import { startChild } from './child-server.ts'
import { alternate, fmt, median, type Row } from './harness.ts'
import { rawLoad } from './mock-load.ts'
import { prismVersion, startPrism } from './mock-prism.ts'
import { listingInstances, listingQueries } from './mock-seed.ts'

const require = createRequire(import.meta.url)
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const inFlight = 32
const roundMs = 2000
const oneRoundMs = 1000

/** The crs-mock bin of @crs-kit/msw as published (dist: run `pnpm build` first, as for every bench). */
function crsMockBin(): string {
  const pkgFile = require.resolve('@crs-kit/msw/package.json')
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> }
  return join(dirname(pkgFile), pkg.bin['crs-mock']!)
}

interface Call {
  port: number
  path: string
  headers: Record<string, string>
  body: string
}

/** A DescribeInstanceBackups call signed now, as Tencent's Node SDK and our client sign it (host without port). */
async function signedCall(url: string, path: string, input: unknown): Promise<Call> {
  const body = JSON.stringify(input)
  const timestamp = Math.floor(Date.now() / 1000)
  const headers = {
    'Content-Type': 'application/json',
    'X-TC-Action': 'DescribeInstanceBackups',
    'X-TC-Version': '2018-04-12',
    'X-TC-Region': 'ap-guangzhou',
    'X-TC-Timestamp': String(timestamp),
  }
  const { authorization } = await signTc3({
    host: '127.0.0.1',
    service: 'redis',
    headers: { 'Content-Type': headers['Content-Type'] },
    body,
    timestamp,
    ...credentials,
  })
  return {
    port: Number(new URL(url).port),
    path,
    headers: { ...headers, Authorization: authorization, 'Content-Length': String(Buffer.byteLength(body)) },
    body,
  }
}

/** Sends one call and reads the whole answer: its latency in ms and its body. Rejects on any error answer. */
function exchange(agent: Agent, call: Call): Promise<{ ms: number; body: Buffer }> {
  const start = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: call.port, method: 'POST', path: call.path, agent, headers: call.headers },
      (res) => {
        const chunks: Buffer[] = []
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => {
            const body = Buffer.concat(chunks)
            // crs-mock answers errors with HTTP 200 in the Tencent envelope, Prism with 4xx.
            if (res.statusCode !== 200 || body.includes('"Error":'))
              reject(new Error(`port ${call.port}: HTTP ${res.statusCode} ${body.toString().slice(0, 300)}`))
            else resolve({ ms: performance.now() - start, body })
          })
          .on('error', reject)
      },
    )
    req.on('error', reject).end(call.body)
  })
}

const send = async (agent: Agent, call: Call) => (await exchange(agent, call)).ms

/**
 * Latencies (ms, sorted) of calls sent at a fixed rate for `ms`, whatever the answers' pace (an open loop, as
 * traffic arrives): the servers are compared at the same load, below what either saturates at.
 */
async function fixedRate(agent: Agent, call: Call, perSecond: number, ms: number): Promise<number[]> {
  const latencies: number[] = []
  const pending: Promise<void>[] = []
  const total = Math.floor((perSecond * ms) / 1000)
  const start = performance.now()
  let sent = 0
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * perSecond) / 1000))
    for (; sent < due; sent++) pending.push(send(agent, call).then((latency) => void latencies.push(latency)))
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  await Promise.all(pending)
  return latencies.sort((a, b) => a - b)
}

async function answerOf(agent: Agent, call: Call) {
  const { body } = await exchange(agent, call)
  return (
    JSON.parse(body.toString()) as {
      Response: { TotalCount: number; BackupSet: { BackupId: string }[] }
    }
  ).Response
}

/** utime + stime of a process in ms, or undefined off Linux (/proc counts in USER_HZ = 100 ticks/s). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

interface Load {
  perSecond: number
  p50: number
  p99: number
  /** Server CPU µs per call. */
  cpuMicros: number | undefined
}

/** `inFlight` connections sending `call` back to back for `ms`: calls per second, latency, server CPU per call. */
async function load(call: Call, ms: number, pid: number | undefined): Promise<Load> {
  const cpuBefore = cpuMs(pid)
  const start = performance.now()
  const latencies = await rawLoad(call, inFlight, ms)
  const elapsed = performance.now() - start
  const cpuAfter = cpuMs(pid)
  latencies.sort((a, b) => a - b)
  return {
    perSecond: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuMicros:
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / latencies.length,
  }
}

async function serverComparison(): Promise<Row[]> {
  const input = { InstanceId: 'crs-5a4py64p', Limit: 20, Offset: 0 }
  const prism = await startPrism()
  const mock = await startChild([crsMockBin(), '--port', '0', '--no-rate-limit'])
  const floor = await startChild([fileURLToPath(new URL('fixed-server.ts', import.meta.url))])
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight })
  try {
    const targets = {
      crsMock: { url: mock.url, path: '/', pid: mock.child.pid },
      prism: { url: prism.url, path: '/DescribeInstanceBackups', pid: prism.child.pid },
      floor: { url: floor.url, path: '/', pid: undefined },
    }
    // Same question, same answer: the seed instance's two backups from crs-mock's state, the spec's
    // example from Prism.
    const pages = await Promise.all(
      (['crsMock', 'prism'] as const).map(async (name) =>
        answerOf(agent, await signedCall(targets[name].url, targets[name].path, input)),
      ),
    )
    const ids = pages.map((p) => `${p.TotalCount}:${p.BackupSet.map((b) => b.BackupId).join(',')}`)
    if (ids[0] !== ids[1]) throw new Error(`crs-mock and Prism answer differently: ${ids.join(' vs ')}`)

    const samples = {
      crsMock: [] as Load[],
      prism: [] as Load[],
      floor: [] as Load[],
    }
    const round = (name: keyof typeof targets, ms: number) => async () => {
      const target = targets[name]
      const r = await load(await signedCall(target.url, target.path, input), ms, target.pid)
      samples[name].push(r)
      return r.perSecond
    }
    // Warm-up, not counted: both servers' JIT keeps improving for a few seconds.
    for (const name of ['crsMock', 'prism', 'floor'] as const) await round(name, 2500)()
    for (const list of Object.values(samples)) list.length = 0
    const rate = await alternate(5, {
      crsMock: round('crsMock', roundMs),
      prism: round('prism', roundMs),
      floor: round('floor', roundMs),
    })
    const med = (name: 'crsMock' | 'prism', pick: (l: Load) => number | undefined) => {
      const xs = samples[name].map(pick)
      return xs.every((x) => x !== undefined) ? median(xs as number[]) : undefined
    }
    // Latency of one call at a time: the service time of each server, free of the queueing that 32 calls in
    // flight on a machine shared with the load generator add (those figures follow as information). One
    // keep-alive socket of the raw generator, so the client adds as little as it can to either server's time.
    const one: Record<keyof typeof targets, number[]> = { crsMock: [], prism: [], floor: [] }
    const oneRound = (name: keyof typeof targets) => async () => {
      const target = targets[name]
      one[name].push(...(await rawLoad(await signedCall(target.url, target.path, input), 1, oneRoundMs)))
      return 0
    }
    const oneRounds = { crsMock: oneRound('crsMock'), prism: oneRound('prism'), floor: oneRound('floor') }
    await alternate(1, oneRounds) // warm-up
    for (const list of Object.values(one)) list.length = 0
    await alternate(5, oneRounds)
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
    const quantiles = (q: number) => ({
      ours: percentile(sorted(one.crsMock), q),
      theirs: percentile(sorted(one.prism), q),
      floor: percentile(sorted(one.floor), q),
    })
    const oneP50 = quantiles(0.5)
    const oneP99 = quantiles(0.99)
    // Latency at one fixed offered load for both: half of what Prism sustains, so neither server queues.
    const offered = Math.round(rate.prism / 2)
    const steady = new Agent({ keepAlive: true })
    const atRate: Record<'crsMock' | 'prism', number[]> = { crsMock: [], prism: [] }
    const rateRound = (name: 'crsMock' | 'prism') => async () => {
      const target = targets[name]
      const call = await signedCall(target.url, target.path, input)
      atRate[name].push(...(await fixedRate(steady, call, offered, roundMs)))
      return 0
    }
    await alternate(3, { crsMock: rateRound('crsMock'), prism: rateRound('prism') })
    steady.destroy()
    const fixedQ = (q: number) => {
      const [ours, theirs] = [sorted(atRate.crsMock), sorted(atRate.prism)]
      return { ours: percentile(ours, q), theirs: percentile(theirs, q) }
    }
    const fixedP50 = fixedQ(0.5)
    const fixedP99 = fixedQ(0.99)
    const p50 = { ours: med('crsMock', (l) => l.p50)!, theirs: med('prism', (l) => l.p50)! }
    const p99 = { ours: med('crsMock', (l) => l.p99)!, theirs: med('prism', (l) => l.p99)! }
    const cpu = { ours: med('crsMock', (l) => l.cpuMicros), theirs: med('prism', (l) => l.cpuMicros) }
    const rows: Row[] = [
      {
        measurement: `mock calls/s, 32 in flight, vs Prism ${prismVersion}`,
        ours: fmt(rate.crsMock, 0),
        theirs: fmt(rate.prism, 0),
        ratio: rate.crsMock / rate.prism,
        target: '>= 5x',
        pass: rate.crsMock / rate.prism >= 5,
        note:
          `crs-mock bin: every signature verified, validation on, rate limit off; Prism: static example, ` +
          `Authorization only required to be present, no state, logs at error level. Ceiling of this load generator (static ` +
          `node:http server): ${fmt(rate.floor, 0)}/s = ${fmt(rate.floor / rate.prism)}x Prism`,
      },
      {
        measurement: `mock p50 / p99 ms at ${fmt(offered, 0)} calls/s for both, vs Prism`,
        ours: `${fmt(fixedP50.ours, 3)} / ${fmt(fixedP99.ours, 3)}`,
        theirs: `${fmt(fixedP50.theirs, 3)} / ${fmt(fixedP99.theirs, 3)}`,
        ratio: fixedP50.theirs / fixedP50.ours,
        target: 'information',
        pass: true,
        note: `p99 ratio ${fmt(fixedP99.theirs / fixedP99.ours, 2)}x; open loop at half the rate Prism sustains (3 alternating rounds of 2 s), sent in 1 ms ticks, so small bursts`,
      },
      {
        measurement: 'mock p50 / p99 ms, 32 in flight (saturated), vs Prism',
        ours: `${fmt(p50.ours, 2)} / ${fmt(p99.ours, 2)}`,
        theirs: `${fmt(p50.theirs, 2)} / ${fmt(p99.theirs, 2)}`,
        ratio: p50.theirs / p50.ours,
        target: 'information',
        pass: true,
        note: `p99 ratio ${fmt(p99.theirs / p99.ours, 2)}x; the load generator shares the two cores and is itself near its ceiling here, so these include its queueing`,
      },
      {
        measurement: 'mock p50 ms, one call at a time (a test suite), vs Prism',
        ours: fmt(oneP50.ours, 3),
        theirs: fmt(oneP50.theirs, 3),
        ratio: oneP50.theirs / oneP50.ours,
        target: '>= 5x',
        pass: oneP50.theirs / oneP50.ours >= 5,
        note: `${fmt(one.crsMock.length, 0)} / ${fmt(one.prism.length, 0)} sequential calls on one keep-alive socket, alternating rounds of 1 s; a static node:http server takes ${fmt(oneP50.floor, 3)} ms, ${fmt(oneP50.theirs / oneP50.floor, 2)}x Prism`,
      },
      {
        measurement: 'mock p99 ms, one call at a time (a test suite), vs Prism',
        ours: fmt(oneP99.ours, 3),
        theirs: fmt(oneP99.theirs, 3),
        ratio: oneP99.theirs / oneP99.ours,
        target: '>= 5x',
        pass: oneP99.theirs / oneP99.ours >= 5,
        note: `a static node:http server takes ${fmt(oneP99.floor, 3)} ms, ${fmt(oneP99.theirs / oneP99.floor, 2)}x Prism`,
      },
    ]
    if (cpu.ours !== undefined && cpu.theirs !== undefined) {
      rows.push({
        measurement: 'mock server CPU µs per call, vs Prism',
        ours: fmt(cpu.ours, 0),
        theirs: fmt(cpu.theirs, 0),
        ratio: cpu.theirs / cpu.ours,
        target: '>= 5x',
        pass: cpu.theirs / cpu.ours >= 5,
        note: 'user+system CPU of each server process over its rounds (/proc): its cost whatever the load generator can send',
      })
    }
    return rows
  } finally {
    agent.destroy()
    await Promise.all([prism.stop(), mock.stop(), floor.stop()])
  }
}

/** Median latency of `count` calls made one after another. */
async function sequentialMs(agent: Agent, call: Call, count: number): Promise<number> {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) latencies.push(await send(agent, call))
  return median(latencies)
}

async function listingLatency(): Promise<Row[]> {
  const server = await startChild([fileURLToPath(new URL('mock-seeded-server.ts', import.meta.url))])
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const [small, large] = listingInstances
    const smallQueries = listingQueries(small.InstanceId, small.backups)
    const largeQueries = listingQueries(large.InstanceId, large.backups)
    const rows: Row[] = []
    for (const [i, smallQuery] of smallQueries.entries()) {
      const largeQuery = largeQueries[i]!
      // Both answer a full page, from the number of backups each holds.
      for (const [query, count] of [
        [smallQuery, small.backups],
        [largeQuery, large.backups],
      ] as const) {
        const page = await answerOf(agent, await signedCall(server.url, '/', query.input))
        if (page.BackupSet.length !== query.input.Limit || page.TotalCount > count)
          throw new Error(`${query.name} on ${count}: ${page.BackupSet.length} of ${page.TotalCount}`)
      }
      const sample = (input: unknown) => async () =>
        sequentialMs(agent, await signedCall(server.url, '/', input), 200)
      await sample(smallQuery.input)()
      await sample(largeQuery.input)()
      const r = await alternate(7, { small: sample(smallQuery.input), large: sample(largeQuery.input) })
      rows.push({
        measurement: `list p50 ms, 100,000 vs 10 backups: ${smallQuery.name}`,
        ours: `${fmt(r.large, 3)} (Offset ${fmt(largeQuery.input.Offset as number, 0)})`,
        theirs: `${fmt(r.small, 3)} (Offset ${fmt(smallQuery.input.Offset as number, 0)})`,
        ratio: r.small / r.large,
        target: '>= 0.5x (within 2x)',
        pass: r.small / r.large >= 0.5,
        ...(i === 0
          ? {
              note: 'one call at a time over loopback to a startMockServer child (signatures verified, rate limit off)',
            }
          : {}),
      })
    }
    return rows
  } finally {
    agent.destroy()
    await server.stop()
  }
}

export async function run(): Promise<Row[]> {
  return [...(await serverComparison()), ...(await listingLatency())]
}

if (import.meta.main) console.table(await run())
