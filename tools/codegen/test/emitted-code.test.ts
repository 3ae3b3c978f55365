import { readFile, writeFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixture, realSpec, runCli, tempDir, withCoreRuntime } from './harness.ts'

// The emitted validators and readers, run for real on the fixture spec's nested refs, nullables, enums,
// item counts and cross-field rules.
let core: Awaited<ReturnType<typeof withCoreRuntime>>
beforeAll(async () => {
  const out = await tempDir()
  expect(runCli('--spec', fixture('widgets.yaml'), '--out', out).code).toBe(0)
  core = await withCoreRuntime(out)
})

const issues = (action: string, input: unknown) =>
  core.validators.requestValidators[action]!(input).map((i) => `${i.code} ${i.path}`)

describe('emitted validators', () => {
  it('accept valid input, including nulls for optional fields', () => {
    expect(issues('ListWidgets', { ShelfId: 's-1', Limit: 5, Offset: 10, Kinds: [1, -1] })).toEqual([])
    expect(issues('MakeWidget', { Spec: { Color: 'red', Sizes: [1, 2, 3] }, Note: null })).toEqual([])
  })

  it('report every problem at once with the service codes and paths', () => {
    expect(
      issues('ListWidgets', {
        Limit: 0,
        Offset: 7,
        From: '2020-02-30 00:00:00',
        Kinds: [2, 3, 'x'],
        Extra: 1,
      }),
    ).toEqual([
      'UnknownParameter Extra',
      'MissingParameter ShelfId',
      'InvalidParameterValue Limit',
      'InvalidParameterValue From',
      'InvalidParameterValue Kinds.1',
      'InvalidParameter Kinds.2',
    ]) // Offset 7 is not checked against Limit 0: Limit is already reported
  })

  it('descend into nested object refs with their own unknown-field and item-count rules', () => {
    expect(issues('MakeWidget', { Spec: { Color: 'green', Sizes: [0, 1, 2, 3], Shape: 'x' } })).toEqual([
      'UnknownParameter Spec.Shape',
      'InvalidParameterValue Spec.Color',
      'InvalidParameterValue Spec.Sizes',
      'InvalidParameterValue Spec.Sizes.0',
    ])
    expect(issues('MakeWidget', { Spec: 'red' })).toEqual(['InvalidParameter Spec'])
  })

  it('apply the cross-field rules with the default of the other field', () => {
    expect(issues('ListWidgets', { ShelfId: 's', Offset: 5 })).toEqual(['InvalidParameterValue Offset'])
    expect(issues('ListWidgets', { ShelfId: 's', Offset: 20 })).toEqual([])
    expect(
      issues('ListWidgets', { ShelfId: 's', From: '2020-01-02 00:00:00', To: '2020-01-01 23:59:59' }),
    ).toEqual(['InvalidParameterValue To'])
  })
})

describe('emitted readers', () => {
  it('coerce numeric strings, keep nulls and unknown fields', () => {
    const read = core.readers.responseReaders.ListWidgets!
    const out = read({
      Total: '2',
      Widgets: [{ Id: 7, Weight: null, Future: { a: 1 } }, { Id: 'b' }],
      RequestId: 'r',
    })
    expect(out).toEqual({
      Total: 2,
      Widgets: [{ Id: '7', Weight: null, Future: { a: 1 } }, { Id: 'b' }],
      RequestId: 'r',
    })
  })

  it('name the path of a field that cannot be recovered', () => {
    const read = core.readers.responseReaders.ListWidgets!
    expect(() => read({ Total: 1, Widgets: [{ Id: 'a' }, { Weight: 1 }], RequestId: 'r' })).toThrow(
      /Widgets\.1\.Id/,
    )
    expect(() => core.readers.responseReaders.MakeWidget!({ TaskId: 'abc', RequestId: 'r' })).toThrow(
      /TaskId/,
    )
  })
})

describe('a field added to the spec', () => {
  it('appears in the types and the validators with no other edit', async () => {
    const spec = await readFile(realSpec, 'utf8')
    const anchor =
      '        Remark:\n          type: string\n          description: A note kept with the backup.\n'
    expect(spec).toContain(anchor)
    const edited = spec.replace(
      anchor,
      `${anchor}        RetentionDays:\n          type: integer\n          minimum: 1\n`,
    )
    const dir = await tempDir()
    await writeFile(`${dir}/redis.yaml`, edited)
    const out = `${dir}/out`
    expect(runCli('--spec', `${dir}/redis.yaml`, '--out', out).code).toBe(0)
    const types = await readFile(`${out}/packages/core/src/generated/types.gen.ts`, 'utf8')
    expect(types).toMatch(/RetentionDays\?: number/)
    const after = await withCoreRuntime(out)
    const validate = after.validators.requestValidators.ManualBackupInstance!
    expect(validate({ InstanceId: 'x', RetentionDays: 3 })).toEqual([])
    expect(validate({ InstanceId: 'x', RetentionDays: 0 }).map((i) => `${i.code} ${i.path}`)).toEqual([
      'InvalidParameterValue RetentionDays',
    ])
    const pristine = `${dir}/pristine`
    expect(runCli('--spec', realSpec, '--out', pristine).code).toBe(0)
    const before = await withCoreRuntime(pristine)
    expect(
      before.validators.requestValidators.ManualBackupInstance!({ InstanceId: 'x', RetentionDays: 3 }).map(
        (i) => i.code,
      ),
    ).toEqual(['UnknownParameter'])
  })
})
