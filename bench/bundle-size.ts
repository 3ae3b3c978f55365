// 4. The browser bundle of a one-call program: what an app pays to call DescribeInstanceBackups with
// @crs-kit/client, bundled for browsers (the `browser` condition: fetch and WebCrypto), minified and gzipped.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import type { Row } from './harness.ts'

export const limitBytes = 5 * 1024
const program = `
import { RedisClient } from '@crs-kit/client'
const client = new RedisClient({ region: 'ap-guangzhou', credentials: { secretId: 'id', secretKey: 'key' } })
client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' }).then((r) => console.log(r.TotalCount))
`

export async function bundleSize(): Promise<{ minified: number; gzipped: number; nodeBuiltins: string[] }> {
  const result = await build({
    stdin: { contents: program, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.contents
  const nodeBuiltins = Object.keys(result.metafile.inputs).filter(
    (p) => p.startsWith('node:') || /runtime\/node|crypto-node/.test(p),
  )
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, nodeBuiltins }
}

export async function run(): Promise<Row[]> {
  const size = await bundleSize()
  return [
    {
      measurement: 'browser bundle, one call (min+gzip bytes)',
      ours: `${size.gzipped} (${size.minified} min)`,
      theirs: 'n/a: the official SDK is Node only',
      ratio: limitBytes / size.gzipped,
      target: `< ${limitBytes}`,
      pass: size.gzipped < limitBytes && size.nodeBuiltins.length === 0,
      note: size.nodeBuiltins.length ? `pulls ${size.nodeBuiltins.join(', ')}` : 'no Node built-ins',
    },
  ]
}

if (import.meta.main) console.table(await run())
