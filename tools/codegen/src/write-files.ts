import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface Drift {
  changed: string[]
  missing: string[]
  extra: string[]
}

/** Compares the generated set with what is on disk, including files that should not be in the generated folders. */
export async function findDrift(root: string, files: Map<string, string>, dirs: string[]): Promise<Drift> {
  const drift: Drift = { changed: [], missing: [], extra: [] }
  for (const [path, text] of files) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined)
    if (current === undefined) drift.missing.push(path)
    else if (current !== text) drift.changed.push(path)
  }
  for (const dir of dirs) {
    const names = await readdir(join(root, dir)).catch(() => [] as string[])
    for (const name of names) if (!files.has(`${dir}/${name}`)) drift.extra.push(`${dir}/${name}`)
  }
  return drift
}

/**
 * Writes every file to a temporary sibling first and renames only when all writes succeeded, so a failure
 * part-way leaves the previous generation in place. Extra files in the generated folders are removed last.
 */
export async function writeAll(root: string, files: Map<string, string>, drift: Drift): Promise<void> {
  const todo = [...drift.changed, ...drift.missing]
  const temps: [string, string][] = []
  try {
    for (const path of todo) {
      const target = join(root, path)
      await mkdir(dirname(target), { recursive: true })
      const temp = `${target}.${process.pid}.tmp`
      await writeFile(temp, files.get(path)!, 'utf8')
      temps.push([temp, target])
    }
  } catch (error) {
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })))
    throw error
  }
  for (const [temp, target] of temps) await rename(temp, target)
  for (const path of drift.extra) await rm(join(root, path), { force: true, recursive: true })
}
