import { spawnSync } from 'node:child_process'
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
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
  it('says to run pnpm generate on a Node that cannot strip types, instead of a stack trace, and writes nothing', async () => {
    // The machine's Node 20 runs cli.js the same way: it has no TypeScript stripping at all.
    const out = await tempDir()
    const cli = join(import.meta.dirname, '../src/cli.js')
    const run = spawnSync(
      process.execPath,
      ['--no-experimental-strip-types', cli, '--spec', spec, '--out', out],
      {
        encoding: 'utf8',
      },
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(
      /^crs-codegen: Node v\S+ cannot run the generator's TypeScript sources; run it as `pnpm generate`/,
    )
    expect(run.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION')
    expect(await readdir(out)).toEqual([])
  })

  it('names a spec it cannot read and why, as a bad command line (exit 2), and writes nothing', async () => {
    const out = await tempDir()
    const loop = join(await tempDir(), 'loop.yaml')
    await symlink(loop, loop)
    for (const [path, why] of [
      [join(out, 'nope.yaml'), 'no such file'],
      [out, 'it is a folder'],
      [loop, 'too many symbolic links encountered \\(ELOOP\\)'],
    ] as const) {
      const run = runCli(['--spec', path, '--out', out])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(
        new RegExp(`^generate: cannot read the spec \\S+: ${why}\nusage: pnpm generate`),
      )
    }
    expect(await readdir(out)).toEqual([])
  })

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
    // An edited file also says where the edit starts: the edit appended a line after the generated ones.
    const edited = (await readFile(join(pristine, file), 'utf8').catch(() => '')).split('\n').length
    expect(drift).toEqual([`  ${word.padEnd(7)}  ${file}${word === 'changed' ? `:${edited}` : ''}`])
    expect(await readTree(out)).toEqual(damaged)
  })

  it('tells whoever edited a generated file by hand that generate overwrites it, and where to make the change', async () => {
    const out = await copyTree(pristine)
    await writeFile(join(out, coreTypes), '// edited\n', { flag: 'a' })
    const run = check(out)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /a hand edit of a generated file is lost when `pnpm generate` rewrites it from \S*widgets\.yaml: make such a change in the spec/,
    )
  })

  it('is repaired by pnpm generate, which restores edited and deleted files and removes stale generated ones', async () => {
    const out = await copyTree(pristine)
    await writeFile(join(out, coreTypes), 'export {}\n')
    await rm(join(out, 'packages/core/src/generated/errors.gen.ts'))
    const stale = 'packages/msw/src/generated/old-action.gen.ts'
    await writeFile(
      join(out, stale),
      '// @generated by tools/codegen from spec/redis.yaml. Do not edit.\nexport {}\n',
    )
    const run = runCli(['--spec', spec, '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /, 3 updated \(\d+ ms\); removed packages\/msw\/src\/generated\/old-action\.gen\.ts, which it no longer generates\n$/,
    )
    const repaired = await readTree(out)
    const original = await readTree(pristine)
    expect(Object.keys(repaired)).toEqual(Object.keys(original))
    for (const path of Object.keys(original))
      expect(repaired[path]!.bytes.equals(original[path]!.bytes), path).toBe(true)
    for (const dir of generatedDirs)
      expect((await readdir(join(out, dir))).every((n) => n.endsWith('.gen.ts'))).toBe(true)
    expect(check(out).code).toBe(0)
  })

  it('refuses to delete a hand-written file in a generated folder, names it, and changes nothing', async () => {
    const out = await copyTree(pristine)
    await writeFile(join(out, coreTypes), 'export {}\n')
    await writeFile(join(out, 'packages/msw/src/generated/notes.ts'), 'export const mine = 1\n')
    // A copy of a generated file, header and all, saved under another name to edit: someone's work too.
    const copy = 'packages/core/src/generated/my-fields.ts'
    await writeFile(
      join(out, copy),
      `${await readFile(join(out, 'packages/core/src/generated/fields.gen.ts'), 'utf8')}// mine\n`,
    )
    const before = await readTree(out)
    const run = runCli(['--spec', spec, '--out', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('packages/msw/src/generated/notes.ts is not a generated file')
    expect(run.stderr).toContain(`${copy} is not a generated file`)
    expect(run.stderr).toMatch(/no file was changed\n$/)
    expect(await readTree(out)).toEqual(before)
  })

  it('reports every file missing when the output root has never been generated', async () => {
    const run = check(await tempDir())
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n').filter((l) => l.startsWith('  missing  '))).toEqual(
      generatedFiles.map((f) => `  missing  ${f}`),
    )
  })
})
