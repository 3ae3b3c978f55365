import { spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const codegenRoot = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const repoRoot = resolve(codegenRoot, '../..')
export const cliPath = join(codegenRoot, 'src/cli.ts')
export const fixture = (name: string) => join(codegenRoot, 'test/fixtures', name)
export const realSpec = join(repoRoot, 'spec/redis.yaml')

export const readText = (path: string) => readFile(path, 'utf8')
export const tempDir = (prefix = 'crs-codegen-') => mkdtemp(join(tmpdir(), prefix))

/** The generator's CLI as a user runs it: a real child process (Node 24 under the workspace). */
export function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd: repoRoot })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * Puts core's hand-written runtime next to a generated tree, so the generated validators and readers can be
 * imported and run exactly as they run inside @crs-kit/core.
 */
export async function withCoreRuntime(outRoot: string) {
  const src = join(repoRoot, 'packages/core/src')
  for (const file of ['validation.ts', 'read-fields.ts', 'response-shape-error.ts']) {
    await cp(join(src, file), join(outRoot, 'packages/core/src', file))
  }
  const generated = join(outRoot, 'packages/core/src/generated')
  return {
    validators: (await import(join(generated, 'validators.gen.ts'))) as {
      requestValidators: Record<string, (input: unknown) => { path: string; code: string }[]>
    },
    readers: (await import(join(generated, 'readers.gen.ts'))) as {
      responseReaders: Record<string, (raw: unknown) => Record<string, unknown>>
    },
  }
}
