// Bundles a package's tsc output into one ES module per entry and environment: `<entry>.node.js` with the
// `node` condition (node:crypto, node:http) and `<entry>.js` with the `browser` condition (WebCrypto, fetch).
// Node pays about half a millisecond for every module it loads, so fifty small files import several times
// slower than one; resolving the conditional imports (#runtime, #crypto) here, not at run time, also keeps
// every class in one module, so `instanceof` holds across the package. Declarations stay tsc's, file by file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const externals = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  'node:*',
]
for (const entry of process.argv.slice(2)) {
  for (const [condition, outfile] of [
    ['node', entry.replace(/\.js$/, '.node.js')],
    ['browser', entry],
  ] as const) {
    await build({
      entryPoints: [join('dist', entry)],
      outfile: join('dist', outfile),
      allowOverwrite: true,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: [condition],
      target: 'es2022',
      external: externals,
      sourcemap: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
  }
}
