import { createHmac } from 'node:crypto'
import { signTc3 } from '@crs-kit/core'

// Builds requests the way Tencent's clients do, independently of the verifier under test.

export const secretId = 'AKIDEXAMPLE'
export const secretKey = 'SECRETEXAMPLE'
export const baseUrl = 'https://redis.tencentcloudapi.com/'

export interface CallOptions {
  action?: string
  version?: string
  region?: string
  /** Unix seconds; default the current time. */
  timestamp?: number
  secretId?: string
  secretKey?: string
  token?: string
  url?: string
  contentType?: string
  /** The host put in the string to sign; default the URL's hostname (no port, as the Node SDK signs). */
  signedHost?: string
  /** The path put in the string to sign (v1); default the URL's path. */
  signedPath?: string
}

const common = (o: CallOptions) => ({
  action: o.action ?? 'DescribeInstanceBackups',
  version: o.version ?? '2018-04-12',
  region: o.region ?? 'ap-guangzhou',
  timestamp: o.timestamp ?? Math.floor(Date.now() / 1000),
  url: new URL(o.url ?? baseUrl),
})

/** A TC3-signed POST with a JSON body (what @crs-kit/client and the official SDK send by default). */
export async function tc3Post(params: unknown, o: CallOptions = {}): Promise<Request> {
  const c = common(o)
  const body = typeof params === 'string' ? params : JSON.stringify(params)
  const contentType = o.contentType ?? 'application/json'
  const { authorization } = await signTc3({
    method: 'POST',
    host: o.signedHost ?? c.url.hostname,
    headers: { 'Content-Type': contentType },
    body,
    service: 'redis',
    timestamp: c.timestamp,
    secretId: o.secretId ?? secretId,
    secretKey: o.secretKey ?? secretKey,
  })
  const headers: Record<string, string> = {
    Authorization: authorization,
    'Content-Type': contentType,
    'X-TC-Action': c.action,
    'X-TC-Version': c.version,
    'X-TC-Region': c.region,
    'X-TC-Timestamp': String(c.timestamp),
  }
  if (o.token) headers['X-TC-Token'] = o.token
  return new Request(c.url, { method: 'POST', headers, body })
}

/** A TC3-signed GET with the parameters in the query string (`Status.0=2`). */
export async function tc3Get(query: string, o: CallOptions = {}): Promise<Request> {
  const c = common(o)
  const contentType = 'application/x-www-form-urlencoded'
  const { authorization } = await signTc3({
    method: 'GET',
    host: o.signedHost ?? c.url.hostname,
    query,
    headers: { 'Content-Type': contentType },
    service: 'redis',
    timestamp: c.timestamp,
    secretId: o.secretId ?? secretId,
    secretKey: o.secretKey ?? secretKey,
  })
  return new Request(`${c.url.origin}${c.url.pathname}?${query}`, {
    headers: {
      Authorization: authorization,
      'Content-Type': contentType,
      'X-TC-Action': c.action,
      'X-TC-Version': c.version,
      'X-TC-Region': c.region,
      'X-TC-Timestamp': String(c.timestamp),
    },
  })
}

/** A legacy v1 request: everything in the query (GET) or a form body (POST), signed with HmacSHA1/256. */
export function v1Request(
  params: Record<string, string | number>,
  o: CallOptions & {
    method?: 'GET' | 'POST'
    signatureMethod?: 'HmacSHA1' | 'HmacSHA256'
    nonce?: string | number
  } = {},
): Request {
  const c = common(o)
  const method = o.method ?? 'GET'
  const all: Record<string, string | number> = {
    ...params,
    Action: c.action,
    Version: c.version,
    Region: c.region,
    Timestamp: c.timestamp,
    Nonce: o.nonce ?? 11886,
    SecretId: o.secretId ?? secretId,
  }
  if (o.signatureMethod) all.SignatureMethod = o.signatureMethod
  const sorted = Object.keys(all).sort()
  const toSign = `${method}${o.signedHost ?? c.url.host}${o.signedPath ?? c.url.pathname}?${sorted.map((k) => `${k}=${all[k]}`).join('&')}`
  const hash = o.signatureMethod === 'HmacSHA256' ? 'sha256' : 'sha1'
  all.Signature = createHmac(hash, o.secretKey ?? secretKey)
    .update(toSign)
    .digest('base64')
  const form = new URLSearchParams(Object.entries(all).map(([k, v]) => [k, String(v)])).toString()
  if (method === 'GET') return new Request(`${c.url.origin}${c.url.pathname}?${form}`)
  return new Request(c.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  })
}

/** The `Response` object of a Tencent envelope. */
export async function envelope(response: Response): Promise<Record<string, unknown> & { RequestId: string }> {
  const json = (await response.json()) as { Response: Record<string, unknown> & { RequestId: string } }
  return json.Response
}

/** The error code of an envelope, or undefined for a success. */
export async function codeOf(response: Response): Promise<string | undefined> {
  const r = await envelope(response)
  return (r.Error as { Code?: string } | undefined)?.Code
}

/** An unsigned DescribeInstanceBackups of the seed instance, for handlers that check no signature. */
export function unsignedDescribe(): Promise<Response> {
  return fetch(baseUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeInstanceBackups',
      'X-TC-Version': '2018-04-12',
      'X-TC-Region': 'ap-guangzhou',
    },
    body: JSON.stringify({ InstanceId: 'crs-5a4py64p' }),
  })
}
