import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Document, parseDocument } from 'yaml'
import { generateFile, realSpec, tempDir } from './harness.ts'

// A third action added to the real spec, named so that it sorts before DescribeInstanceBackups and with an
// example that names another instance: the mock's seed data must stay where the paged sample puts it.
const fixtures = 'packages/msw/src/generated/fixtures.gen.ts'
const added = 'CleanUpInstance'
let files: Map<string, string>

/** Copies ManualBackupInstance (operation and schemas) as `name`, its example naming `instanceId`. */
function addAction(doc: Document, name: string, instanceId: string) {
  // A deep copy: setting the same node twice would make the edits below change ManualBackupInstance too.
  const copy = (path: unknown[]) => doc.createNode((doc.getIn(path) as { toJSON(): unknown }).toJSON())
  const schemas = ['components', 'schemas']
  for (const suffix of ['Request', 'Response', 'Envelope'])
    doc.setIn([...schemas, `${name}${suffix}`], copy([...schemas, `ManualBackupInstance${suffix}`]))
  doc.setIn(
    [...schemas, `${name}Envelope`, 'properties', 'Response', '$ref'],
    `#/components/schemas/${name}Response`,
  )
  doc.setIn(['paths', `/#Action=${name}`, 'post'], copy(['paths', '/#Action=ManualBackupInstance', 'post']))
  const post = ['paths', `/#Action=${name}`, 'post']
  doc.setIn([...post, 'operationId'], name)
  const json = [...post, 'requestBody', 'content', 'application/json']
  doc.setIn([...json, 'schema', '$ref'], `#/components/schemas/${name}Request`)
  doc.setIn([...json, 'examples', 'seed', 'value', 'InstanceId'], instanceId)
  const anyOf = [...post, 'responses', '200', 'content', 'application/json', 'schema', 'anyOf', 0, '$ref']
  doc.setIn(anyOf, `#/components/schemas/${name}Envelope`)
}

beforeAll(async () => {
  const doc = parseDocument(await readFile(realSpec, 'utf8'))
  expect(doc.hasIn(['paths', `/#Action=${added}`])).toBe(false)
  expect(
    doc.getIn(['components', 'schemas', 'ManualBackupInstanceEnvelope', 'properties', 'Response', '$ref']),
  ).toBe('#/components/schemas/ManualBackupInstanceResponse')
  addAction(doc, added, 'crs-elsewhere')
  // The copy is deep: the original action still names its own schemas.
  expect(
    doc.getIn(['components', 'schemas', 'ManualBackupInstanceEnvelope', 'properties', 'Response', '$ref']),
  ).toBe('#/components/schemas/ManualBackupInstanceResponse')
  const spec = join(await tempDir(), 'redis.yaml')
  await writeFile(spec, doc.toString({ lineWidth: 0 }))
  files = await generateFile(spec)
})

describe('an action added before the paged one, its example naming another instance', () => {
  it('is generated (its example is among the mock fixtures)', () => {
    expect(files.get(fixtures)).toContain(`${added}: {`)
    expect(files.get(fixtures)).toContain("InstanceId: 'crs-elsewhere'")
  })

  it("leaves the mock's seed instance the one whose backups the paged sample lists", () => {
    expect(files.get(fixtures)).toMatch(/export const seedInstanceId = 'crs-5a4py64p'\n/)
  })

  it('is among the models the client re-exports, so an app that depends on the client alone can name them', () => {
    const models = files.get('packages/client/src/generated/models.gen.ts')
    for (const type of [
      `${added}Request`,
      `${added}Response`,
      `${added}ErrorCode`,
      'DescribeInstanceBackupsRequest',
    ])
      expect(models).toMatch(new RegExp(`[{,] ${type}[,}]`))
  })
})
