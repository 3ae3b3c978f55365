// A CommonJS consumer: Node >= 20.19 loads the ESM package through require().
const assert = require('node:assert/strict')
const { RedisClient, signTc3, CrsKitError } = require('@crs-kit/client')
assert.equal(typeof RedisClient, 'function')
assert.equal(typeof CrsKitError, 'function')
const { signature } = signTc3({
  method: 'POST',
  host: 'redis.tencentcloudapi.com',
  path: '/',
  headers: { 'content-type': 'application/json', host: 'redis.tencentcloudapi.com' },
  body: '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}',
  service: 'redis',
  timestamp: 1551113065,
  secretId: 'AKIDEXAMPLE',
  secretKey: 'SECRETEXAMPLE',
})
// The reference's known answer for this request, signed by the official SDK.
assert.equal(signature, '1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117')
console.log(JSON.stringify(['ok require and sign']))
