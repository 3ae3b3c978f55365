import { readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  copyTree,
  fixture,
  generatedDirs,
  generatedFiles,
  generateFile,
  readTree,
  runCli,
  tempDir,
} from './harness.ts'

// `pnpm generate` as a user runs it, on a temp output root: node tools/codegen/src/cli.js --spec --out.
const spec = fixture('widgets.yaml')
const coreTypes = 'packages/core/src/generated/types.gen.ts'
let pristine: string
let firstRun: ReturnType<typeof runCli>

beforeAll(async () => {
  pristine = await tempDir()
  firstRun = runCli(['--spec', spec, '--out', pristine])
})

const check = (out: string) => runCli(['--check', '--spec', spec, '--out', out])

describe('pnpm generate', () => {
  it('writes the eleven files of generate() on a first run', async () => {
    expect(firstRun.code, firstRun.stderr).toBe(0)
    expect(firstRun.stdout).toMatch(/^generate: 11 files from \S*widgets\.yaml, 11 updated \(\d+ ms\)\n$/)
    const tree = await readTree(pristine)
    expect(Object.keys(tree)).toEqual(generatedFiles)
    const specName = firstRun.stdout.split(' from ')[1]!.split(',')[0]!
    const expected = await generateFile(spec, specName)
    for (const [path, text] of expected) expect(tree[path]!.bytes.toString('utf8'), path).toBe(text)
  })

  it('updates nothing and leaves every byte and timestamp alone on a second run', async () => {
    const out = await copyTree(pristine)
    const before = await readTree(out)
    const second = runCli(['--spec', spec, '--out', out])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/, 0 updated/)
    expect(await readTree(out)).toEqual(before)
  })
})

describe('pnpm generate --check', () => {
  it('exits 0 on a clean tree', async () => {
    const run = check(await copyTree(pristine))
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/11 files match/)
  })

  const cases: [string, string, string, (out: string) => Promise<void>][] = [
    [
      'an edited file',
      'changed',
      coreTypes,
      (out) => writeFile(join(out, coreTypes), '// edited\n', { flag: 'a' }),
    ],
    ['a deleted file', 'missing', coreTypes, (out) => rm(join(out, coreTypes))],
    [
      'an extra generated file',
      'extra',
      'packages/msw/src/generated/stray.gen.ts',
      (out) => writeFile(join(out, 'packages/msw/src/generated/stray.gen.ts'), 'export {}\n'),
    ],
    [
      'an extra hand-written file in a generated folder',
      'extra',
      'packages/client/src/generated/notes.ts',
      (out) => writeFile(join(out, 'packages/client/src/generated/notes.ts'), 'export {}\n'),
    ],
  ]

  it.each(cases)('exits 1 on %s, names it, and changes nothing', async (_, word, file, damage) => {
    const out = await copyTree(pristine)
    await damage(out)
    const damaged = await readTree(out)
    const run = check(out)
    expect(run.code).toBe(1)
    // One drift line, naming the file and what is wrong with it.
    const drift = run.stderr.split('\n').filter((l) => /^ {2}(changed|missing|extra) /.test(l))
    expect(drift).toEqual([`  ${word.padEnd(7)}  ${file}`])
    expect(await readTree(out)).toEqual(damaged)
  })

  it('is repaired by pnpm generate, which restores edited and deleted files and removes extra ones', async () => {
    const out = await copyTree(pristine)
    await writeFile(join(out, coreTypes), 'export {}\n')
    await rm(join(out, 'packages/core/src/generated/errors.gen.ts'))
    await writeFile(join(out, 'packages/msw/src/generated/notes.ts'), 'export {}\n')
    const run = runCli(['--spec', spec, '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/, 3 updated/)
    const repaired = await readTree(out)
    const original = await readTree(pristine)
    expect(Object.keys(repaired)).toEqual(Object.keys(original))
    for (const path of Object.keys(original))
      expect(repaired[path]!.bytes.equals(original[path]!.bytes), path).toBe(true)
    for (const dir of generatedDirs)
      expect((await readdir(join(out, dir))).every((n) => n.endsWith('.gen.ts'))).toBe(true)
    expect(check(out).code).toBe(0)
  })

  it('reports every file missing when the output root has never been generated', async () => {
    const run = check(await tempDir())
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n').filter((l) => l.startsWith('  missing  '))).toEqual(
      generatedFiles.map((f) => `  missing  ${f}`),
    )
  })
})
