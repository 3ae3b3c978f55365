// 3. Cold import: a fresh Node process loading our client vs one requiring the official SDK, timed inside the
// child around the import only; plus what each installs (packages, bytes) into an empty npm project.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alternate, fmt, type Row } from './harness.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const repo = resolve(here, '..')

function importMs(code: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: here,
    encoding: 'utf8',
  })
  return Number(out.trim())
}

/** Packages and bytes under node_modules after `npm install` of `specs` into an empty project. */
function footprint(specs: string[]): { packages: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'crs-footprint-'))
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"f","private":true}')
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
      cwd: dir,
      stdio: 'pipe',
    })
    let packages = 0
    let bytes = 0
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name)
        const s = statSync(p)
        if (s.isDirectory()) walk(p)
        else {
          bytes += s.size
          if (name === 'package.json' && /node_modules\/(@[^/]+\/)?[^/]+$/.test(d)) packages++
        }
      }
    }
    walk(join(dir, 'node_modules'))
    return { packages, bytes }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<Row[]> {
  const ours = `const t = performance.now(); await import('@crs-kit/client'); console.log(performance.now() - t)`
  const sdk = `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
    const t = performance.now(); require('tencentcloud-sdk-nodejs-common'); console.log(performance.now() - t)`
  const r = await alternate(15, { ours: () => importMs(ours), sdk: () => importMs(sdk) })

  const packs = mkdtempSync(join(tmpdir(), 'crs-packs-'))
  mkdirSync(packs, { recursive: true })
  for (const pkg of ['core', 'client']) {
    spawnSync('pnpm', ['pack', '--pack-destination', packs], {
      cwd: join(repo, 'packages', pkg),
      stdio: 'pipe',
    })
  }
  const oursSize = footprint(readdirSync(packs).map((f) => join(packs, f)))
  rmSync(packs, { recursive: true, force: true })
  const sdkSize = footprint(['tencentcloud-sdk-nodejs-common@4.1.220'])
  const mb = (b: number) => `${fmt(b / 1e6, 2)} MB`
  return [
    {
      measurement: 'cold import (ms)',
      ours: fmt(r.ours, 1),
      theirs: fmt(r.sdk, 1),
      ratio: r.sdk / r.ours,
      target: '>= 5x',
      pass: r.sdk / r.ours >= 5,
    },
    {
      measurement: 'installed footprint (packages, bytes)',
      ours: `${oursSize.packages}, ${mb(oursSize.bytes)}`,
      theirs: `${sdkSize.packages}, ${mb(sdkSize.bytes)}`,
      ratio: sdkSize.bytes / oursSize.bytes,
      target: 'smaller',
      pass: oursSize.bytes < sdkSize.bytes && oursSize.packages < sdkSize.packages,
      note: 'ratio is bytes',
    },
  ]
}

if (import.meta.main) console.table(await run())
