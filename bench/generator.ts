// 6. The generator on the real spec and on synthetic specs of 50 and 400 actions (the two real actions
// cloned under new names), as `pnpm generate --spec F --out DIR` child processes, median of 3 each.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'
import { fmt, median, type Row } from './harness.ts'

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const realSpec = join(repo, 'spec/redis.yaml')

/** The real spec with its actions cloned until there are `count` of them. */
export function synthesize(count: number): string {
  const doc = parse(readFileSync(realSpec, 'utf8'))
  const originals = Object.entries(doc.paths as Record<string, { post: { operationId: string } }>)
  const schemas = doc.components.schemas
  for (let i = 0; Object.keys(doc.paths).length < count; i++) {
    const [, item] = originals[i % originals.length]!
    const base = item.post.operationId
    const name = `${base}${Math.floor(i / originals.length) + 2}`
    const json = JSON.stringify(item)
      .replaceAll(`${base}Request`, `${name}Request`)
      .replaceAll(`${base}Envelope`, `${name}Envelope`)
    const clone = JSON.parse(json)
    clone.post.operationId = name
    doc.paths[`/#Action=${name}`] = clone
    for (const suffix of ['Request', 'Response', 'Envelope']) {
      schemas[`${name}${suffix}`] = JSON.parse(
        JSON.stringify(schemas[`${base}${suffix}`]).replaceAll(`${base}Response`, `${name}Response`),
      )
    }
  }
  return stringify(doc)
}

function timeGenerate(spec: string): number {
  const out = mkdtempSync(join(tmpdir(), 'crs-gen-bench-'))
  try {
    const start = performance.now()
    execFileSync(process.execPath, [join(repo, 'tools/codegen/src/cli.js'), '--spec', spec, '--out', out], {
      stdio: 'pipe',
    })
    return performance.now() - start
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crs-gen-specs-'))
  try {
    const realActions = Object.keys(parse(readFileSync(realSpec, 'utf8')).paths).length
    const specs: [string, number, string][] = [['real spec', realActions, realSpec]]
    for (const n of [50, 400]) {
      const file = join(dir, `spec-${n}.yaml`)
      writeFileSync(file, synthesize(n))
      specs.push([`${n} actions`, n, file])
    }
    const ms = specs.map(([, , file]) => median([timeGenerate(file), timeGenerate(file), timeGenerate(file)]))
    const [real, at50, at400] = ms as [number, number, number]
    // Growth beyond the fixed start-up cost: per-action time between 50 and 400 actions vs up to 50.
    const perActionLow = (at50 - real) / (50 - realActions)
    const perActionHigh = (at400 - at50) / 350
    const growth = perActionHigh / perActionLow
    return [
      {
        measurement: 'generate: real spec (ms)',
        ours: fmt(real, 0),
        theirs: '-',
        ratio: 2000 / real,
        target: '< 2000 ms',
        pass: real < 2000,
      },
      {
        measurement: 'generate: 50 / 400 actions (ms)',
        ours: `${fmt(at50, 0)} / ${fmt(at400, 0)}`,
        theirs: '-',
        ratio: 1.5 / growth,
        target: 'per-action cost at 400 <= 1.5x at 50',
        pass: growth <= 1.5,
        note: `${fmt(perActionLow, 1)} ms/action up to 50, ${fmt(perActionHigh, 1)} ms/action from 50 to 400`,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.main) console.table(await run())
