import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const crsMockBin = join(
  dirname(createRequire(import.meta.url).resolve('@crs-kit/msw/package.json')),
  'dist/bin/crs-mock.js',
)
let mock: ChildProcess | undefined
let endpoint: string

/** Resolves with the first line the child prints, or rejects (and kills it) after `ms`. */
function firstLine(child: ChildProcess, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    const done = (error?: Error) => {
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(out.split('\n')[0]!)
    }
    const onData = (chunk: string) => {
      out += chunk
      if (out.includes('\n')) done()
    }
    const onExit = () => done(new Error(`crs-mock exited before it printed a line: ${out}`))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      done(new Error(`crs-mock printed no line in ${ms} ms`))
    }, ms)
    child.stdout!.setEncoding('utf8').on('data', onData)
    child.on('exit', onExit)
  })
}

beforeAll(async () => {
  // The published bin, as a team in another language would start it.
  mock = spawn(process.execPath, [crsMockBin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await firstLine(mock, 15_000)
  const match = /^crs-mock listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)
  if (!match) throw new Error(`unexpected first line from crs-mock: ${line}`)
  endpoint = match[1]!
}, 20_000)

afterAll(async () => {
  if (!mock || mock.exitCode !== null || mock.signalCode !== null) return
  const exited = once(mock, 'exit')
  mock.kill('SIGTERM')
  await exited
})

it('lists, starts a backup, waits for it and counts it, against crs-mock', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, CRS_ENDPOINT: endpoint, CRS_POLL_MS: '250' }
  delete env.TENCENTCLOUD_SECRET_ID
  delete env.TENCENTCLOUD_SECRET_KEY
  delete env.CRS_INSTANCE_ID
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'main.ts')], {
    env,
    timeout: 30_000,
  })
  const lines = stdout.trim().split('\n')
  expect(lines.slice(0, 3)).toEqual([
    'crs-5a4py64p: 2 backups',
    '  2e4127f8-affe-11e8-941e-4846fb00c75d 2018-09-04 12:51:21 status=2 テスト使用',
    '  6cbbf53a-affe-11e8-905b-4846fb00c75d 2018-09-04 12:53:06 status=2 xxx',
  ])
  expect(lines[3]).toMatch(/^started backup task \d+$/)
  // The mock's backups take 5 s: the program sees its backup in progress before it finishes.
  expect(lines[4]).toMatch(/^ {2}in progress: [0-9a-f-]{36}$/)
  expect(lines.at(-2)).toMatch(/^finished: [0-9a-f-]{36} status=2 node-service \d{4}-\d\d-\d\dT/)
  expect(lines.at(-1)).toBe('3 backups now')
}, 40_000)

it('explains its settings when it has neither credentials nor a mock', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['CRS_ENDPOINT', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY']) delete env[name]
  const run = promisify(execFile)(process.execPath, [join(here, 'main.ts')], { env, timeout: 15_000 })
  await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('CRS_ENDPOINT') })
}, 20_000)
