import { actionNames, requestFields } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { requestFieldUse } from './action-implementations.ts'
import { ignoredFieldWarning } from './ignored-fields.ts'

describe('requestFieldUse', () => {
  it('says what the mock does with every top-level request field of every action in the spec, and no other', () => {
    for (const action of actionNames) {
      const fields = Object.keys(requestFields[action]).filter((f) => !/[.[]/.test(f))
      expect(Object.keys(requestFieldUse[action]).sort(), action).toEqual(fields.sort())
    }
  })
})

describe('ignoredFieldWarning', () => {
  const table = { ListThings: { Id: 'applied', Filters: 'ignored', Tags: 'ignored' } } as const

  it('warns once per field, the first time a call sends an ignored one', () => {
    const warnings: string[] = []
    const check = ignoredFieldWarning(table, (m) => warnings.push(m))
    check('ListThings', { Id: 'x' })
    check('ListThings', { Id: 'x', Filters: null })
    expect(warnings).toEqual([])
    check('ListThings', { Id: 'x', Filters: [{ Name: 'a' }] })
    check('ListThings', { Id: 'x', Filters: [] })
    check('ListThings', { Tags: ['t'] })
    expect(warnings).toEqual([
      '[crs-kit/msw] ListThings: the mock checks Filters but does not apply it; its answers are as if Filters were absent',
      '[crs-kit/msw] ListThings: the mock checks Tags but does not apply it; its answers are as if Tags were absent',
    ])
  })

  it('says nothing for actions without ignored fields or inputs that are not objects', () => {
    const warnings: string[] = []
    const check = ignoredFieldWarning(table, (m) => warnings.push(m))
    check('Other', { Filters: [1] })
    check('ListThings', 'Filters')
    expect(warnings).toEqual([])
  })
})
