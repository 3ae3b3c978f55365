import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { addCoreRuntime, fixture, generateFile, repoRoot, tempDir, writeTree } from './harness.ts'

// The code emitted for the fixture specs, compiled with the workspace's strict settings and run for real next
// to core's hand-written runtime.

type Validators = { requestValidators: Record<string, (input: unknown) => { path: string; code: string }[]> }
type Readers = { responseReaders: Record<string, (raw: unknown) => Record<string, unknown>> }
type Actions = { actions: Record<string, { pagination?: { defaultLimit: number; maxLimit?: number } }> }

const trees: Record<string, string> = {}
beforeAll(async () => {
  for (const name of ['minimal', 'widgets', 'edges']) {
    const root = await tempDir()
    await writeTree(root, await generateFile(fixture(`${name}.yaml`)))
    await addCoreRuntime(root)
    trees[name] = root
  }
})

const load = async (name: string) => {
  const generated = join(trees[name]!, 'packages/core/src/generated')
  return {
    validators: (await import(join(generated, 'validators.gen.ts'))) as Validators,
    readers: (await import(join(generated, 'readers.gen.ts'))) as Readers,
    actions: (await import(join(generated, 'actions.gen.ts'))) as Actions,
  }
}

const issuesOf = (v: Validators, action: string) => (input: unknown) =>
  v.requestValidators[action]!(input).map((i) => `${i.code} ${i.path}`)

function caught(run: () => unknown): Error & { path?: string } {
  try {
    run()
  } catch (error) {
    return error as Error & { path?: string }
  }
  throw new Error('expected a throw')
}

describe('the emitted code type-checks', () => {
  it.each(['minimal', 'widgets', 'edges'])('%s.yaml: all eleven files, strict', async (name) => {
    const root = trees[name]!
    // What the generated files import from outside their folders: core's index, the client's PageItem (real
    // file) and two option interfaces (stubs: only their names matter here).
    const core = join(root, 'packages/core/src')
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n')
    await writeFile(
      join(core, 'index.ts'),
      `export type * from './generated/types.gen.ts'
export type * from './generated/errors.gen.ts'
export type { ActionName, ActionTypes, PaginatedActionName } from './generated/actions.gen.ts'
export { actions } from './generated/actions.gen.ts'
`,
    )
    await cp(
      join(repoRoot, 'packages/client/src/page-item.ts'),
      join(root, 'packages/client/src/page-item.ts'),
    )
    await writeFile(join(root, 'packages/client/src/call-options.ts'), 'export interface CallOptions {}\n')
    await mkdir(join(root, 'packages/msw/src'), { recursive: true })
    await writeFile(join(root, 'packages/msw/src/call-context.ts'), 'export interface CallContext {}\n')
    await writeFile(
      join(root, 'packages/msw/src/prepared-json.ts'),
      'export class PreparedJson<T extends object> { declare readonly result?: T }\n',
    )
    const roots = ['core/src/generated', 'client/src/generated', 'msw/src/generated'].flatMap((dir) =>
      ts.sys.readDirectory(join(root, 'packages', dir), ['.ts']),
    )
    expect(roots).toHaveLength(11)
    const program = ts.createProgram(roots, {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: [],
      noEmit: true,
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      erasableSyntaxOnly: true,
      isolatedModules: true,
      skipLibCheck: true,
      paths: { '@crs-kit/core': [join(core, 'index.ts')] },
    })
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(problems).toEqual([])
  })
})

describe('minimal.yaml', () => {
  it('validates and reads its one action', async () => {
    const { validators, readers } = await load('minimal')
    const issues = issuesOf(validators, 'Ping')
    expect(issues({ Target: 'x' })).toEqual([])
    expect(issues({ Target: 1, Other: true })).toEqual(['UnknownParameter Other', 'InvalidParameter Target'])
    expect(issues({})).toEqual(['MissingParameter Target'])
    expect(readers.responseReaders.Ping!({ RequestId: 'r', New: 1 })).toEqual({ RequestId: 'r', New: 1 })
  })
})

describe('widgets.yaml', () => {
  it('accepts valid input, including nulls for optional fields', async () => {
    const { validators } = await load('widgets')
    expect(
      issuesOf(validators, 'ListWidgets')({ ShelfId: 's-1', Limit: 5, Offset: 10, Kinds: [1, -1] }),
    ).toEqual([])
    expect(
      issuesOf(validators, 'MakeWidget')({ Spec: { Color: 'red', Sizes: [1, 2, 3] }, Note: null }),
    ).toEqual([])
  })

  it('reports every problem at once, with the service codes and paths', async () => {
    const { validators } = await load('widgets')
    expect(
      issuesOf(
        validators,
        'ListWidgets',
      )({
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
    ]) // Offset 7 is not checked against the invalid Limit 0, which is already reported
  })

  it('descends into nested object refs with their own unknown-field and item-count rules', async () => {
    const { validators } = await load('widgets')
    const issues = issuesOf(validators, 'MakeWidget')
    expect(issues({ Spec: { Color: 'green', Sizes: [0, 1, 2, 3], Shape: 'x' } })).toEqual([
      'UnknownParameter Spec.Shape',
      'InvalidParameterValue Spec.Color',
      'InvalidParameterValue Spec.Sizes',
      'InvalidParameterValue Spec.Sizes.0',
    ])
    expect(issues({ Spec: 'red' })).toEqual(['InvalidParameter Spec'])
    expect(issues({ Spec: { Color: 'red' }, Note: 7 })).toEqual(['InvalidParameter Note'])
  })

  it('applies the cross-field rules, with the default of the other field', async () => {
    const { validators } = await load('widgets')
    const issues = issuesOf(validators, 'ListWidgets')
    expect(issues({ ShelfId: 's', Offset: 5 })).toEqual(['InvalidParameterValue Offset'])
    expect(issues({ ShelfId: 's', Offset: 20 })).toEqual([])
    expect(issues({ ShelfId: 's', Offset: 6, Limit: 3 })).toEqual([])
    expect(issues({ ShelfId: 's', From: '2020-01-02 00:00:00', To: '2020-01-01 23:59:59' })).toEqual([
      'InvalidParameterValue To',
    ])
    expect(issues({ ShelfId: 's', From: '2020-01-02 00:00:00', To: '2020-01-02 00:00:00' })).toEqual([])
  })

  it('reads leniently: numeric strings, nulls and unknown fields', async () => {
    const { readers } = await load('widgets')
    const read = readers.responseReaders.ListWidgets!
    const raw = {
      Total: '2',
      Widgets: [{ Id: 7, Weight: null, Future: { a: 1 } }, { Id: 'b' }],
      RequestId: 'r',
    }
    expect(read(raw)).toEqual({
      Total: 2,
      Widgets: [{ Id: '7', Weight: null, Future: { a: 1 } }, { Id: 'b' }],
      RequestId: 'r',
    })
    expect(raw.Total).toBe('2') // the input is not modified
  })

  it('names the path of a field that cannot be read', async () => {
    const { readers } = await load('widgets')
    const list = { Total: 1, Widgets: [{ Id: 'a' }, { Weight: 1 }], RequestId: 'r' }
    expect(caught(() => readers.responseReaders.ListWidgets!(list)).path).toBe('Widgets.1.Id')
    expect(caught(() => readers.responseReaders.MakeWidget!({ TaskId: 'abc', RequestId: 'r' })).path).toBe(
      'TaskId',
    )
  })
})

describe('edges.yaml', () => {
  it('reads a list of lists back from the query form, items in index order at both depths', async () => {
    const { validators } = await load('edges')
    const { fromQueryParams } = (await import(join(trees.edges!, 'packages/core/src/query-params.ts'))) as {
      fromQueryParams: (action: string, params: Iterable<[string, string]>) => Record<string, unknown>
    }
    const input = fromQueryParams(
      'ListThings',
      new URLSearchParams("Grid.1.0=back%5Cslash&Path=a&Grid.0.0=it's&Grid.1.1=it's&DryRun=true"),
    )
    expect(input).toEqual({ Grid: [["it's"], ['back\\slash', "it's"]], Path: 'a', DryRun: true })
    expect(issuesOf(validators, 'ListThings')(input)).toEqual([])
  })

  it('enforces a pattern written with slashes, nested arrays, const and a nullable number range', async () => {
    const { validators } = await load('edges')
    const issues = issuesOf(validators, 'ListThings')
    expect(issues({ Path: 'a/b/c' })).toEqual([])
    expect(issues({ Path: 'a/b/' })).toEqual([])
    expect(issues({ Path: 'a//b' })).toEqual(['InvalidParameterValue Path'])
    expect(issues({ Path: 'a', Note: "it's */ fine", Mode: 'fast', Ratio: null, DryRun: false })).toEqual([])
    expect(issues({ Path: 'a', Grid: [["it's"], ['back\\slash', "it's"]] })).toEqual([])
    expect(issues({ Path: 'a', Grid: [], Mode: 'slow', Ratio: 1.5, DryRun: 'yes' })).toEqual([
      'InvalidParameterValue Mode',
      'InvalidParameterValue Ratio',
      'InvalidParameter DryRun',
      'InvalidParameterValue Grid',
    ])
    expect(issues({ Path: 'a', Grid: [['x', "it's", 'back\\slash'], 'y'] })).toEqual([
      'InvalidParameterValue Grid.0',
      'InvalidParameterValue Grid.0.0',
      'InvalidParameter Grid.1',
    ])
  })

  it('uses the default and maximum of a $ref page size in the validator and in the action table alike', async () => {
    const { validators, actions } = await load('edges')
    const issues = issuesOf(validators, 'ListThings')
    // PageSize in edges.yaml: default 50, maximum 200.
    expect(actions.actions.ListThings!.pagination).toMatchObject({ defaultLimit: 50, maxLimit: 200 })
    expect(issues({ Path: 'a', Offset: 100 })).toEqual([])
    expect(issues({ Path: 'a', Offset: 20 })).toEqual(['InvalidParameterValue Offset'])
    expect(issues({ Path: 'a', Limit: 201 })).toEqual(['InvalidParameterValue Limit'])
  })

  it('reads a required nullable field as null, and still requires it', async () => {
    const { readers } = await load('edges')
    const read = readers.responseReaders.ListThings!
    // Label is `type: [string, 'null']`, Owner `nullable: true` (OpenAPI 3.0's spelling): both mean the same.
    const thing = { Id: 't', Label: null, Owner: null, Score: '0.5', Flags: [1, 'false'], Meta: { k: 1 } }
    expect(read({ Total: 1, Things: [thing], RequestId: 'r' })).toEqual({
      Total: 1,
      Things: [{ Id: 't', Label: null, Owner: null, Score: 0.5, Flags: [true, false], Meta: { k: 1 } }],
      RequestId: 'r',
    })
    expect(caught(() => read({ Total: 1, Things: [{ Id: 't', Owner: null }], RequestId: 'r' })).path).toBe(
      'Things.0.Label',
    )
    expect(caught(() => read({ Total: 1, Things: [{ Id: 't', Label: null }], RequestId: 'r' })).path).toBe(
      'Things.0.Owner',
    )
  })
})
