// Cold import: a fresh Node process importing @crs-kit/client against one requiring the official SDK.
import { execFileSync } from 'node:child_process'
import { row } from './measure.ts'

const conditions = process.execArgv.filter((a) => a.startsWith('--conditions'))
const probe = (code: string) =>
  Number(
    execFileSync(process.execPath, [...conditions, '--input-type=module', '-e', code], {
      cwd: import.meta.dirname,
    }),
  )

function medianMs(code: string, runs = 9): number {
  const samples = Array.from({ length: runs }, () => probe(code)).sort((a, b) => a - b)
  return samples[Math.floor(runs / 2)]!
}

const ours = medianMs(
  "const t = performance.now(); await import('@crs-kit/client'); process.stdout.write(String(performance.now() - t))",
)
const sdk = medianMs(
  "import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); " +
    "const t = performance.now(); require('tencentcloud-sdk-nodejs-common'); process.stdout.write(String(performance.now() - t))",
)
row('cold import: @crs-kit/client', `${ours.toFixed(1)} ms`)
row('cold import: tencentcloud-sdk-nodejs-common', `${sdk.toFixed(1)} ms`)
row('cold import: speed-up', `${(sdk / ours).toFixed(1)}x`)
