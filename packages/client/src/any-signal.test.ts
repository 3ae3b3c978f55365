import { afterEach, describe, expect, it } from 'vitest'
import { anySignal } from './any-signal.ts'

const original = AbortSignal.any
afterEach(() => {
  AbortSignal.any = original
})

describe.each([
  ['AbortSignal.any', false],
  ['the fallback', true],
])('anySignal with %s', (_, fallback) => {
  const setup = () => {
    if (fallback) (AbortSignal as { any?: unknown }).any = undefined
  }

  it('aborts with the reason of whichever aborts first', () => {
    setup()
    const a = new AbortController()
    const b = new AbortController()
    const combined = anySignal(a.signal, b.signal)
    expect(combined.aborted).toBe(false)
    b.abort('b')
    expect(combined.aborted).toBe(true)
    expect(combined.reason).toBe('b')
  })

  it('is aborted at once when an input already is', () => {
    setup()
    expect(anySignal(new AbortController().signal, AbortSignal.abort('done')).reason).toBe('done')
  })
})
