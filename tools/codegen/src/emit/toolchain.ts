// ts-morph and openapi-typescript, loaded with `require`. Both are CommonJS underneath (openapi-typescript
// ships a CommonJS build beside its ESM one); an ESM import of CommonJS makes Node scan each file for its
// named exports, and typescript.js is 9 MB (twice over: ts-morph carries its own copy). Loading them this way
// takes about 0.3 s off every run of the generator.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export const tsMorph: typeof import('ts-morph') = require('ts-morph')
export const openapiTypescript: typeof import('openapi-typescript') = require('openapi-typescript')
