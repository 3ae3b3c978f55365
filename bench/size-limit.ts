// CI's size check: the one-call browser bundle must stay under 5 kB min+gzip and pull no Node built-in.
import { bundleSize, limitBytes } from './bundle-size.ts'

const size = await bundleSize()
console.log(
  `browser bundle of one call: ${size.gzipped} bytes min+gzip (${size.minified} minified), limit ${limitBytes}`,
)
if (size.nodeBuiltins.length) console.error(`pulls Node code: ${size.nodeBuiltins.join(', ')}`)
process.exitCode = size.gzipped < limitBytes && size.nodeBuiltins.length === 0 ? 0 : 1
