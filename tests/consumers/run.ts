// Consumer suite: packs the three packages as they would be published, checks the tarballs (scripts/pack-check.ts),
// installs them into fresh npm projects outside the workspace and uses them the way other teams do, on the
// machine's Node 20 with msw 2 and on the workspace's Node 24 with msw 3. Assumes `pnpm build` ran.
// Prints `N passed, N failed`; exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Check, checkTarball, packPackages, printCheck } from '../../scripts/pack-check.ts'

const here = dirname(fileURLToPath(import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'crs-consumers-'))
const results: Check[] = []
const record = (name: string, ok: boolean, detail?: string) => {
  results.push({ name, ok, detail })
  printCheck({ name, ok, detail })
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
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '', out: `${r.stdout}${r.stderr}` }
}

/**
 * Runs one scenario file with `node`, first on PATH too (so the crs-mock bin's shebang picks it). Each line
 * of the JSON array it prints last is one check; a clean exit is one more.
 */
function scenario(name: string, node: string, project: string, file: string) {
  const r = run(node, [file], project, { PATH: `${dirname(node)}:${process.env.PATH}` })
  let lines: string[] = []
  try {
    lines = JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]')
  } catch {}
  for (const line of lines)
    record(`${name}: ${line.replace(/^(not )?ok /, '')}`, line.startsWith('ok '), line)
  record(`${name}: ${file} exits 0 with nothing on stderr`, r.ok && r.stderr.trim() === '', r.out)
}

function typescriptConsumer(
  node: string,
  project: string,
  moduleResolution: 'node16' | 'bundler',
  exactOptional = false,
) {
  const tsc = run(
    node,
    [
      'node_modules/typescript/bin/tsc',
      '--noEmit',
      '--strict',
      ...(exactOptional ? ['--exactOptionalPropertyTypes'] : []),
      '--skipLibCheck',
      'false',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      '--module',
      moduleResolution === 'node16' ? 'node16' : 'esnext',
      '--moduleResolution',
      moduleResolution,
      'consumer.ts',
    ],
    project,
  )
  record(
    `TypeScript consumer, moduleResolution ${moduleResolution}${exactOptional ? ', exactOptionalPropertyTypes' : ''}`,
    tsc.ok,
    tsc.out,
  )
}

/**
 * Every TypeScript example of the READMEs, each in its own file, type-checked against the installed packages: an
 * example that names an option, export or field the packages no longer have fails here, not in a user's editor.
 * They are checked, not run (they call the real service).
 */
function readmeExamples(node: string, project: string) {
  const dir = join(project, 'readme')
  mkdirSync(dir)
  const files: string[] = []
  for (const readme of [
    'README.md',
    'packages/core/README.md',
    'packages/client/README.md',
    'packages/msw/README.md',
  ]) {
    const text = readFileSync(join(here, '../..', readme), 'utf8')
    let n = 0
    for (const [, code] of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
      const file = `${readme.replace(/\W+/g, '-')}-${++n}.ts`
      writeFileSync(join(dir, file), code!)
      files.push(`readme/${file}`)
    }
  }
  // What the examples use besides the packages and Node's types: a test runner's hook, not installed here.
  writeFileSync(
    join(dir, 'ambient.d.ts'),
    `declare module 'vitest' { export function afterEach(fn: () => unknown): void }\n`,
  )
  const tsc = run(
    node,
    [
      'node_modules/typescript/bin/tsc',
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      'readme/ambient.d.ts',
      ...files,
    ],
    project,
  )
  record(`README examples type-check (${files.length} of them)`, tsc.ok && files.length >= 7, tsc.out)
}

try {
  // 1. Pack as pnpm publish would, and check what a registry would receive.
  const tarballs = packPackages(join(work, 'packs'))
  record('pnpm pack made three tarballs', tarballs.length === 3, tarballs.join('\n'))
  for (const tarball of tarballs)
    for (const check of checkTarball(tarball)) record(check.name, check.ok, check.detail)

  // 2. Fresh npm projects: Node 20 + msw 2, Node 24 + msw 3.
  const setups = [
    { label: 'node 20 + msw 2', node: findNode20(), nodeMajor: '20', msw: '2', extra: [] as string[] },
    {
      label: 'node 24 + msw 3',
      node: process.execPath,
      nodeMajor: process.versions.node.split('.')[0],
      msw: '3',
      extra: ['typescript@5.9.3'],
    },
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
    for (const f of [
      'scenario.mjs',
      'crs-mock-scenario.mjs',
      'proxy-scenario.mjs',
      'require-client.cjs',
      'consumer.ts',
    ])
      cpSync(join(here, f), join(project, f))
    const install = run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...tarballs,
        `msw@^${setup.msw}`,
        ...setup.extra,
      ],
      project,
    )
    record(`${setup.label}: npm install of the tarballs`, install.ok, install.out)
    if (!install.ok) continue
    const versions = run(
      setup.node,
      ['-p', "require('msw/package.json').version + ' on ' + process.version"],
      project,
    ).stdout.trim()
    record(
      `${setup.label}: runs msw ${versions}`,
      new RegExp(`^${setup.msw}\\.\\S+ on v${setup.nodeMajor}\\.`).test(versions),
      versions,
    )
    scenario(setup.label, setup.node, project, 'scenario.mjs')
    scenario(setup.label, setup.node, project, 'crs-mock-scenario.mjs')
    scenario(setup.label, setup.node, project, 'proxy-scenario.mjs')
    if (setup.msw === '2') scenario(`${setup.label} CommonJS`, setup.node, project, 'require-client.cjs')
    else {
      for (const resolution of ['node16', 'bundler'] as const)
        typescriptConsumer(setup.node, project, resolution)
      typescriptConsumer(setup.node, project, 'bundler', true)
      readmeExamples(setup.node, project)
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
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
