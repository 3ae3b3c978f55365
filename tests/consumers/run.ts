// Consumer suite: packs the three packages as they would be published, installs the tarballs into fresh npm
// projects outside the workspace and uses them the way other teams do, on the machine's Node 20 with msw 2
// and on the workspace's Node 24 with msw 3. Assumes `pnpm build` ran. Prints `N passed, N failed`.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')
const work = mkdtempSync(join(tmpdir(), 'crs-consumers-'))
const results: { name: string; ok: boolean; detail?: string }[] = []
const record = (name: string, ok: boolean, detail?: string) => {
  results.push({ name, ok, detail })
  console.log(
    `${ok ? 'ok' : 'not ok'} ${name}${detail && !ok ? `\n  ${detail.trim().split('\n').join('\n  ')}` : ''}`,
  )
}

/** The machine's Node 20 (the workspace puts Node 24 first on PATH). */
function findNode20(): string | undefined {
  const candidates = [process.env.CRS_NODE20, '/usr/bin/node', '/usr/local/bin/node'].filter(
    Boolean,
  ) as string[]
  return candidates.find((bin) =>
    spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.startsWith('v20.'),
  )
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` }
}

/** Each line the scenario prints is one check; the scenario's own exit code is one more. */
function scenario(name: string, node: string, project: string, file: string) {
  const r = run(node, [file], project)
  const lines: string[] = (() => {
    try {
      return JSON.parse(r.out.trim().split('\n').pop() ?? '[]')
    } catch {
      return []
    }
  })()
  if (lines.length === 0) record(`${name}: scenario ran`, false, r.out)
  for (const line of lines)
    record(`${name}: ${line.replace(/^(not )?ok /, '')}`, line.startsWith('ok '), line)
}

try {
  // 1. Pack as pnpm publish would (workspace: ranges rewritten).
  const packs = join(work, 'packs')
  mkdirSync(packs)
  for (const pkg of ['core', 'client', 'msw']) {
    execFileSync('pnpm', ['pack', '--pack-destination', packs], {
      cwd: join(repo, 'packages', pkg),
      stdio: 'pipe',
    })
  }
  const tarballs = readdirSync(packs).map((f) => join(packs, f))
  for (const tarball of tarballs) {
    const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })
    record(`${tarball.split('/').pop()}: no workspace: range`, !manifest.includes('workspace:'))
  }

  // 2. The packaging linters, on the tarballs.
  for (const tarball of tarballs) {
    const name = tarball.split('/').pop()
    const publint = run('pnpm', ['exec', 'publint', '--strict', tarball], repo)
    record(`${name}: publint`, publint.ok, publint.out)
    const attw = run('pnpm', ['exec', 'attw', tarball, '--profile', 'esm-only', '--format', 'ascii'], repo)
    record(`${name}: arethetypeswrong (esm-only)`, attw.ok, attw.out)
  }

  // 3. Fresh projects: Node 20 + msw 2, Node 24 + msw 3.
  const node20 = findNode20()
  const setups = [
    { label: 'node 20 + msw 2', node: node20, msw: 'msw@^2', extra: [] as string[] },
    { label: 'node 24 + msw 3', node: process.execPath, msw: 'msw@^3', extra: ['typescript@5.9.3'] },
  ]
  for (const setup of setups) {
    if (!setup.node) {
      record(`${setup.label}: a Node 20 binary on this machine`, false, 'set CRS_NODE20 to a Node 20 binary')
      continue
    }
    const project = join(work, setup.label.replace(/\W+/g, '-'))
    mkdirSync(project)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    )
    for (const f of ['scenario.mjs', 'require-client.cjs', 'consumer.ts'])
      cpSync(join(here, f), join(project, f))
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, setup.msw, ...setup.extra],
      project,
    )
    record(`${setup.label}: npm install of the tarballs`, install.ok, install.out)
    if (!install.ok) continue
    const version = run(
      setup.node,
      ['-p', "require('msw/package.json').version + ' on ' + process.version"],
      project,
    )
    console.log(`# ${setup.label}: msw ${version.out.trim()}`)
    scenario(setup.label, setup.node, project, 'scenario.mjs')
    if (setup.label.startsWith('node 20'))
      scenario(`${setup.label} CommonJS`, setup.node, project, 'require-client.cjs')
    else {
      for (const moduleResolution of ['node16', 'bundler']) {
        const module = moduleResolution === 'node16' ? 'node16' : 'esnext'
        const tsc = run(
          setup.node,
          [
            'node_modules/typescript/bin/tsc',
            '--noEmit',
            '--strict',
            '--skipLibCheck',
            'false',
            '--target',
            'es2022',
            '--lib',
            'es2022,dom',
            '--module',
            module,
            '--moduleResolution',
            moduleResolution,
            'consumer.ts',
          ],
          project,
        )
        record(`TypeScript consumer, moduleResolution ${moduleResolution}`, tsc.ok, tsc.out)
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

const passed = results.filter((r) => r.ok).length
const failed = results.length - passed
mkdirSync(join(here, 'test-results'), { recursive: true })
writeFileSync(join(here, 'test-results/consumers.json'), JSON.stringify({ passed, failed }))
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
