import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { addCoreRuntime, evaluateInNode, generateFile, realSpec, tempDir, writeTree } from './harness.ts'

// Tencent's list actions grow filters that are lists of objects (`Filters.0.Values.1=x` in the GET form). Add
// one to the real spec, regenerate, and the query form of a call reads back into the input the JSON form
// carries, which the generated validator then checks field by field, run in plain Node 24.
let out: string

beforeAll(async () => {
  const dir = await tempDir()
  const doc = parseDocument(await readFile(realSpec, 'utf8'))
  const properties = ['components', 'schemas', 'DescribeInstanceBackupsRequest', 'properties']
  expect(doc.hasIn([...properties, 'ProbeFilters'])).toBe(false)
  doc.setIn(
    [...properties, 'ProbeFilters'],
    doc.createNode({
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['Name', 'Values'],
        properties: {
          Name: { type: 'string', enum: ['BackupId', 'Remark'] },
          Values: { type: 'array', items: { type: 'string' } },
          Exact: { type: 'boolean' },
        },
      },
    }),
  )
  doc.setIn(
    [...properties, 'ProbeWindow'],
    doc.createNode({
      type: 'object',
      additionalProperties: false,
      properties: {
        Days: { type: 'integer', minimum: 1 },
        Weekdays: { type: 'array', items: { type: 'integer' } },
      },
    }),
  )
  const spec = join(dir, 'redis.yaml')
  await writeFile(spec, doc.toString({ lineWidth: 0 }))
  out = join(dir, 'out')
  await writeTree(out, await generateFile(spec))
  await addCoreRuntime(out)
})

/** fromQueryParams on each query, then the validator's issues, in a Node child. */
const readQueries = (queries: string[]) =>
  evaluateInNode(
    join(out, 'packages/core/src/query-params.ts'),
    `await (async () => {
      const { requestValidators } = await import(${JSON.stringify(join(out, 'packages/core/src/generated/validators.gen.ts'))})
      return ${JSON.stringify(queries)}.map((q) => {
        const input = mod.fromQueryParams('DescribeInstanceBackups', new URLSearchParams(q))
        return { input, issues: requestValidators.DescribeInstanceBackups(input).map((i) => i.code + ' ' + i.path) }
      })
    })()`,
  ) as { input: Record<string, unknown>; issues: string[] }[]

describe('a list-of-objects filter and a nested object added to DescribeInstanceBackupsRequest', () => {
  it('read back from the query form as the JSON form carries them, and validate', () => {
    const json = {
      InstanceId: 'crs-1',
      ProbeFilters: [
        { Name: 'Remark', Values: ['nightly', '007'], Exact: true },
        { Name: 'BackupId', Values: ['b-1'] },
      ],
      ProbeWindow: { Days: 7, Weekdays: [1, 5] },
      Status: [2],
    }
    const query = evaluateInNode(
      join(out, 'packages/core/src/query-params.ts'),
      `new URLSearchParams(mod.toQueryParams(${JSON.stringify(json)})).toString()`,
    ) as string
    expect(query).toContain('ProbeFilters.0.Values.1=007')
    expect(readQueries([query])).toEqual([{ input: json, issues: [] }])
  })

  it('orders items by index at every depth and converts nested values by their field kind', () => {
    const [read] = readQueries([
      'InstanceId=crs-1&ProbeFilters.1.Name=BackupId&ProbeFilters.0.Values.1=b&ProbeFilters.1.Values.0=c&ProbeFilters.0.Name=Remark&ProbeFilters.0.Values.0=a&ProbeFilters.0.Exact=false&ProbeWindow.Weekdays.1=3&ProbeWindow.Weekdays.0=2&ProbeWindow.Days=10',
    ])
    expect(read).toEqual({
      input: {
        InstanceId: 'crs-1',
        ProbeFilters: [
          { Values: ['a', 'b'], Name: 'Remark', Exact: false },
          { Name: 'BackupId', Values: ['c'] },
        ],
        ProbeWindow: { Weekdays: [2, 3], Days: 10 },
      },
      issues: [],
    })
  })

  it('keeps what fits no field as sent, so the validator names each problem', () => {
    const [read] = readQueries([
      'InstanceId=crs-1&ProbeFilters.0.Name=Colour&ProbeFilters.0.Values.0=x&ProbeFilters.0.Shade=red&ProbeWindow.Days=many&ProbeWindow.Weekdays=1&ProbeFilters.x.Name=a&Limit.0=1',
    ])
    expect(read!.input).toEqual({
      InstanceId: 'crs-1',
      ProbeFilters: [{ Name: 'Colour', Values: ['x'], Shade: 'red' }],
      ProbeWindow: { Days: 'many', Weekdays: '1' },
      'ProbeFilters.x.Name': 'a',
      'Limit.0': '1',
    })
    expect(read!.issues).toEqual(
      expect.arrayContaining([
        'UnknownParameter ProbeFilters.x.Name',
        'UnknownParameter Limit.0',
        'UnknownParameter ProbeFilters.0.Shade',
        'InvalidParameterValue ProbeFilters.0.Name',
        'InvalidParameter ProbeWindow.Days',
        'InvalidParameter ProbeWindow.Weekdays',
      ]),
    )
    expect(read!.issues).toHaveLength(6)
  })
})
