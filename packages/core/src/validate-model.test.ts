import { describe, expect, it } from 'vitest'
import { seedBackups } from '../../msw/src/generated/fixtures.gen.ts'
import { validateRedisBackupSet } from './index.ts'
import { validateModel } from './validate-model.ts'
import type { Rule } from './validation.ts'

const issues = (rule: Rule, value: unknown) => validateModel(rule, value).map((i) => `${i.code} ${i.path}`)

describe('validateModel', () => {
  // A required Label that may be null, as edges.yaml's Thing, inside a list inside an object.
  const thing: Rule = {
    t: 'object',
    r: ['Id', 'Label'],
    p: { Id: { t: 'string' }, Label: { t: 'string', n: 1 } },
  }
  const page: Rule = { t: 'object', p: { Things: { t: 'array', i: thing } } }

  it('takes null in a required field whose type allows null, and refuses it absent', () => {
    expect(issues(thing, { Id: 't', Label: null })).toEqual([])
    expect(issues(thing, { Id: 't' })).toEqual(['MissingParameter Label'])
    expect(issues(thing, { Id: null, Label: 'x' })).toEqual(['MissingParameter Id'])
    expect(issues(page, { Things: [{ Id: 't', Label: null }, { Label: null }] })).toEqual([
      'MissingParameter Things.1.Id',
    ])
  })

  it('keeps every other issue of the rule', () => {
    expect(issues(thing, { Id: 1, Label: 2, Extra: true })).toEqual([
      'InvalidParameter Id',
      'InvalidParameter Label',
    ])
  })
})

describe('validateRedisBackupSet', () => {
  const [sample] = seedBackups
  const backupIssues = (value: unknown) => validateRedisBackupSet(value).map((i) => i.message)

  it('accepts the seed sample, with null optional fields and fields the spec does not name', () => {
    expect(backupIssues(sample)).toEqual([])
    expect(backupIssues({ ...sample, BackupSize: null, EndTime: null, Later: { x: 1 } })).toEqual([])
  })

  it('names each problem with the field and the value', () => {
    expect(
      backupIssues({
        ...sample,
        BackupType: '9',
        Locked: undefined,
        ExpireTime: '2024-02-30 00:00:00',
      }),
    ).toEqual([
      'BackupType must be one of ["0","1","2"], got "9"',
      'Locked is required',
      'ExpireTime must be a real calendar time, YYYY-MM-DD HH:mm:ss, got "2024-02-30 00:00:00"',
    ])
  })
})
