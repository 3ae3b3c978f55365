// 1. Signing one request: @crs-kit signTc3 against the official SDK's sign3, same request, same process.
import { createRequire } from 'node:module'
import { signTc3 } from '@crs-kit/client'
import { alternate, fmt, microsPerCall, type Row } from './harness.ts'

const require = createRequire(import.meta.url)
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default as {
  sign3(input: Record<string, unknown>): string
}
const payload = { InstanceId: 'crs-5a4py64p', Limit: 20, Offset: 0 }
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const t0 = Math.floor(Date.now() / 1000)

export async function run(): Promise<Row[]> {
  const count = 20_000
  // Each side starts from the object to send and ends with the Authorization value, as its client does per call.
  const result = await alternate(7, {
    ours: () =>
      microsPerCall(count, (i) =>
        signTc3({
          method: 'POST',
          host: 'redis.tencentcloudapi.com',
          path: '/',
          service: 'redis',
          headers: { 'content-type': 'application/json', host: 'redis.tencentcloudapi.com' },
          body: JSON.stringify(payload),
          timestamp: t0 + (i & 63),
          ...credentials,
        }),
      ),
    sdk: () =>
      microsPerCall(count, (i) =>
        Sign.sign3({
          method: 'POST',
          url: 'https://redis.tencentcloudapi.com/',
          payload,
          timestamp: t0 + (i & 63),
          service: 'redis',
          ...credentials,
          multipart: false,
          boundary: '',
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
  })
  const ratio = result.sdk / result.ours
  return [
    {
      measurement: 'sign one request (µs)',
      ours: fmt(result.ours, 2),
      theirs: fmt(result.sdk, 2),
      ratio,
      target: '>= 3x',
      pass: ratio >= 3,
    },
  ]
}

if (import.meta.main) console.table(await run())
