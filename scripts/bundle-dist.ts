// Bundles a package's tsc output into one ES module per entry. Node pays about half a millisecond for every
// module it loads, so a client made of fifty small files imports several times slower than the same code in one.
// Conditional imports (`#runtime`, `#crypto`), other packages and Node built-ins stay external, so each
// environment still picks its own implementation. Declarations stay tsc's, file by file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const entries = process.argv.slice(2)
const externals = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  '#*',
  'node:*',
]
for (const entry of entries) {
  await build({
    entryPoints: [join('dist', entry)],
    outfile: join('dist', entry),
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: externals,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  })
}
