// Totals every test report of the run (vitest JSON reports and the plain summaries our own runners write)
// and prints one closing line, so a reader of CI's output sees the whole count in one place.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

let passed = 0
let failed = 0
let skipped = 0
const rows: string[] = []
for (const group of ['packages', 'tools', 'examples', 'tests']) {
  if (!existsSync(group)) continue
  for (const name of readdirSync(group)) {
    const dir = join(group, name, 'test-results')
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      // vitest's JSON reporter, or { passed, failed, skipped } from a plain runner
      const p = report.numPassedTests ?? report.passed ?? 0
      const f = report.numFailedTests ?? report.failed ?? 0
      const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) + (report.skipped ?? 0)
      passed += p
      failed += f
      skipped += s
      rows.push(`  ${`${group}/${name}/${file}`.padEnd(58)} ${String(p).padStart(4)} passed ${f} failed`)
    }
  }
}
console.log(`\n${rows.join('\n')}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
