#!/usr/bin/env node
// The generator's entry, plain JavaScript on purpose. It turns on Node's compile cache before anything else
// loads, so that the generator's TypeScript sources come from the cache already stripped of their types (Node
// then never loads its type stripper, about 0.1 s) and the two TypeScript compilers it needs (ts-morph's and
// openapi-typescript's, about 9 MB of JavaScript each) from V8's cached code. It only applies to modules loaded
// after it is turned on, hence the dynamic import.
import * as nodeModule from 'node:module'

nodeModule.enableCompileCache?.()
await import('./main.ts')
