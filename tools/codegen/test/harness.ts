import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll } from 'vitest'
import { generate, generatedDirs } from '../src/generate.ts'

export const codegenRoot = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const repoRoot = resolve(codegenRoot, '../..')
export const cliPath = join(codegenRoot, 'src/cli.js')
export const fixture = (name: string) => join(codegenRoot, 'test/fixtures', name)
export const realSpec = join(repoRoot, 'spec/redis.yaml')
export { generatedDirs }

/** The eleven files of one generation, as the design names them (the packages' hand-written code imports these). */
export const generatedFiles = [
  'packages/client/src/generated/methods.gen.ts',
  'packages/client/src/generated/models.gen.ts',
  'packages/core/src/generated/actions.gen.ts',
  'packages/core/src/generated/errors.gen.ts',
  'packages/core/src/generated/fields.gen.ts',
  'packages/core/src/generated/readers.gen.ts',
  'packages/core/src/generated/service.gen.ts',
  'packages/core/src/generated/types.gen.ts',
  'packages/core/src/generated/validators.gen.ts',
  'packages/msw/src/generated/actions.gen.ts',
  'packages/msw/src/generated/fixtures.gen.ts',
]

export const readText = (path: string) => readFile(path, 'utf8')
// Every temporary tree a test file made goes when the file's tests are done.
const made: string[] = []
afterAll(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))))

export async function tempDir(prefix = 'crs-codegen-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** The generator's CLI as a user runs it: a real child process on the workspace's Node 24. */
export function runCli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** generate() on a file, named as the CLI would name a spec given relative to its folder. */
export async function generateFile(path: string, specName = path.split('/').pop()!) {
  return generate(await readFile(path, 'utf8'), specName)
}

/** Writes a generation under `root`, as `pnpm generate --out root` would. */
export async function writeTree(root: string, files: Map<string, string>) {
  for (const [path, text] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
}

export interface TreeEntry {
  bytes: Buffer
  mtimeMs: number
}

/** Every file in the generated folders under `root` (bytes and modification time), by relative path. */
export async function readTree(root: string): Promise<Record<string, TreeEntry>> {
  const paths: string[] = []
  for (const dir of generatedDirs)
    for (const name of await readdir(join(root, dir)).catch(() => [] as string[]))
      paths.push(`${dir}/${name}`)
  const tree: Record<string, TreeEntry> = {}
  for (const path of paths.sort()) {
    const file = join(root, path)
    tree[path] = { bytes: await readFile(file), mtimeMs: (await stat(file)).mtimeMs }
  }
  return tree
}

/** A fresh copy of a generated tree, so each test can damage its own. */
export async function copyTree(from: string): Promise<string> {
  const to = await tempDir()
  await cp(from, to, { recursive: true, preserveTimestamps: true })
  return to
}

/**
 * 1-based line and column of `focus` inside the only occurrence of `marker` in `text` (fails if the marker is
 * absent or repeated): a marker may span several lines to be unique, e.g. `MakeWidget:\n    post:` for `post:`.
 */
export function positionOf(text: string, marker: string, focus = marker): { line: number; column: number } {
  const start = text.indexOf(marker)
  if (start < 0 || text.indexOf(marker, start + 1) >= 0 || !marker.includes(focus))
    throw new Error(`marker ${JSON.stringify(marker)} must occur exactly once and contain the focus`)
  const at = start + marker.indexOf(focus)
  const before = text.slice(0, at).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}

/**
 * The generator's CLI (a real child process) on `editedSpec`, the text of an edited real spec, and on the real spec
 * itself, each output with core's runtime beside it: the roots of the two trees, to compare or to run.
 */
export async function generateEditedAndPristine(
  editedSpec: string,
): Promise<{ edited: string; pristine: string }> {
  const dir = await tempDir()
  await writeFile(join(dir, 'redis.yaml'), editedSpec)
  const roots = { edited: join(dir, 'edited'), pristine: join(dir, 'pristine') }
  for (const [spec, out] of [
    [join(dir, 'redis.yaml'), roots.edited],
    [realSpec, roots.pristine],
  ] as const) {
    const run = runCli(['--spec', spec, '--out', out])
    if (run.code !== 0) throw new Error(`generate ${spec} exited ${run.code}: ${run.stderr}`)
    await addCoreRuntime(out)
  }
  return roots
}

/** Puts core's hand-written runtime where the generated core files import it from (`../validation.ts`, ...). */
export async function addCoreRuntime(outRoot: string) {
  const src = join(repoRoot, 'packages/core/src')
  for (const file of [
    'validation.ts',
    'validate-model.ts',
    'read-fields.ts',
    'response-shape-error.ts',
    'query-params.ts',
  ])
    await cp(join(src, file), join(outRoot, 'packages/core/src', file))
}

/**
 * Imports a generated module in plain Node 24 (type stripping, no bundler, no vitest transform) and returns
 * the JSON value of `expression`, evaluated with the module bound to `mod`.
 */
export function evaluateInNode(modulePath: string, expression: string): unknown {
  const script = `const mod = await import(${JSON.stringify(pathToFileURL(modulePath).href)})
process.stdout.write(JSON.stringify(${expression}))`
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout)
}
