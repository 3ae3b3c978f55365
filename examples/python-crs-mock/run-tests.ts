// Runs the Python suite in test/ with `python3 -m unittest` against the crs-mock bin of @crs-kit/msw as published
// (its dist: turbo builds it before this task), and writes test-results/python.json for the run's summary.
// Fails when python3 is missing rather than skipping, so the example cannot rot unnoticed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const pkgFile = require.resolve('@crs-kit/msw/package.json')
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> }
const bin = join(dirname(pkgFile), pkg.bin['crs-mock']!)
/** A word for Python's shlex.split, whatever the path holds. */
const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`

const run = spawnSync('python3', ['-m', 'unittest', '-v'], {
  cwd: join(here, 'test'),
  encoding: 'utf8',
  timeout: 120_000,
  env: {
    ...process.env,
    CRS_MOCK: `${quoted(process.execPath)} ${quoted(bin)}`,
    PYTHONPATH: join(here, 'src'),
    PYTHONIOENCODING: 'utf-8',
    PYTHONDONTWRITEBYTECODE: '1',
  },
})
if (run.error) {
  console.error(`python3 could not run: ${run.error.message}`)
  process.exit(1)
}
// unittest reports on stderr: "Ran N tests", then "OK" or "FAILED (failures=1, errors=2, skipped=3)".
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
const ran = Number(/^Ran (\d+) tests?/m.exec(run.stderr)?.[1] ?? 0)
const count = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(run.stderr)?.[1] ?? 0)
const failed = count('failures') + count('errors') + (run.status === 0 ? 0 : ran === 0 ? 1 : 0)
const skipped = count('skipped')
const passed = ran - count('failures') - count('errors') - skipped
mkdirSync(join(here, 'test-results'), { recursive: true })
writeFileSync(join(here, 'test-results/python.json'), JSON.stringify({ passed, failed, skipped }))
console.log(`python: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = run.status === 0 && passed > 0 ? 0 : 1
