// Bundles a package's tsc output into one ES module per entry and environment: `<entry>.node.js` with the
// `node` condition (node:crypto, node:http) and `<entry>.js` with the `browser` condition (WebCrypto, fetch).
// Node pays about half a millisecond for every module it loads, so fifty small files import several times
// slower than one; resolving the conditional imports (#runtime, #crypto) here, not at run time, also keeps
// every class in one module, so `instanceof` holds across the package. Declarations stay tsc's, file by file;
// tsc's per-file JavaScript is deleted once bundled, so the tarball ships no module nothing imports (and no stale
// one from a source file that was removed).
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const externals = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  'node:*',
]
const outputs = new Set<string>()
for (const entry of process.argv.slice(2)) {
  for (const [condition, outfile] of [
    ['node', entry.replace(/\.js$/, '.node.js')],
    ['browser', entry],
  ] as const) {
    outputs.add(outfile).add(`${outfile}.map`)
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

for (const file of readdirSync('dist', { recursive: true, encoding: 'utf8' })) {
  if (/\.js(\.map)?$/.test(file) && !outputs.has(file)) rmSync(join('dist', file))
}
