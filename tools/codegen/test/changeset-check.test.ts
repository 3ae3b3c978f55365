import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { repoRoot, tempDir } from './harness.ts'

// `pnpm changeset:check` (scripts/changeset-check.ts) run for real, in a git repository made of the workspace's
// manifests and spec, after a release: a spec change must come with a changeset of the bump it needs.
const packages = ['core', 'client', 'msw']
const copied = [
  'package.json',
  'pnpm-workspace.yaml',
  '.changeset/config.json',
  'spec/redis.yaml',
  'scripts/changeset-check.ts',
  ...packages.map((p) => `packages/${p}/package.json`),
]

async function releasedRepo(version: string) {
  const dir = await tempDir('crs-changeset-check-')
  for (const path of copied) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await copyFile(join(repoRoot, path), join(dir, path))
  }
  // The rating code and the changesets CLI, as the workspace has them.
  await symlink(join(repoRoot, 'tools'), join(dir, 'tools'))
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'))
  await writeFile(join(dir, '.gitignore'), 'node_modules\n')
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  }
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.invalid')
  git('config', 'user.name', 'test')
  git('add', '-A')
  git('commit', '-q', '-m', 'start')
  // What `changeset version` leaves: the fixed group at one new version, no pending changesets.
  for (const p of packages) {
    const file = join(dir, `packages/${p}/package.json`)
    const manifest = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`)
  }
  git('add', '-A')
  git('commit', '-q', '-m', `release ${version}`)

  return {
    dir,
    git,
    /** A change to a package, as regenerating leaves one: changeset status then wants a changeset naming it. */
    async touchPackage(name: string) {
      const file = join(dir, `packages/${name}/package.json`)
      const manifest = JSON.parse(await readFile(file, 'utf8'))
      await writeFile(
        file,
        `${JSON.stringify({ ...manifest, description: `${manifest.description} ` }, null, 2)}\n`,
      )
      git('commit', '-q', '-am', 'package change')
    },
    async editSpec(edit: (doc: ReturnType<typeof parseDocument>) => void) {
      const file = join(dir, 'spec/redis.yaml')
      const doc = parseDocument(await readFile(file, 'utf8'))
      edit(doc)
      await writeFile(file, doc.toString({ lineWidth: 0 }))
      git('commit', '-q', '-am', 'spec change')
    },
    async changeset(bump: string | undefined) {
      await rm(join(dir, '.changeset/spec.md'), { force: true })
      if (bump)
        await writeFile(join(dir, '.changeset/spec.md'), `---\n'@crs-kit/core': ${bump}\n---\n\nSpec.\n`)
    },
    check() {
      const r = spawnSync(process.execPath, ['scripts/changeset-check.ts'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}` },
      })
      return { code: r.status, out: `${r.stdout}${r.stderr}` }
    },
  }
}

const removeFileType = (doc: ReturnType<typeof parseDocument>) =>
  doc.deleteIn(['components', 'schemas', 'RedisBackupSet', 'properties', 'FileType'])

describe('changeset-check after a release', () => {
  it('asks for a major bump at 1.x when an answer field is removed, and passes once it is given', async () => {
    const repo = await releasedRepo('1.2.0')
    await repo.editSpec(removeFileType)
    await repo.changeset('minor')
    const refused = repo.check()
    expect(refused.code).toBe(1)
    expect(refused.out).toContain(
      'major DescribeInstanceBackups response: BackupSet[].FileType: field removed from the answer',
    )
    expect(refused.out).toMatch(
      /need a major bump .* \(version 1\.2\.0\), but the pending changesets give only minor/,
    )
    await repo.changeset('major')
    const passed = repo.check()
    expect(passed.out).not.toContain('need a')
    expect(passed.code).toBe(0)
  })

  it('asks for a minor bump at 0.x (a caret range takes only patches) and a patch for an addition', async () => {
    const repo = await releasedRepo('0.3.0')
    await repo.editSpec(removeFileType)
    await repo.changeset('patch')
    const small = repo.check()
    expect(small.code).toBe(1)
    // The pending changeset is named, to be raised rather than joined by another.
    expect(small.out).toMatch(
      /raise the bump in the changeset that describes the spec change \(\.changeset\/: \S+\.md\)/,
    )
    await repo.changeset('minor')
    expect(repo.check().code).toBe(0)

    const added = await releasedRepo('0.3.0')
    await added.editSpec((doc) =>
      doc.setIn(['components', 'schemas', 'RedisBackupSet', 'properties', 'Compressed'], { type: 'boolean' }),
    )
    await added.changeset(undefined)
    const none = added.check()
    expect(none.code).toBe(1)
    expect(none.out).toContain('no pending changeset')
    await added.changeset('patch')
    expect(added.check().code).toBe(0)
  })

  it('names the bump a spec change needs when no changeset is pending at all', async () => {
    const repo = await releasedRepo('0.3.0')
    await repo.editSpec(removeFileType)
    await repo.changeset(undefined)
    const none = repo.check()
    expect(none.code).toBe(1)
    expect(none.out).toContain('no pending changeset')
    expect(none.out).toContain(
      'major DescribeInstanceBackups response: BackupSet[].FileType: field removed from the answer',
    )
    expect(none.out).toMatch(/run `pnpm changeset`, choose a minor bump of @crs-kit\/core/)
    // The rating's level and the bump it means at this version, side by side.
    expect(none.out).toMatch(/\(version 0\.3\.0\): major changes, a minor bump at this version/)
  })

  it('tells you to git add a changeset that pnpm changeset left untracked, which changeset status cannot see', async () => {
    const repo = await releasedRepo('0.3.0')
    await repo.editSpec((doc) =>
      doc.setIn(['components', 'schemas', 'RedisBackupSet', 'properties', 'Compressed'], { type: 'boolean' }),
    )
    await repo.touchPackage('core')
    await repo.changeset('patch')
    const untracked = repo.check()
    expect(untracked.code).toBe(1)
    expect(untracked.out).toMatch(/\.changeset\/spec\.md is not added yet: `git add` it and run this again/)
    repo.git('add', '.changeset/spec.md')
    const added = repo.check()
    expect(added.out).not.toContain('not added yet')
    expect(added.code).toBe(0)
  })

  it('refuses a change to a package that no pending changeset names, an empty changeset included', async () => {
    const repo = await releasedRepo('0.3.0')
    await repo.touchPackage('client')
    await repo.touchPackage('msw')
    const write = (front: string) =>
      writeFile(join(repo.dir, '.changeset/change.md'), `---\n${front}---\n\nChange.\n`)
    await write('')
    repo.git('add', '-A')
    repo.git('commit', '-q', '-m', 'empty changeset')
    const empty = repo.check()
    expect(empty.code).toBe(1)
    expect(empty.out).toContain('@crs-kit/client, @crs-kit/msw changed since')
    await write(`'@crs-kit/client': patch\n`)
    repo.git('commit', '-q', '-am', 'client named')
    const one = repo.check()
    expect(one.code).toBe(1)
    expect(one.out).toMatch(/@crs-kit\/msw changed since \w+ but no pending changeset names it/)
    await write(`'@crs-kit/client': patch\n"@crs-kit/msw": patch\n`)
    repo.git('commit', '-q', '-am', 'both named')
    expect(repo.check().code).toBe(0)
  })
})
