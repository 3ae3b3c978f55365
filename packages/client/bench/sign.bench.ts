// Signing cost: crs-kit's signTc3 against the official SDK's Sign.sign3, same request, same process.
// Run: pnpm --filter @crs-kit/client bench (after a build), or node --conditions=crs-kit-source bench/sign.bench.ts
import { createRequire } from 'node:module'
import { signTc3 } from '@crs-kit/client'
import { microsPerCall, row } from './measure.ts'

const require = createRequire(import.meta.url)
const { default: Sign } = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
  default: { sign3(input: Record<string, unknown>): string }
}

const payload = { InstanceId: 'crs-5a4py64p', Limit: 20, Offset: 0 }
const body = JSON.stringify(payload)
const timestamp = Math.floor(Date.now() / 1000)
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }

// Both sides get the object to send and produce an Authorization value, as each client does per call.
const ours = microsPerCall((i) =>
  signTc3({
    host: 'redis.tencentcloudapi.com',
    service: 'redis',
    headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeInstanceBackups' },
    body: JSON.stringify(payload),
    timestamp: timestamp + (i & 63),
    ...credentials,
  }),
)
const sdk = microsPerCall((i) =>
  Sign.sign3({
    method: 'POST',
    url: 'https://redis.tencentcloudapi.com/',
    payload,
    timestamp: timestamp + (i & 63),
    service: 'redis',
    ...credentials,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': 'application/json' },
  }),
)
row('sign: @crs-kit/client signTc3', `${ours.toFixed(2)} µs/signature`)
row('sign: tencentcloud-sdk-nodejs-common sign3', `${sdk.toFixed(2)} µs/signature`)
row('sign: speed-up', `${(sdk / ours).toFixed(1)}x (body ${body.length} bytes)`)
