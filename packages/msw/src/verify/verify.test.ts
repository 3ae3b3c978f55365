import { describe, expect, it } from 'vitest'
import { createMockService } from '../create-mock-service.ts'
import { createMockClock } from '../mock-clock.ts'
import {
  codeOf,
  envelope,
  secretId,
  secretKey,
  tc3Get,
  tc3Post,
  v1Request,
} from '../test-requests.fixture.ts'

// The verifiers against inputs that do not come from core's signer: the reference's known answers,
// and the host/path forms other SDKs sign.

const vectorTime = 1551113065
const vectorBody = '{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}'

function vectorRequest(
  contentType: string,
  signature: string,
  url = 'https://redis.tencentcloudapi.com/',
): Request {
  return new Request(url, {
    method: 'POST',
    headers: {
      Authorization: `TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/redis/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      'Content-Type': contentType,
      'X-TC-Action': 'DescribeInstanceBackups',
      'X-TC-Version': '2018-04-12',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-Timestamp': String(vectorTime),
    },
    body: vectorBody,
  })
}

const json = '1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117'
const jsonCharset = 'ddcffd78a6e2e77b69eea891f9362edd75ba00c149ee52f872c00aa620c9945a'

describe('TC3 verification', () => {
  const service = () =>
    createMockService({
      credentials: [{ secretId, secretKey }],
      clock: createMockClock(vectorTime * 1000 + 299_000),
      rateLimit: false,
    })

  it('accepts the official SDK known-answer signatures, Content-Type verbatim', async () => {
    const s = service()
    for (const [contentType, signature] of [
      ['application/json', json],
      ['application/json; charset=utf-8', jsonCharset],
    ] as const) {
      const r = await envelope((await s.handle(vectorRequest(contentType, signature))) as Response)
      expect(r, contentType).toMatchObject({ TotalCount: 2 })
    }
  })

  it('signs a POST with the empty query string the algorithm names, whatever query its URL carries', async () => {
    const s = service()
    // The known answer is signed with CanonicalQueryString "": a query added to the URL (a cache-buster) changes nothing.
    const r = await envelope(
      (await s.handle(
        vectorRequest('application/json', json, 'https://redis.tencentcloudapi.com/?t=1'),
      )) as Response,
    )
    expect(r).toMatchObject({ TotalCount: 2 })
  })

  it('answers InvalidAuthorization, never InternalError, for a service or SignedHeaders no signer makes', async () => {
    const s = service()
    const code = async (authorization: string) => {
      const request = vectorRequest('application/json', json)
      request.headers.set('Authorization', authorization)
      return codeOf((await s.handle(request)) as Response)
    }
    const signed = (scope: string, names: string) =>
      `TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/${scope}/tc3_request, SignedHeaders=${names}, Signature=${json}`
    expect(await code(signed('redis', 'content-type;host'))).toBeUndefined()
    expect(await code(signed('rédis', 'content-type;host'))).toBe('AuthFailure.InvalidAuthorization')
    expect(await code(signed('redis', 'content-type;;host'))).toBe('AuthFailure.InvalidAuthorization')
    expect(await code(signed('redis', 'content-type;host;'))).toBe('AuthFailure.InvalidAuthorization')
  })

  it('names a credential date that is not the UTC date of X-TC-Timestamp (a client on UTC+8, say)', async () => {
    const request = vectorRequest('application/json', json)
    // 1551113065 is 2019-02-25 16:44:25 UTC, 2019-02-26 in Beijing.
    request.headers.set(
      'Authorization',
      request.headers.get('Authorization')!.replace('/2019-02-25/', '/2019-02-26/'),
    )
    const r = await envelope((await service().handle(request)) as Response)
    expect(r.Error).toEqual({
      Code: 'AuthFailure.SignatureFailure',
      Message:
        "the Authorization's credential date 2019-02-26 is not the UTC date of X-TC-Timestamp 1551113065 (2019-02-25): sign with the UTC date",
    })
  })

  it('checks the signature before reading the body: an unreadable one is named only to a signed call', async () => {
    const s = createMockService({ credentials: [{ secretId, secretKey }], rateLimit: false })
    const answer = async (request: Request) => (await envelope((await s.handle(request)) as Response)).Error
    const unsigned = await tc3Post('{"InstanceId":', { secretKey: 'wrong' })
    unsigned.headers.delete('Authorization')
    expect(await answer(unsigned)).toMatchObject({ Code: 'AuthFailure.InvalidAuthorization' })
    expect(await answer(await tc3Post('{"InstanceId":', { secretKey: 'wrong' }))).toMatchObject({
      Code: 'AuthFailure.SignatureFailure',
    })
    expect(
      await answer(await tc3Post('{"InstanceId":', { contentType: 'text/plain', secretId: 'AKIDNOPE' })),
    ).toMatchObject({
      Code: 'AuthFailure.SecretIdNotFound',
    })
    expect(await answer(await tc3Post('{"InstanceId":'))).toEqual({
      Code: 'InvalidParameter',
      Message: 'the request body is not valid JSON',
    })
    expect(await answer(await tc3Post('{}', { contentType: 'text/plain' }))).toEqual({
      Code: 'InvalidParameter',
      Message: 'Content-Type text/plain is not supported; send application/json',
    })
  })

  it('refuses them with the other Content-Type, another body byte, or past the 5-minute window', async () => {
    const s = service()
    const code = async (request: Request) => codeOf((await s.handle(request)) as Response)
    expect(await code(vectorRequest('application/json', jsonCharset))).toBe('AuthFailure.SignatureFailure')
    expect(await code(vectorRequest('application/json; charset=utf-8', json))).toBe(
      'AuthFailure.SignatureFailure',
    )
    const changed = new Request(vectorRequest('application/json', json), {
      body: vectorBody.replace('20', '21'),
    })
    expect(await code(changed)).toBe('AuthFailure.SignatureFailure')
    const late = createMockService({
      credentials: [{ secretId, secretKey }],
      clock: createMockClock(vectorTime * 1000 + 301_000),
    })
    expect(await codeOf((await late.handle(vectorRequest('application/json', json))) as Response)).toBe(
      'AuthFailure.SignatureExpire',
    )
  })

  it('accepts the host signed with its port (Go and Python SDKs) or without it (Node SDK)', async () => {
    const s = createMockService({ credentials: [{ secretId, secretKey }], rateLimit: false })
    const url = 'http://127.0.0.1:4010/'
    for (const signedHost of ['127.0.0.1', '127.0.0.1:4010']) {
      const post = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url, signedHost })
      expect(await codeOf((await s.handle(post)) as Response), signedHost).toBeUndefined()
      const get = await tc3Get('InstanceId=crs-5a4py64p&Status.0=2', { url, signedHost })
      expect(await codeOf((await s.handle(get)) as Response), signedHost).toBeUndefined()
    }
    const other = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url, signedHost: '127.0.0.1:4011' })
    expect(await codeOf((await s.handle(other)) as Response)).toBe('AuthFailure.SignatureFailure')
  })

  it('accepts the fixed path / (or the real one) when the mock is mounted under a path', async () => {
    const s = createMockService({ credentials: [{ secretId, secretKey }], rateLimit: false })
    const url = 'https://gateway.internal/tencent'
    // signTc3 signs the API 3.0 path `/` whatever the URL's path is.
    expect(
      await codeOf((await s.handle(await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url }))) as Response),
    ).toBe(undefined)
    for (const signedPath of ['/', '/tencent']) {
      const request = v1Request({ InstanceId: 'crs-5a4py64p' }, { url, signedPath })
      expect(await codeOf((await s.handle(request)) as Response), signedPath).toBeUndefined()
    }
  })
})

describe('v1 verification', () => {
  const s = createMockService({ credentials: [{ secretId, secretKey }], rateLimit: false })
  const code = async (request: Request) => codeOf((await s.handle(request)) as Response)
  const url = 'http://127.0.0.1:4010/'

  it('accepts the host as sent or without its port, and refuses another host', async () => {
    for (const signedHost of ['127.0.0.1:4010', '127.0.0.1']) {
      for (const signatureMethod of ['HmacSHA1', 'HmacSHA256'] as const) {
        const request = v1Request({ InstanceId: 'crs-5a4py64p' }, { url, signedHost, signatureMethod })
        expect(await code(request), `${signedHost} ${signatureMethod}`).toBeUndefined()
      }
    }
    expect(await code(v1Request({ InstanceId: 'crs-5a4py64p' }, { url, signedHost: 'example.com' }))).toBe(
      'AuthFailure.SignatureFailure',
    )
  })

  it('refuses a changed parameter, an unknown method, and a missing Nonce or Signature', async () => {
    const good = v1Request({ InstanceId: 'crs-5a4py64p', Limit: 5 }, { url })
    const tampered = new Request(good.url.replace('Limit=5', 'Limit=6'))
    expect(await code(tampered)).toBe('AuthFailure.SignatureFailure')
    const md5 = new Request(`${good.url}&SignatureMethod=HmacMD5`)
    expect(await code(md5)).toBe('AuthFailure.InvalidAuthorization')
    expect(await code(new Request(good.url.replace(/&?Nonce=\d+/, '')))).toBe('MissingParameter')
    expect(await code(new Request(good.url.replace(/&?Signature=[^&]+/, '')))).toBe(
      'AuthFailure.InvalidAuthorization',
    )
  })

  it('refuses a Nonce that is not a positive integer as InvalidParameterValue, as a malformed Timestamp', async () => {
    // Signed with the bad Nonce, so the refusal is the Nonce's and not the signature's.
    for (const [nonce, shown] of [
      ['abc', '"abc"'],
      ['-5', '"-5"'],
      ['1.5', '"1.5"'],
      ['1e3', '"1e3"'],
      [' 7', '" 7"'],
      ['0x10', '"0x10"'],
      [`1${'x'.repeat(50)}`, `"1${'x'.repeat(39)}..."`],
    ] as const) {
      const r = await envelope(
        (await s.handle(v1Request({ InstanceId: 'crs-5a4py64p' }, { url, nonce }))) as Response,
      )
      expect(r.Error, nonce).toEqual({
        Code: 'InvalidParameterValue',
        Message: `Nonce must be a random positive integer, got ${shown}`,
      })
    }
    // What the SDKs draw: Node's Math.round(Math.random() * 65535) (0 included), Python's and Go's up to 2^63 - 1.
    for (const nonce of [0, 1, 65535, '9223372036854775807'])
      expect(
        await code(v1Request({ InstanceId: 'crs-5a4py64p' }, { url, nonce })),
        String(nonce),
      ).toBeUndefined()
  })
})

describe('temporary credentials', () => {
  const s = createMockService({
    credentials: [{ secretId, secretKey, token: 'TOKEN1' }],
    rateLimit: false,
  })
  const code = async (request: Request) => codeOf((await s.handle(request)) as Response)

  it('require the token of the key pair', async () => {
    expect(await code(await tc3Post({ InstanceId: 'crs-5a4py64p' }, { token: 'TOKEN1' }))).toBeUndefined()
    expect(await code(await tc3Post({ InstanceId: 'crs-5a4py64p' }, { token: 'TOKEN2' }))).toBe(
      'AuthFailure.TokenFailure',
    )
    expect(await code(await tc3Post({ InstanceId: 'crs-5a4py64p' }))).toBe('AuthFailure.TokenFailure')
  })
})
