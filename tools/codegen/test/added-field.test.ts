import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { evaluateInNode, generateEditedAndPristine, readTree, realSpec } from './harness.ts'

// The acceptance check: add a field to a schema of the real spec, run `pnpm generate`, and the field
// is in core's types and validators with no other edit; the generated validator, run in plain Node 24, enforces it.
const validators = 'packages/core/src/generated/validators.gen.ts'
const types = 'packages/core/src/generated/types.gen.ts'
let edited: string
let pristine: string

beforeAll(async () => {
  const doc = parseDocument(await readFile(realSpec, 'utf8'))
  const properties = ['components', 'schemas', 'ManualBackupInstanceRequest', 'properties']
  expect(doc.hasIn([...properties, 'InstanceId'])).toBe(true)
  expect(doc.hasIn([...properties, 'RetentionDays'])).toBe(false)
  doc.setIn([...properties, 'RetentionDays'], doc.createNode({ type: 'integer', minimum: 1 }))
  ;({ edited, pristine } = await generateEditedAndPristine(doc.toString({ lineWidth: 0 })))
})

/** The issues the generated ManualBackupInstance validator reports for each input, run in a Node child. */
const validate = (root: string, inputs: unknown[]) =>
  evaluateInNode(
    join(root, validators),
    `${JSON.stringify(inputs)}.map((input) => mod.requestValidators.ManualBackupInstance(input).map((i) => i.code + ' ' + i.path))`,
  )

describe('a field added to ManualBackupInstanceRequest', () => {
  it('appears in core types as an optional number, and in the validator', async () => {
    const typesText = await readFile(join(edited, types), 'utf8')
    const model = /\n {4}ManualBackupInstanceRequest: \{\n([\s\S]*?)\n {4}\}\n/.exec(typesText)?.[1]
    expect(model).toMatch(/^ {6}RetentionDays\?: number \| undefined$/m)
    expect(await readFile(join(pristine, types), 'utf8')).not.toContain('RetentionDays')
    // The validator knows the field: a value of the wrong type is reported under its name, not as unknown.
    expect(validate(edited, [{ InstanceId: 'x', RetentionDays: 'x' }])).toEqual([
      ['InvalidParameter RetentionDays'],
    ])
  })

  it('changes only the generated files that describe requests (below the header, which names the spec)', async () => {
    const [after, before] = [await readTree(edited), await readTree(pristine)]
    const body = (entry: { bytes: Buffer } | undefined) =>
      entry?.bytes.toString('utf8').split('\n').slice(1).join('\n')
    const changed = Object.keys(before).filter((path) => body(after[path]) !== body(before[path]))
    expect(Object.keys(after)).toEqual(Object.keys(before))
    expect(changed).toEqual(['packages/core/src/generated/fields.gen.ts', types, validators])
  })

  it('is enforced by the generated validator, run in plain Node', () => {
    expect(
      validate(edited, [
        { InstanceId: 'x', RetentionDays: 0 },
        { InstanceId: 'x', RetentionDays: 3 },
        { InstanceId: 'x', RetentionDays: '3' },
        { InstanceId: 'x', RetentionDays: 2.5 },
        { InstanceId: 'x', RetentionDays: null },
      ]),
    ).toEqual([
      ['InvalidParameterValue RetentionDays'],
      [],
      ['InvalidParameter RetentionDays'],
      ['InvalidParameter RetentionDays'],
      [],
    ])
  })

  it('is an unknown parameter to the validator generated from the unmodified spec', () => {
    expect(validate(pristine, [{ InstanceId: 'x', RetentionDays: 3 }, { InstanceId: 'x' }])).toEqual([
      ['UnknownParameter RetentionDays'],
      [],
    ])
  })
})
