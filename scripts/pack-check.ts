// Packs @crs-kit/{core,client,msw} as `pnpm publish` would and checks what a registry would receive: publint,
// arethetypeswrong, no `workspace:` range left, the manifest promises of the design (ESM, sideEffects,
// dependencies, msw as a peer), source maps whose sources ship in the tarball, and a LICENSE identical to the
// repository's (each package keeps a copy, packed whatever `files` says). Assumes `pnpm build` ran.
// `node scripts/pack-check.ts` prints `N passed, N failed`; tests/consumers/run.ts reuses the functions.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, posix, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const packageNames = ['core', 'client', 'msw'] as const

export interface Check {
  name: string
  ok: boolean
  detail?: string
}

/**
 * The pnpm running this script (CI reaches it through npx, so it may not be on PATH); run some other way
 * (`node scripts/pack-check.ts`), the root's `packageManager` pnpm through npx, never a bare `pnpm` that may
 * be missing (spawnSync pnpm ENOENT) or another version.
 */
function pnpmCommand(): [string, string[]] {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it for the scripts it runs; not a task input
  const execpath = process.env.npm_execpath
  if (execpath && /pnpm/.test(basename(execpath)))
    return /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath]] : [execpath, []]
  const { packageManager } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
  return ['npx', ['-y', String(packageManager).split('+')[0]!]]
}

/** `pnpm pack` of each package into `dest` (pnpm rewrites `workspace:` ranges); returns the tarball paths. */
export function packPackages(dest: string): string[] {
  mkdirSync(dest, { recursive: true })
  const [pnpm, prefix] = pnpmCommand()
  for (const name of packageNames) {
    execFileSync(pnpm, [...prefix, 'pack', '--pack-destination', dest], {
      cwd: join(repo, 'packages', name),
      stdio: 'pipe',
      timeout: 120_000,
    })
  }
  return readdirSync(dest)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(dest, f))
}

function tool(bin: string, args: string[]) {
  const r = spawnSync(join(repo, 'node_modules/.bin', bin), args, {
    cwd: repo,
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` }
}

interface Manifest {
  name: string
  type?: string
  sideEffects?: unknown
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

function manifestChecks(pkg: Manifest, raw: string): Check[] {
  const deps = Object.keys(pkg.dependencies ?? {})
  const checks: Check[] = [
    { name: 'no workspace: range', ok: !raw.includes('workspace:'), detail: raw },
    { name: 'ESM with sideEffects: false', ok: pkg.type === 'module' && pkg.sideEffects === false },
    {
      name: 'no runtime dependency outside @crs-kit',
      ok: deps.every((d) => d.startsWith('@crs-kit/')),
      detail: `dependencies: ${deps.join(', ')}`,
    },
  ]
  if (pkg.name === '@crs-kit/msw')
    checks.push({
      name: "msw is a peer dependency '^2.4.4 || ^3'",
      ok: pkg.peerDependencies?.msw === '^2.4.4 || ^3' && !deps.includes('msw'),
      detail: JSON.stringify(pkg.peerDependencies),
    })
  return checks
}

/** Every shipped .js and .d.ts has its map, and every source a map names is in the tarball too. */
function sourceMapChecks(root: string, files: string[]): Check[] {
  const present = new Set(files)
  const code = files.filter((f) => /\.(js|d\.ts)$/.test(f) && f.startsWith('dist/'))
  const unmapped = code.filter((f) => !present.has(`${f}.map`))
  const dangling = files
    .filter((f) => f.endsWith('.map'))
    .flatMap((map) => {
      const { sources = [] } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources?: string[] }
      return sources
        .map((s) => posix.normalize(posix.join(posix.dirname(map), s)))
        .filter((s) => !present.has(s))
        .map((s) => `${map} -> ${s}`)
    })
  return [
    {
      name: 'source and declaration maps for every file',
      ok: unmapped.length === 0,
      detail: unmapped.join('\n'),
    },
    { name: 'map sources ship in the tarball', ok: dangling.length === 0, detail: dangling.join('\n') },
  ]
}

/**
 * The tarball's LICENSE is the repository's, byte for byte, and it comes from the package's own copy: pnpm packs
 * the workspace root's LICENSE when a package has none, npm does not.
 */
function licenseCheck(pkgName: string, root: string, files: string[]): Check {
  const name = 'LICENSE identical to the repository LICENSE'
  const own = join(repo, 'packages', pkgName.replace('@crs-kit/', ''), 'LICENSE')
  if (!files.includes('LICENSE')) return { name, ok: false, detail: `no LICENSE in ${files.length} files` }
  if (!existsSync(own))
    return {
      name,
      ok: false,
      detail: `${own} is missing (npm would pack no LICENSE): copy the root LICENSE there`,
    }
  const ok = readFileSync(join(root, 'LICENSE')).equals(readFileSync(join(repo, 'LICENSE')))
  return { name, ok, detail: `LICENSE differs from the root one: copy the root LICENSE to ${own}` }
}

/** All checks for one tarball, each named after it. */
export function checkTarball(tarball: string): Check[] {
  const label = basename(tarball)
  const unpacked = mkdtempSync(join(tmpdir(), 'crs-pack-check-'))
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked])
    const root = join(unpacked, 'package')
    const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((d) => d.isFile())
      .map((d) => posix.relative(root, join(d.parentPath, d.name)).split('\\').join('/'))
    const raw = readFileSync(join(root, 'package.json'), 'utf8')
    const publint = tool('publint', ['--strict', tarball])
    // ESM-only by design: CommonJS callers use require(esm) (Node >= 20.19) or import(), so the profile
    // that ignores the CJS and node10 resolutions is the honest one.
    const attw = tool('attw', [tarball, '--profile', 'esm-only', '--format', 'ascii'])
    return [
      ...manifestChecks(JSON.parse(raw), raw),
      ...sourceMapChecks(root, files),
      licenseCheck(JSON.parse(raw).name, root, files),
      { name: 'publint --strict', ok: publint.ok, detail: publint.out },
      { name: 'arethetypeswrong --profile esm-only', ok: attw.ok, detail: attw.out },
    ].map((c) => ({ ...c, name: `${label}: ${c.name}` }))
  } finally {
    rmSync(unpacked, { recursive: true, force: true })
  }
}

export function printCheck({ name, ok, detail }: Check) {
  const why = !ok && detail ? `\n  ${detail.trim().split('\n').join('\n  ')}` : ''
  console.log(`${ok ? 'ok' : 'not ok'} ${name}${why}`)
}

if (import.meta.main) {
  const work = mkdtempSync(join(tmpdir(), 'crs-packs-'))
  let passed = 0
  let failed = 0
  try {
    for (const tarball of packPackages(work)) {
      for (const check of checkTarball(tarball)) {
        printCheck(check)
        if (check.ok) passed++
        else failed++
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0
}
