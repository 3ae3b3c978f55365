import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// setupWorker bundles what the package's main entry imports: no Node built-in may be reachable from it.

function bareImports(entry: string): Set<string> {
  const seen = new Set<string>()
  const bare = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(
      /^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm,
    )) {
      const specifier = (m[1] ?? m[2])!
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier))
      else bare.add(specifier)
    }
  }
  visit(entry)
  return bare
}

it('keeps node: modules out of everything the main entry imports', () => {
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url))
  expect([...bareImports(entry)].sort()).toEqual(['@crs-kit/core', 'msw'])
})

it('lets the server entry use node:http and node:crypto', () => {
  const entry = fileURLToPath(new URL('./server.ts', import.meta.url))
  expect([...bareImports(entry)].sort()).toEqual(['@crs-kit/core', 'node:crypto', 'node:http', 'node:net'])
})
