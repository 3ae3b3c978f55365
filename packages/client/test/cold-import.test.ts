import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, it } from 'vitest'

// Importing the client loads none of Node's crypto, http, https, tls or net modules: they are most of a cold import
// (node:crypto alone was 9 of 20 ms on Node 24). The first signature loads node:crypto, the first call node:http(s).
// Read in a fresh process from the built package, as users load it (process.moduleLoadList: Node's own modules).
const entry = new URL('../dist/index.node.js', import.meta.url).href

/** What a fresh Node process loads importing the built client, then signing the reference's redis vector. */
function importThenSign(setup = ''): {
  before: string[]
  afterImport: string[]
  afterSign: string[]
  signature: string
} {
  const script = `${setup}
    const heavy = () => process.moduleLoadList.filter((m) => /^NativeModule (crypto|http|https|tls|net)$/.test(m))
    const before = heavy()
    const { signTc3 } = await import(${JSON.stringify(entry)})
    const afterImport = heavy()
    const { signature } = signTc3({ host: 'redis.tencentcloudapi.com', service: 'redis',
      headers: { 'Content-Type': 'application/json' }, body: '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}',
      timestamp: 1551113065, secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' })
    console.log(JSON.stringify({ before, afterImport, afterSign: heavy(), signature }))`
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  )
}

it('imports without loading node:crypto or node:http(s), and signs once the first signature loads node:crypto', () => {
  const out = importThenSign()
  expect(out.before).toEqual([])
  expect(out.afterImport).toEqual([])
  expect(out.afterSign).toEqual(['NativeModule crypto'])
  // The reference's vector from the official SDK's own signer: the primitives loaded late sign as before.
  expect(out.signature).toBe('1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117')
})

it('loads node:crypto with require where process.getBuiltinModule is missing (Node before 20.16)', () => {
  const out = importThenSign('delete process.getBuiltinModule')
  expect(out.afterImport).toEqual([])
  expect(out.afterSign).toEqual(['NativeModule crypto'])
  expect(out.signature).toBe('1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117')
})

it('signs from a CommonJS bundle of the client where process.getBuiltinModule is missing', async () => {
  // esbuild empties import.meta in CommonJS output: require is then the bundle's own, not one made from its URL.
  const dir = mkdtempSync(join(tmpdir(), 'crs-cjs-'))
  try {
    const outfile = join(dir, 'app.cjs')
    await build({
      stdin: {
        contents: `const { signTc3 } = require(${JSON.stringify(fileURLToPath(entry))})
          console.log(signTc3({ host: 'redis.tencentcloudapi.com', service: 'redis',
            headers: { 'Content-Type': 'application/json' }, body: '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}',
            timestamp: 1551113065, secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }).signature)`,
        resolveDir: dir,
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      logLevel: 'silent',
    })
    const signature = execFileSync(
      process.execPath,
      ['-e', `delete process.getBuiltinModule; require(${JSON.stringify(outfile)})`],
      { encoding: 'utf8' },
    )
    expect(signature.trim()).toBe('1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
