// The Deno claim, tested: src/deno-program.ts runs in Deno (the npm `deno` package's binary) with network
// access to 127.0.0.1 only, importing the BUILT @crs-kit/client through node_modules as Deno resolves an npm
// package, against a real crs-mock that verifies every signature.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { seedBackups, seedInstanceId } from '@crs-kit/msw'
import { type MockServer, startMockServer } from '@crs-kit/msw/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const denoLauncher = createRequire(import.meta.url).resolve('deno/bin.cjs')
const seedIds = seedBackups.map((b) => b.BackupId)

let mock: MockServer
beforeAll(async () => {
  mock = await startMockServer({ host: '127.0.0.1', port: 0 })
})
afterAll(() => mock?.close())

describe('@crs-kit/client in Deno, with --allow-net only', () => {
  it('builds a client without env access, lists, starts a backup, pages and signs the vector', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [denoLauncher, 'run', '--no-prompt', '--allow-net=127.0.0.1', join(here, 'deno-program.ts'), mock.url],
      // No inherited DENO_* or proxy settings change the run; Deno keeps its cache under the system's temp directory.
      {
        cwd: join(here, '..'),
        env: { PATH: process.env.PATH, DENO_DIR: join(tmpdir(), 'crs-kit-deno'), NO_COLOR: '1' },
        timeout: 50_000,
      },
    )
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!)

    expect(r.deno).toMatch(/^2\./)
    expect(r.build).toMatch(/packages\/client\/dist\/index\.node\.js$/)
    expect(r.client).toBe(true)
    expect(r.noProxy).toBe(true)

    expect(r.before).toMatchObject({ ok: true, value: { TotalCount: seedIds.length } })
    expect(r.started.ok).toBe(true)
    expect(typeof r.started.value.TaskId).toBe('number')
    const added = mock.state.backups(seedInstanceId).find((b) => b.Remark === 'from deno')
    expect(added).toBeDefined()
    expect(r.paged).toEqual({ ok: true, value: [...seedIds, added!.BackupId] })

    expect(r.fromEnv.ok).toBe(false)
    expect(r.fromEnv.isConfigurationError).toBe(true)
    expect(r.fromEnv.error.message).toMatch(
      /the runtime refused to read TENCENTCLOUD_SECRET_ID,TENCENTCLOUD_SECRET_KEY,TENCENTCLOUD_SESSION_TOKEN\)$/,
    )

    // The reference's redis vector (Content-Type application/json).
    expect(r.vector).toEqual({
      ok: true,
      signature: '1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117',
    })
  }, 60_000)
})
