import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { generate, generatedDirs } from './generate.ts'
import { SpecErrors } from './spec-error.ts'
import { findDrift, writeAll } from './write-files.ts'

const usage = `usage: pnpm generate [--check] [--spec FILE] [--out DIR]
  --check       compare instead of writing; exit 1 on any changed, missing or extra generated file
  --spec FILE   the contract (default: spec/redis.yaml)
  --out DIR     the root the packages/*/src/generated folders are written under (default: the repository)`

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')

async function main(argv: string[]): Promise<number> {
  let args: { check?: boolean; spec?: string; out?: string; help?: boolean }
  try {
    args = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean' },
        spec: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    return 2
  }
  if (args.help) {
    console.log(usage)
    return 0
  }
  const specPath = resolve(args.spec ?? resolve(repoRoot, 'spec/redis.yaml'))
  const outRoot = resolve(args.out ?? repoRoot)
  const inRepo = relative(repoRoot, specPath)
  const specName = (
    inRepo.startsWith('..') || isAbsolute(inRepo) ? relative(process.cwd(), specPath) : inRepo
  ).replaceAll('\\', '/')
  const started = performance.now()
  let text: string
  try {
    text = await readFile(specPath, 'utf8')
  } catch (error) {
    // The file the command line names cannot be read (missing, a folder, no permission, a symlink loop, a name too
    // long): a bad command line, said with the system's reason.
    const { code } = error as NodeJS.ErrnoException
    if (typeof code !== 'string') throw error
    const why =
      { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied' }[code] ??
      // Node's message: "ELOOP: too many symbolic links encountered, open '/the/path'".
      `${(error as Error).message.replace(/^[A-Z0-9_]+: /, '').split(', ')[0]} (${code})`
    console.error(`generate: cannot read the spec ${specPath}: ${why}\n${usage}`)
    return 2
  }
  let files: Map<string, string>
  try {
    files = await generate(text, specName)
  } catch (error) {
    if (!(error instanceof SpecErrors)) throw error
    console.error(error.message)
    console.error(`generate: ${error.errors.length} problem(s) in ${specName}; no file was changed`)
    return 1
  }
  const drift = await findDrift(outRoot, files, generatedDirs)
  const stale = [
    ...drift.changed.map((p) => `changed  ${p}:${drift.changedFrom.get(p)}`),
    ...drift.missing.map((p) => `missing  ${p}`),
    ...drift.extra.map((p) => `extra    ${p}`),
  ]
  const ms = Math.round(performance.now() - started)
  if (args.check) {
    if (stale.length === 0) {
      console.log(`generate --check: ${files.size} files match ${specName} (${ms} ms)`)
      return 0
    }
    const foreign = drift.foreign.length
      ? `; move ${drift.foreign.join(', ')} out of the generated folders first (not generated: generate will not delete it)`
      : ''
    // An edited file is most often a hand edit, which the advice to regenerate would silently undo.
    const handEdits =
      drift.changed.length > 0
        ? `\na hand edit of a generated file is lost when \`pnpm generate\` rewrites it from ${specName}: make such a change in the spec (or in the package's hand-written code outside src/generated/)`
        : ''
    console.error(
      `generate --check: generated code does not match ${specName}:\n  ${stale.join('\n  ')}\nrun \`pnpm generate\` and commit the result${foreign}${handEdits}`,
    )
    return 1
  }
  if (drift.foreign.length > 0) {
    console.error(
      `generate: ${drift.foreign.map((p) => `${p} is not a generated file`).join('; ')}: nothing hand-written may live in a generated folder, so move it out (generation would delete it); no file was changed`,
    )
    return 1
  }
  await writeAll(outRoot, files, drift)
  const removed =
    drift.extra.length > 0 ? `; removed ${drift.extra.join(', ')}, which it no longer generates` : ''
  console.log(`generate: ${files.size} files from ${specName}, ${stale.length} updated (${ms} ms)${removed}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
