import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { fixture, runCli, tempDir } from './harness.ts'

const spec = fixture('widgets.yaml')
const coreTypes = 'packages/core/src/generated/types.gen.ts'
let out: string

async function snapshot(root: string) {
  const files: Record<string, string> = {}
  for (const dir of [
    'packages/core/src/generated',
    'packages/client/src/generated',
    'packages/msw/src/generated',
  ]) {
    for (const name of await readdir(join(root, dir)))
      files[`${dir}/${name}`] = await readFile(join(root, dir, name), 'utf8')
  }
  return files
}

beforeEach(async () => {
  out = await tempDir()
  const first = runCli('--spec', spec, '--out', out)
  expect(first.code, first.stderr).toBe(0)
  expect(first.stdout).toMatch(/10 files from .*widgets\.yaml, 10 updated/)
})

describe('pnpm generate', () => {
  it('changes nothing on a second run', async () => {
    const before = await snapshot(out)
    const mtime = (await stat(join(out, coreTypes))).mtimeMs
    const second = runCli('--spec', spec, '--out', out)
    expect(second.stdout).toMatch(/, 0 updated/)
    expect(await snapshot(out)).toEqual(before)
    expect((await stat(join(out, coreTypes))).mtimeMs).toBe(mtime)
  })
})

describe('pnpm generate --check', () => {
  it('passes on a clean tree', () => {
    expect(runCli('--check', '--spec', spec, '--out', out).code).toBe(0)
  })

  it.each([
    ['an edited file', 'changed', (p: string) => writeFile(p, '// edited by hand\n', { flag: 'a' })],
    ['a deleted file', 'missing', (p: string) => rm(p)],
  ])('fails on %s and names it', async (_, word, damage) => {
    await damage(join(out, coreTypes))
    const check = runCli('--check', '--spec', spec, '--out', out)
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`${word}  ${coreTypes}`)
  })

  it.each(['stray.gen.ts', 'notes.ts'])('fails on an extra file %s in a generated folder', async (name) => {
    await writeFile(join(out, 'packages/msw/src/generated', name), 'export {}\n')
    const check = runCli('--check', '--spec', spec, '--out', out)
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`extra    packages/msw/src/generated/${name}`)
    expect(runCli('--spec', spec, '--out', out).code).toBe(0)
    expect(runCli('--check', '--spec', spec, '--out', out).code).toBe(0)
  })
})

describe('a broken spec', () => {
  const cases: [string, (text: string) => string, string, string][] = [
    [
      'a YAML syntax error',
      (t) => t.replace('      summary: Make a widget.', '      summary: Make: a widget.'),
      'yaml-syntax',
      '      summary: Make:',
    ],
    [
      'a duplicate key',
      (t) =>
        t.replace('      summary: List widgets.\n', '      summary: List widgets.\n      summary: again\n'),
      'yaml-syntax',
      '      summary: again',
    ],
    [
      'a missing x-tc-idempotent',
      (t) => t.replace('      x-tc-idempotent: false\n', ''),
      'idempotency',
      '    post:\n      operationId: MakeWidget',
    ],
    [
      'a $ref to a missing schema',
      (t) =>
        t.replace(
          "$ref: '#/components/schemas/Stamp'\n          x-tc",
          "$ref: '#/components/schemas/Stmp'\n          x-tc",
        ),
      'ref-resolves',
      "$ref: '#/components/schemas/Stmp'",
    ],
    [
      'an unsupported request keyword',
      (t) =>
        t.replace(
          '        ShelfId:\n          type: string\n',
          '        ShelfId:\n          type: string\n          oneOf: []\n',
        ),
      'request-keyword',
      '          oneOf: []',
    ],
    [
      'a pagination field that does not exist',
      (t) => t.replace('        items: Widgets', '        items: Gadgets'),
      'pagination',
      '        items: Gadgets',
    ],
  ]

  it.each(cases)('with %s fails at its line and changes no file', async (_, edit, rule, marker) => {
    const text = edit(await readFile(spec, 'utf8'))
    const broken = join(out, 'broken.yaml')
    await writeFile(broken, text)
    const before = await snapshot(out)
    const run = runCli('--spec', broken, '--out', out)
    expect(run.code).toBe(1)
    const markerLine =
      text.slice(0, text.indexOf(marker)).split('\n').length + (marker.startsWith('    post:') ? 1 : 0)
    expect(run.stderr).toMatch(new RegExp(`broken\\.yaml:${markerLine}:\\d+ error \\[${rule}\\]`))
    expect(run.stderr).toContain('no file was changed')
    expect(await snapshot(out)).toEqual(before)
  })
})
