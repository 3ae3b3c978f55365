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
let mock: ChildProcess
let endpoint: string

beforeAll(async () => {
  // The published bin, as a team in another language would start it.
  mock = spawn(process.execPath, [crsMockBin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await Promise.race([
    once(mock.stdout!.setEncoding('utf8'), 'data'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('crs-mock did not start')), 10_000)),
  ])) as [string]
  endpoint = /crs-mock listening on (http:\/\/\S+)/.exec(line)![1]!
})
afterAll(async () => {
  mock.kill('SIGTERM')
  await once(mock, 'exit')
})

it('lists, starts a backup, waits for it and counts it, against crs-mock', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, CRS_ENDPOINT: endpoint, CRS_POLL_MS: '250' }
  delete env.TENCENTCLOUD_SECRET_ID
  delete env.TENCENTCLOUD_SECRET_KEY
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'main.ts')], {
    env,
    timeout: 30_000,
  })
  const lines = stdout.trim().split('\n')
  expect(lines[0]).toBe('crs-5a4py64p: 2 backups')
  expect(lines[1]).toMatch(
    /^ {2}2e4127f8-affe-11e8-941e-4846fb00c75d 2018-09-04 12:51:21 status=2 テスト使用$/,
  )
  expect(lines[3]).toMatch(/^started backup task \d+$/)
  expect(lines.some((l) => l.startsWith('  in progress: '))).toBe(true)
  expect(lines.at(-2)).toMatch(/^finished: [0-9a-f-]{36} status=2$/)
  expect(lines.at(-1)).toBe('3 backups now')
}, 40_000)
