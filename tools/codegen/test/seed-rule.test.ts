import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml'
import { evaluateInNode, generateEditedAndPristine, realSpec } from './harness.ts'

// crs-mock's control plane checks a seeded backup with core's validateRedisBackupSet and a seeded InstanceId with
// the request validators. Both are generated, so the seed check follows the spec: evolve a copy of the real spec
// as the service evolves (a new enum value, a renamed field, a new typed field, an InstanceId pattern, keywords a
// request validator does not know), generate, and run the generated code in plain Node 24.
const validators = 'packages/core/src/generated/validators.gen.ts'
// The two actions of the real spec whose InstanceId the edited spec gives a pattern.
const patterned = ['DescribeInstanceBackups', 'ManualBackupInstance']
const sample = {
  StartTime: '2018-09-04 12:51:21',
  BackupId: '2e4127f8-affe-11e8-941e-4846fb00c75d',
  BackupType: '0',
  Status: 2,
  Remark: 'xxx',
  Locked: 0,
}
const { Locked: _locked, ...renamed } = { ...sample, IsLocked: 0 }
let edited: string
let pristine: string

beforeAll(async () => {
  const doc = parseDocument(await readFile(realSpec, 'utf8'))
  const schemas = ['components', 'schemas']
  const backup = [...schemas, 'RedisBackupSet']
  const props = [...backup, 'properties']
  const add = (path: string[], value: unknown) => {
    const list = doc.getIn(path) as YAMLSeq
    expect(list.items.length, path.join('.')).toBeGreaterThan(0)
    doc.addIn(path, value)
  }
  add([...props, 'BackupType', 'enum'], '3')
  add([...schemas, 'BackupStatus', 'enum'], 5)
  add([...schemas, 'BackupStatus', 'x-enum-names'], 'Archived')
  // Locked -> IsLocked, keeping its place among the required fields.
  const locked = doc.getIn([...props, 'Locked'])
  doc.deleteIn([...props, 'Locked'])
  doc.setIn([...props, 'IsLocked'], locked)
  const required = doc.getIn([...backup, 'required']) as YAMLSeq<Scalar<string>>
  for (const item of required.items) if (item.value === 'Locked') item.value = 'IsLocked'
  const examples = doc.getIn([
    'paths',
    '/#Action=DescribeInstanceBackups',
    'post',
    'responses',
    '200',
    'content',
    'application/json',
    'examples',
    'seed',
    'value',
    'Response',
    'BackupSet',
  ]) as YAMLSeq<YAMLMap>
  for (const item of examples.items) {
    item.set('IsLocked', item.get('Locked'))
    item.delete('Locked')
  }
  // Keywords of a response schema that no request validator knows: the bounds are enforced, readOnly is only for
  // the types. (A keyword nothing generated honours, such as oneOf or exclusiveMaximum, fails generation.)
  doc.setIn([...props, 'StorageClass'], doc.createNode({ type: 'string', maxLength: 8, readOnly: true }))
  doc.setIn([...props, 'Size'], doc.createNode({ type: ['integer', 'string'] }))
  doc.setIn([...props, 'Retention'], doc.createNode({ type: 'integer', minimum: 1 }))
  doc.setIn([...backup, 'additionalProperties'], false)
  // OpenAPI 3.0's spelling of a null type, which a hand-written spec may well carry over.
  doc.setIn([...props, 'Remark', 'nullable'], true)
  for (const action of patterned)
    doc.setIn([...schemas, `${action}Request`, 'properties', 'InstanceId', 'pattern'], '^crs-[a-z0-9]{8}$')
  // An action that requires more than the InstanceId, as an action a spec author adds may (a BackupId, say).
  const manual = [...schemas, 'ManualBackupInstanceRequest']
  doc.setIn([...manual, 'properties', 'Label'], doc.createNode({ type: 'string' }))
  add([...manual, 'required'], 'Label')
  const manualExample = ['paths', '/#Action=ManualBackupInstance', 'post', 'requestBody', 'content']
  doc.setIn([...manualExample, 'application/json', 'examples', 'seed', 'value', 'Label'], 'nightly')
  ;({ edited, pristine } = await generateEditedAndPristine(doc.toString({ lineWidth: 0 })))
})

/** The messages of the generated validateRedisBackupSet for each backup, run in a Node child. */
const backupIssues = (root: string, backups: unknown[]) =>
  evaluateInNode(
    join(root, validators),
    `${JSON.stringify(backups)}.map((b) => mod.validateRedisBackupSet(b).map((i) => i.message))`,
  )

/**
 * The InstanceId messages of the generated request validators of the actions given a pattern, as crs-mock reads them
 * for a seed: only the issues of the InstanceId itself, not those of the other fields an action requires. Actions the
 * spec may gain are left out, so that adding one does not change what this test expects.
 */
const instanceIdIssues = (root: string, id: string) =>
  evaluateInNode(
    join(root, validators),
    `${JSON.stringify(patterned)}.map((a) => mod.requestValidators[a]({ InstanceId: ${JSON.stringify(id)} }).filter((i) => i.path === 'InstanceId').map((i) => i.message))`,
  )

describe('the seed rule of a RedisBackupSet follows the spec', () => {
  it('takes a new enum value once the spec lists it', () => {
    const next = { ...renamed, BackupType: '3', Status: 5 }
    expect(backupIssues(edited, [next])).toEqual([[]])
    expect(backupIssues(pristine, [{ ...sample, BackupType: '3', Status: 5 }])).toEqual([
      ['BackupType must be one of ["0","1","2"], got "3"', 'Status must be one of [1,2,3,4,-1,-2], got 5'],
    ])
    expect(backupIssues(edited, [{ ...renamed, BackupType: '9' }])).toEqual([
      ['BackupType must be one of ["0","1","2","3"], got "9"'],
    ])
  })

  it('after a rename, takes the new shape and refuses the old one', () => {
    expect(backupIssues(edited, [renamed, sample])).toEqual([[], ['IsLocked is required']])
    expect(backupIssues(pristine, [renamed, sample])).toEqual([['Locked is required'], []])
  })

  it('checks a new optional field by its type and bounds, and keeps ignoring fields the spec does not name', () => {
    expect(
      backupIssues(edited, [
        { ...renamed, StorageClass: 'COLD' },
        { ...renamed, StorageClass: 42 },
        { ...renamed, StorageClass: 'ARCHIVE_DEEP' },
        { ...renamed, StorageClass: null, Later: 'a field the service added' },
        { ...renamed, Retention: 0 },
      ]),
    ).toEqual([
      [],
      ['StorageClass must be a string, got 42'],
      ['StorageClass length must be at most 8, got 12'],
      [],
      ['Retention must be at least 1, got 0'],
    ])
  })

  it('leaves unchecked what its rule cannot say (a property of several types), and stays open', () => {
    expect(
      backupIssues(edited, [
        { ...renamed, Size: '12', Tags: ['a field the spec does not name'] },
        { ...renamed, Size: true },
      ]),
    ).toEqual([[], []])
  })

  it('takes null in a required field once the spec says it may be null', () => {
    expect(
      backupIssues(edited, [
        { ...renamed, Remark: null },
        { ...renamed, Remark: undefined },
      ]),
    ).toEqual([[], ['Remark is required']])
    expect(backupIssues(pristine, [{ ...sample, Remark: null }])).toEqual([['Remark is required']])
  })

  it('refuses an InstanceId no action would take, once the spec gives it a pattern', () => {
    const refusal = 'InstanceId must match /^crs-[a-z0-9]{8}$/u, got "my-instance"'
    expect(instanceIdIssues(edited, 'my-instance')).toEqual([[refusal], [refusal]])
    expect(instanceIdIssues(edited, 'crs-5a4py64p')).toEqual([[], []])
    expect(instanceIdIssues(pristine, 'my-instance')).toEqual([[], []])
  })
})
