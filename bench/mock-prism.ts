// Stoplight Prism for bench/mock.ts: installed on first use into a gitignored cache (never into a
// package.json or the lockfile: it brings ~200 packages that no install or CI job should pay for),
// served an OpenAPI document derived from spec/redis.yaml that it can route.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'

export const prismVersion = '5.16.0'
/** Prism 5.16.0's engines field. */
const prismMinNode = [24, 18] as const

const here = fileURLToPath(new URL('.', import.meta.url))
const cacheDir = join(here, '.cache', 'prism')
const prismCli = join(cacheDir, 'node_modules', '@stoplight', 'prism-cli')

/** Installs @stoplight/prism-cli at exactly `prismVersion` into bench/.cache/prism unless it is there; returns its bin. */
export function ensurePrism(): string {
  const installed = join(prismCli, 'package.json')
  const version = existsSync(installed)
    ? (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version
    : undefined
  if (version !== prismVersion) {
    mkdirSync(cacheDir, { recursive: true })
    // Its own little project, so npm neither walks up into the pnpm workspace nor touches its lockfile.
    writeFileSync(
      join(cacheDir, 'package.json'),
      `${JSON.stringify({ name: 'crs-kit-bench-prism', private: true, dependencies: { '@stoplight/prism-cli': prismVersion } }, null, 2)}\n`,
    )
    process.stderr.write(`[bench/mock] installing @stoplight/prism-cli@${prismVersion} into ${cacheDir}\n`)
    // --ignore-scripts: Prism runs without any install script; the only one in its tree is @scarf/scarf's
    // install-analytics ping (SCARF_ANALYTICS=false says no to it as well).
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: cacheDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, SCARF_ANALYTICS: 'false' },
    })
  }
  const pkg = JSON.parse(readFileSync(installed, 'utf8')) as { version: string; bin: { prism: string } }
  if (pkg.version !== prismVersion) throw new Error(`expected Prism ${prismVersion}, found ${pkg.version}`)
  return join(prismCli, pkg.bin.prism)
}

/**
 * spec/redis.yaml as a document Prism can serve, written next to the Prism install.
 *
 * Tencent's API is a single `POST /` whose action travels in the X-TC-Action header, so the contract
 * names its operations `/#Action=DescribeInstanceBackups`; Prism routes by path and method only, and a
 * fragment never reaches a server. The one change is the path key: `/#Action=X` becomes `/X`.
 * Everything else is the contract as is, so Prism checks what it can of it on every request:
 * - the same required X-TC-Action/Version/Region/Timestamp headers (Version must equal 2018-04-12,
 *   Timestamp must be an integer) and the TC3 security scheme, an apiKey in Authorization, which
 *   Prism can only check for presence;
 * - the same request body schema (InstanceId required, Limit 1..100, Offset >= 0, the time pattern,
 *   Status values, no unknown fields), answering 422 when it fails;
 * - the same response: the seed example of the 200 response (the two backups of the API docs).
 * What it cannot be made to do (the reason crs-mock exists): verify the signature, keep state (every
 * answer is that one static example, with the same RequestId each time, whatever the InstanceId,
 * Limit or filters), enforce the rate limit, or answer in the Tencent error envelope with HTTP 200.
 */
export function writePrismDocument(): string {
  const spec = parse(readFileSync(resolve(here, '..', 'spec', 'redis.yaml'), 'utf8')) as {
    paths: Record<string, unknown>
  }
  const paths: Record<string, unknown> = {}
  for (const [path, item] of Object.entries(spec.paths)) {
    const action = /^\/#Action=(\w+)$/.exec(path)?.[1]
    if (!action) throw new Error(`spec/redis.yaml: unexpected path ${path}`)
    paths[`/${action}`] = item
  }
  mkdirSync(cacheDir, { recursive: true })
  const file = join(cacheDir, 'redis.prism.yaml')
  writeFileSync(file, stringify({ ...spec, paths }))
  return file
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

/** Any HTTP answer (Prism's 401/422 included) means it is listening. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    request({ host: '127.0.0.1', port, method: 'POST', path: '/DescribeInstanceBackups' }, (res) => {
      res.resume()
      done(true)
    })
      .on('error', () => done(false))
      .end()
  })
}

export interface RunningPrism {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/**
 * `prism mock` (static examples, request validation on, its defaults) on a free loopback port, in its own
 * Node 24 process. Logging is turned down to errors: its default logs every request and validation step,
 * which would cost it throughput that crs-mock (which logs nothing per request) does not pay.
 */
export async function startPrism(): Promise<RunningPrism> {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number]
  if (major < prismMinNode[0] || (major === prismMinNode[0] && minor < prismMinNode[1])) {
    throw new Error(
      `Prism ${prismVersion} needs Node >= ${prismMinNode.join('.')}; run this with the workspace's Node ` +
        `(pnpm exec node / pnpm bench), not ${process.version}`,
    )
  }
  const bin = ensurePrism()
  const document = writePrismDocument()
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [bin, 'mock', document, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', 'error'],
    { cwd: cacheDir, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    // Kept for the error message if it fails to start; later output is drained and dropped.
    if (stderr.length < 8192) stderr += chunk
  })
  const exited = once(child, 'exit')
  const deadline = Date.now() + 60_000
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}: ${stderr}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Prism did not listen within 60 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
