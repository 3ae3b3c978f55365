import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { synthesize } from '../../../bench/generator.ts'
import { buildIr } from '../src/build-ir.ts'
import { loadSpec } from '../src/load-spec.ts'
import { realSpec } from './harness.ts'

// The generator bench times `pnpm generate` on the real spec's actions cloned to 50 and 400: those specs must
// pass every check, or the bench would time an error message.
describe('the bench synthetic specs', () => {
  it.each([50, 400])('of %i actions pass every check', (count) => {
    const ir = buildIr(loadSpec(synthesize(count), `spec-${count}.yaml`), `spec-${count}.yaml`)
    expect(ir.actions).toHaveLength(count)
    // Each real action cloned in turn: the clones keep the real actions' mix of paginated and not.
    const real = buildIr(loadSpec(readFileSync(realSpec, 'utf8'), 'redis.yaml'), 'redis.yaml').actions
    const paginated = ir.actions.filter((a) => a.pagination).length
    const expected = real.filter((a) => a.pagination).length
    expect(paginated).toBeGreaterThanOrEqual(Math.floor((count / real.length) * expected))
  })
})
