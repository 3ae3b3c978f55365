// Fails when spec/ or a package changed since the last release and no pending changeset covers it, or when the
// spec changed in a way that needs a bigger version bump than the pending changesets give (a removed response
// field released as a patch would break every app that reads it).
// "Since the last release" is the last commit that changed core's version (changeset version bumps the three
// together), or the first commit when nothing was released yet. Needs full git history (CI clones fully).
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import {
  atLeast,
  bumpGiven,
  bumpNeeded,
  changesetEntries,
  highest,
  type SpecChange,
  specChanges,
} from '../tools/codegen/src/spec-compat.ts'

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim()
const specFile = 'spec/redis.yaml'
const fixedGroup = ['@crs-kit/core', '@crs-kit/client', '@crs-kit/msw']

const lastRelease = git('log', '-1', '--format=%H', '-G', '"version":', '--', 'packages/core/package.json')
const firstCommit = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop()!
const base = lastRelease && lastRelease !== firstCommit ? lastRelease : firstCommit

const changed = git('diff', '--name-only', base, 'HEAD', '--', 'spec', 'packages')
  .split('\n')
  .filter((f) => f && !/\.test(-d)?\.ts$|\.fixture\.ts$|\/test\//.test(f))
const pending = readdirSync('.changeset').filter((f) => f.endsWith('.md') && f !== 'README.md')

/** Exits 1: spec/ changed and no changeset is pending. `then` says what to choose in `pnpm changeset`. */
function refuseWithoutChangeset(then: string): never {
  console.error(
    `changeset-check: spec/ changed since ${base.slice(0, 8)} but .changeset/ has no pending changeset`,
  )
  console.error(`run \`pnpm changeset\`, ${then}, and say what changed for apps`)
  process.exit(1)
}

/** The spec as released, or undefined when that commit had none (nothing released yet). */
function releasedSpec(): string | undefined {
  const found = spawnSync('git', ['show', `${base}:${specFile}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout : undefined
}

const released = releasedSpec()
const current = readFileSync(specFile, 'utf8')
const version = JSON.parse(readFileSync('packages/core/package.json', 'utf8')).version as string
if (released === undefined)
  console.log(
    `changeset-check: ${specFile} did not exist at ${base.slice(0, 8)}, the last release (version ${version}) or, with none yet, the first commit, so spec changes are not rated: the next release carries them all`,
  )
if (released !== undefined && released !== current) {
  let changes: SpecChange[] | undefined
  try {
    changes = specChanges(released, current, specFile)
  } catch (error) {
    // Today's generator may refuse a spec it once accepted; the pending-changeset check below still runs.
    console.warn(
      `changeset-check: the spec of ${base.slice(0, 8)} does not pass today's generator checks, so its changes cannot be rated: ${String(error).split('\n')[0]}`,
    )
  }
  if (changes) {
    const level = highest(changes.map((c) => c.level))
    const needed = bumpNeeded(level, version)
    const given = bumpGiven(
      pending.map((file) => readFileSync(`.changeset/${file}`, 'utf8')),
      fixedGroup,
    )
    console.log(
      `changeset-check: ${specFile} since ${base.slice(0, 8)} (version ${version}): ${level} changes, ${needed === 'none' ? 'no bump needed' : `a ${needed} bump at this version`}`,
    )
    for (const c of changes) console.log(`  ${c.level.padEnd(5)} ${c.where}: ${c.what}`)
    if (pending.length === 0 && needed !== 'none')
      refuseWithoutChangeset(`choose a ${needed} bump of ${fixedGroup.join(', ')}`)
    if (!atLeast(given, needed)) {
      console.error(
        `changeset-check: these spec changes need a ${needed} bump of ${fixedGroup.join(', ')} ` +
          `(version ${version}), but the pending changesets give ${given === 'none' ? 'no bump' : `only ${given}`}`,
      )
      console.error(
        `raise the bump in the changeset that describes the spec change (.changeset/: ${pending.join(', ')}) ` +
          'to that level and say what apps must change, or add one with `pnpm changeset`',
      )
      process.exit(1)
    }
  }
}

if (changed.some((f) => f.startsWith('spec/')) && pending.length === 0)
  refuseWithoutChangeset('describe the change for the packages')

// changeset status only checks that some changeset was added since the base, even an empty one: each package
// whose published files changed must be named by a pending changeset, so that its changelog says what changed.
const named = new Set(
  pending.flatMap((file) =>
    changesetEntries(readFileSync(`.changeset/${file}`, 'utf8')).map(([name]) => name),
  ),
)
const packageName = (dir: string) =>
  (JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8')) as { name: string }).name
const unnamed = [
  ...new Set(changed.map((f) => /^packages\/([^/]+)\//.exec(f)?.[1]).filter((d) => d !== undefined)),
]
  .map(packageName)
  .filter((name) => fixedGroup.includes(name) && !named.has(name))
if (unnamed.length > 0) {
  console.error(
    `changeset-check: ${unnamed.join(', ')} changed since ${base.slice(0, 8)} but no pending changeset names ${unnamed.length > 1 ? 'them' : 'it'}`,
  )
  console.error('run `pnpm changeset`, pick the package, and say what changed for its users')
  process.exit(1)
}

const status = spawnSync('changeset', ['status', `--since=${base}`], { stdio: 'inherit', shell: false })
// changeset status sees only the changesets git knows; `pnpm changeset` leaves a new one untracked.
const untracked = git('ls-files', '--others', '--exclude-standard', '--', '.changeset')
  .split('\n')
  .filter((f) => f.endsWith('.md'))
if (status.status !== 0 && untracked.length > 0)
  console.error(
    `changeset-check: changeset status reads only changesets git knows, and ${untracked.join(', ')} ${untracked.length > 1 ? 'are' : 'is'} not added yet: \`git add\` ${untracked.length > 1 ? 'them' : 'it'} and run this again`,
  )
process.exit(status.status ?? 1)
