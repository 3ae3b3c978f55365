import { describe, expect, it } from 'vitest'
import { synthesize } from '../../../bench/generator.ts'
import { buildIr } from '../src/build-ir.ts'
import { loadSpec } from '../src/load-spec.ts'

// The generator bench times `pnpm generate` on the real spec's actions cloned to 50 and 400: those specs must
// pass every check, or the bench would time an error message.
describe('the bench synthetic specs', () => {
  it.each([50, 400])('of %i actions pass every check', (count) => {
    const ir = buildIr(loadSpec(synthesize(count), `spec-${count}.yaml`), `spec-${count}.yaml`)
    expect(ir.actions).toHaveLength(count)
    expect(ir.actions.filter((a) => a.pagination)).toHaveLength(count / 2)
  })
})
