import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// What a browser bundler sees: the `default` branches of the subpath imports, core from source.
const here = dirname(fileURLToPath(import.meta.url))
const aliases: Record<string, string> = {
  '#runtime': resolve(here, 'runtime/web.ts'),
  '#crypto': resolve(here, '../../core/src/tc3/crypto-web.ts'),
  '@crs-kit/core': resolve(here, '../../core/src/index.ts'),
}

/** Every module reachable from `entry` through value imports (type-only imports vanish from a bundle). */
function reachable(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (graph.has(file)) continue
    const source = readFileSync(file, 'utf8')
    const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)].map(
      (m) => m[1]!,
    )
    graph.set(file, specifiers)
    for (const specifier of specifiers) {
      const target =
        aliases[specifier] ?? (specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined)
      if (target) queue.push(target)
    }
  }
  return graph
}

describe('the browser build', () => {
  it('reaches no Node built-in and no third-party module from the package entry', () => {
    const graph = reachable(resolve(here, 'index.ts'))
    const external = [...graph.values()].flat().filter((s) => !s.startsWith('.') && !(s in aliases))
    expect(external).toEqual([])
    expect([...graph.keys()].some((f) => f.endsWith('runtime/web.ts'))).toBe(true)
    expect([...graph.keys()].some((f) => f.endsWith('runtime/node.ts'))).toBe(false)
  })
})
