// The edge-runtime claim, tested: src/worker.ts is bundled from the BUILT @crs-kit/client (dist, as
// published) with the conditions of a Workers bundler, then run in Cloudflare's workerd (through miniflare)
// where it calls a real crs-mock on 127.0.0.1 over workerd's own network stack.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedBackups, seedInstanceId } from '@crs-kit/msw'
import { type MockServer, startMockServer } from '@crs-kit/msw/server'
import { build, type Metafile } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const seedIds = seedBackups.map((b) => b.BackupId)

// What a current Workers project sets: a recent date (the newest this workerd knows; miniflare refuses a
// later one) and no flags. In particular no nodejs_compat: the point is the client's non-node build.
const compatibilityDate = '2026-07-30'
const compatibilityFlags: string[] = []

let mock: MockServer
let mf: Miniflare | undefined
let script: string
let metafile: Metafile

beforeAll(async () => {
  mock = await startMockServer({ host: '127.0.0.1', port: 0 })
  // Wrangler's settings for a Worker without nodejs_compat. `node:*` stays external only so that a Node
  // built-in would show up in the metafile (and fail the assertions below) instead of failing the build.
  const result = await build({
    entryPoints: [join(here, 'worker.ts')],
    absWorkingDir: join(here, '..'),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    external: ['node:*'],
    metafile: true,
    logLevel: 'silent',
  })
  script = result.outputFiles[0]!.text
  metafile = result.metafile
}, 30_000)

afterAll(async () => {
  await mf?.dispose()
  await mock?.close()
})

describe('the Workers bundle of @crs-kit/client', () => {
  it('is built from the published dist: the default build of client and core, no node runtime file', () => {
    const inputs = Object.keys(metafile.inputs)
    expect(inputs).toContain('../../packages/client/dist/index.js')
    expect(inputs).toContain('../../packages/core/dist/index.js')
    expect(inputs.filter((f) => /packages\/[^/]+\/src\//.test(f))).toEqual([])
    expect(inputs.filter((f) => /\.node\.js$|runtime\/node|crypto-node/.test(f))).toEqual([])
  })

  it('imports no Node built-in', () => {
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))
    expect(imports.filter((path) => path.startsWith('node:'))).toEqual([])
    const output = Object.values(metafile.outputs)[0]!
    expect(output.imports).toEqual([])
    expect(script).not.toMatch(/["'`]node:[a-z_/]+["'`]/)
  })
})

describe('@crs-kit/client in workerd against crs-mock on 127.0.0.1', () => {
  it('lists, starts a backup, pages, validates and reports a wrong key', async () => {
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate,
      compatibilityFlags,
      bindings: { CRS_ENDPOINT: mock.url },
    })
    const response = await mf.dispatchFetch('http://worker.test/')
    const text = await response.text()
    expect(response.status, text).toBe(200)
    const r = JSON.parse(text)

    // Really workerd, without Node's globals.
    expect(r.runtime).toBe('Cloudflare-Workers')
    expect(r.hasProcess).toBe(false)

    expect(r.before).toMatchObject({ ok: true, value: { TotalCount: 2 } })
    expect(r.before.value.BackupSet.map((b: { BackupId: string }) => b.BackupId)).toEqual(seedIds)

    expect(r.started.ok).toBe(true)
    expect(typeof r.started.value.TaskId).toBe('number')

    expect(r.after).toMatchObject({ ok: true, value: { TotalCount: 3 } })
    const added = r.after.value.BackupSet.find((b: { Remark: string }) => b.Remark === 'from workerd')
    expect(added).toBeDefined()
    expect(r.after.value.BackupSet.map((b: { BackupId: string }) => b.BackupId)).toEqual(
      expect.arrayContaining(seedIds),
    )

    expect(r.paged).toEqual({ ok: true, value: [...seedIds, added.BackupId] })

    expect(r.invalid.ok).toBe(false)
    expect(r.invalid.error.name).toBe('ValidationError')
    expect(r.invalid.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'InstanceId',
      'Limit',
    ])
    expect(r.sentByInvalid).toBe(0)

    expect(r.wrongKey).toMatchObject({
      ok: false,
      error: {
        name: 'TencentCloudError',
        code: 'AuthFailure.SignatureFailure',
        action: 'DescribeInstanceBackups',
      },
    })
    expect(r.wrongKey.error.requestId).toEqual(expect.any(String))

    // One request each for before, started and after, three pages of one, none for the invalid input,
    // one for the wrong key: all through workerd's fetch. crs-mock's own state holds the new backup.
    expect(r.sent).toBe(7)
    expect(mock.state.backups(seedInstanceId).map((b) => b.Remark)).toContain('from workerd')
  }, 60_000)
})
