#!/usr/bin/env node
// The generator's entry, plain JavaScript on purpose. It turns on Node's compile cache before anything else
// loads, so that the generator's TypeScript sources come from the cache already stripped of their types (Node
// then never loads its type stripper, about 0.1 s) and the two TypeScript compilers it needs (ts-morph's and
// openapi-typescript's, about 9 MB of JavaScript each) from V8's cached code. It only applies to modules loaded
// after it is turned on, hence the dynamic import.
import * as nodeModule from 'node:module'

nodeModule.enableCompileCache?.()
// The sources are TypeScript that Node runs as is from 22.18 and 23.6 (the workspace's scripts use its Node 24); an
// older node, such as a machine's Node 20 running this file directly, would fail with ERR_UNKNOWN_FILE_EXTENSION.
if (!process.features.typescript) {
  console.error(
    `crs-codegen: Node ${process.version} cannot run the generator's TypeScript sources; run it as \`pnpm generate\`, which uses the workspace's Node 24 (or a Node from 22.18 or 23.6 on)`,
  )
  process.exit(2)
}
await import('./main.ts')
