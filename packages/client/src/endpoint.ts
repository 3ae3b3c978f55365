import { hostForRegion } from '@crs-kit/core'
import { ConfigurationError } from './errors.ts'

export interface Endpoint {
  /** Where requests go: `https://redis.tencentcloudapi.com`. */
  origin: string
  /** The host that is signed: the hostname without a port, as Tencent's own SDKs sign it. */
  signedHost: string
}

/** The region's host (financial regions on their own), or the `endpoint` option checked as a full origin. */
export function resolveEndpoint(region: string, endpoint?: string, intl?: boolean): Endpoint {
  let url: URL | undefined
  try {
    url = new URL(endpoint ?? `https://${hostForRegion(region, { intl: intl === true })}`)
  } catch {}
  // Every action is POST / on the host: a path, query or fragment would be silently dropped, so refuse it.
  // The value is not echoed: it may hold credentials.
  if (!url || !/^https?:$/.test(url.protocol) || url.href !== `${url.origin}/`)
    throw new ConfigurationError(
      'endpoint must be an http(s) origin without path, query or credentials, e.g. http://127.0.0.1:4010',
    )
  return { origin: url.origin, signedHost: url.hostname }
}
