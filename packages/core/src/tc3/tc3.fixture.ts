// Known-answer vectors from /work/shared/reference/tencent-cloud-api.md section 4.

/** Tencent's English signature v3 page (cvm). The `\u` escapes are literal backslash text: 86 bytes. */
export const cvmVector = {
  secretId: 'AKID**********************0123456789EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  method: 'POST',
  host: 'cvm.tencentcloudapi.com',
  service: 'cvm',
  timestamp: 1551113065,
  date: '2019-02-25',
  contentType: 'application/json; charset=utf-8',
  signedHeaders: 'content-type;host',
  body: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
  bodyLength: 86,
  bodySha256Hex: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  canonicalRequestSha256Hex: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
} as const

/** Produced by the official Node SDK's own signing code. */
export const redisVector = {
  secretId: 'AKIDEXAMPLE',
  secretKey: 'SECRETEXAMPLE',
  method: 'POST',
  host: 'redis.tencentcloudapi.com',
  service: 'redis',
  timestamp: 1551113065,
  date: '2019-02-25',
  signedHeaders: 'content-type;host',
  body: '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}',
  bodySha256Hex: '07cf632308250c3f4b43144ef653e549fef0b468d41e764083a69234f4deaad3',
  secretSigningHex: '20c3a03c93a144040e2edb05c38f4d348306b0fd1e525247b458af05246e26a9',
  signatures: [
    {
      contentType: 'application/json',
      signature: '1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117',
    },
    {
      contentType: 'application/json; charset=utf-8',
      signature: 'ddcffd78a6e2e77b69eea891f9362edd75ba00c149ee52f872c00aa620c9945a',
    },
  ],
} as const
