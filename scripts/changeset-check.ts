// Fails when spec/ or a package changed since the last release and no pending changeset covers it.
// "Since the last release" is the last commit that changed core's version (changeset version bumps the three
// together), or the first commit when nothing was released yet. Needs full git history (CI clones fully).
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim()

const lastRelease = git('log', '-1', '--format=%H', '-G', '"version":', '--', 'packages/core/package.json')
const firstCommit = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop()!
const base = lastRelease && lastRelease !== firstCommit ? lastRelease : firstCommit

const changed = git('diff', '--name-only', base, 'HEAD', '--', 'spec', 'packages')
  .split('\n')
  .filter((f) => f && !/\.test(-d)?\.ts$|\.fixture\.ts$|\/test\//.test(f))
const pending = readdirSync('.changeset').filter((f) => f.endsWith('.md') && f !== 'README.md')

if (changed.some((f) => f.startsWith('spec/')) && pending.length === 0) {
  console.error(
    `changeset-check: spec/ changed since ${base.slice(0, 8)} but .changeset/ has no pending changeset`,
  )
  console.error('run `pnpm changeset` and describe the change for the packages')
  process.exit(1)
}
// changeset status checks that every changed package is named by a pending changeset.
const status = spawnSync('changeset', ['status', `--since=${base}`], { stdio: 'inherit', shell: false })
process.exit(status.status ?? 1)
