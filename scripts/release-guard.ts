// Runs first in `pnpm release` and `pnpm release:dry-run`: refuses to publish while changesets are pending in
// .changeset/, or while a package is still at 0.0.0. `changeset publish` publishes the versions in the
// package.json files as they are; the pending changesets only become versions (and changelogs) through
// `pnpm version-packages`, so publishing before it would ship 0.0.0, or the last version again under new code.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { changesetEntries, highest, type Level } from '../tools/codegen/src/spec-compat.ts'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const packageDirs = ['core', 'client', 'msw']

const pending = readdirSync(join(repo, '.changeset'))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()

/** The highest bump the pending changesets give each package, from their front matter. */
function bumpsGiven(): Map<string, string> {
  const given = new Map<string, Level | 'none'>()
  for (const file of pending)
    for (const [name, bump] of changesetEntries(readFileSync(join(repo, '.changeset', file), 'utf8')))
      given.set(name, highest([bump, given.get(name) ?? 'none']))
  return given
}

if (pending.length > 0) {
  const shown = pending.length > 12 ? [...pending.slice(0, 12), `and ${pending.length - 12} more`] : pending
  const given = [...bumpsGiven()].map(([name, bump]) => `${name} ${bump}`)
  console.error(
    `release-guard: ${pending.length} changeset${pending.length > 1 ? 's are' : ' is'} pending in .changeset/ ` +
      `(${shown.join(', ')})${given.length > 0 ? `, giving ${given.join(', ')}` : ', bumping no package'}.`,
  )
  console.error(
    'Nothing was built or published: run `pnpm version-packages` first (it turns them into versions and changelogs), ' +
      'review and commit that, then run this again.',
  )
  process.exit(1)
}

const unversioned = packageDirs
  .map((dir) => JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')))
  .filter((pkg: { version?: string }) => pkg.version === '0.0.0')
  .map((pkg: { name: string }) => pkg.name)
if (unversioned.length > 0) {
  console.error(
    `release-guard: ${unversioned.join(', ')} ${unversioned.length > 1 ? 'are' : 'is'} still at version 0.0.0 and no ` +
      'changeset is pending: add one with `pnpm changeset`, run `pnpm version-packages` and commit, then run this again.',
  )
  process.exit(1)
}
