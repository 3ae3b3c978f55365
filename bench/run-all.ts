// `pnpm bench`: every measurement, one after the other in this run, printed as one table with the machine and
// the versions compared. `--write` also puts the table into bench/README.md between its result markers;
// `--only sign,mock` runs a subset. Exits non-zero when a target is missed, so a regression is visible.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fmt, type Row } from './harness.ts'

const suites: Record<string, () => Promise<{ run(): Promise<Row[]> }>> = {
  sign: () => import('./sign.ts'),
  throughput: () => import('./throughput.ts'),
  'cold-import': () => import('./cold-import.ts'),
  'bundle-size': () => import('./bundle-size.ts'),
  mock: () => import('./mock.ts'),
  generator: () => import('./generator.ts'),
}

// pnpm forwards a literal `--` when called as `pnpm bench -- --write`: both spellings work.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { write: { type: 'boolean' }, only: { type: 'string' } },
})
const names = values.only ? values.only.split(',') : Object.keys(suites)
for (const name of names)
  if (!suites[name]) throw new Error(`unknown suite ${name}; one of ${Object.keys(suites)}`)

const rows: Row[] = []
for (const name of names) {
  const started = performance.now()
  process.stderr.write(`bench: ${name}...`)
  const suite = await suites[name]!()
  rows.push(...(await suite.run()))
  process.stderr.write(` ${fmt((performance.now() - started) / 1000)} s\n`)
}

const here = import.meta.dirname
const versionOf = (pkg: string, from = here) => {
  const path = join(from, 'node_modules', pkg, 'package.json')
  try {
    return JSON.parse(readFileSync(path, 'utf8')).version as string
  } catch {
    return 'not installed'
  }
}
const prismVersion = versionOf('@stoplight/prism-cli', join(here, '.cache/prism'))
const machine = [
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB`,
  `Node ${process.version} (${process.platform} ${process.arch})`,
  `@crs-kit/client ${versionOf('@crs-kit/client')}, @crs-kit/msw ${versionOf('@crs-kit/msw')}`,
  `tencentcloud-sdk-nodejs-common ${versionOf('tencentcloud-sdk-nodejs-common')}`,
  `@stoplight/prism-cli ${prismVersion}`,
  `esbuild ${versionOf('esbuild')}`,
  `commit ${gitHead()}, ${new Date().toISOString().slice(0, 10)}`,
]

const cell = (s: string) => s.replaceAll('|', '\\|')
const table = [
  '| measurement | crs-kit | competitor | ratio | target | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${cell(r.measurement)} | ${cell(r.ours)} | ${cell(r.theirs)} | ${fmt(r.ratio, 2)}x | ${cell(r.target)} | ${r.pass ? 'yes' : '**no**'}${r.note ? ` (${cell(r.note)})` : ''} |`,
  ),
].join('\n')
const report = `${table}\n\n${machine.map((m) => `- ${m}`).join('\n')}\n`
console.log(report)

if (values.write) {
  const readme = join(here, 'README.md')
  const text = readFileSync(readme, 'utf8')
  const begin = '<!-- bench:begin -->'
  const end = '<!-- bench:end -->'
  const from = text.indexOf(begin)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`${readme} has no ${begin} ... ${end} block`)
  writeFileSync(readme, `${text.slice(0, from + begin.length)}\n${report}${text.slice(to)}`)
  console.log(`bench: table written to ${readme}`)
}

const missed = rows.filter((r) => !r.pass)
if (missed.length) {
  console.error(`bench: ${missed.length} target(s) missed: ${missed.map((r) => r.measurement).join('; ')}`)
  process.exitCode = 1
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}
