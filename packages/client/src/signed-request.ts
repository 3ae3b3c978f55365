import { type ActionName, service, signTc3 } from '@crs-kit/core'
import type { Endpoint } from './endpoint.ts'
import type { Credentials, Language } from './redis-client-options.ts'
import type { HttpRequest } from './transport.ts'

export interface SignedRequestInit {
  action: ActionName
  region: string
  language: Language | undefined
  endpoint: Endpoint
  credentials: Credentials
  /** Unix seconds, already corrected for clock skew. */
  timestamp: number
  /** The JSON text sent: the signature covers exactly these bytes. */
  body: string
  fresh: boolean
}

// Exactly what is sent: a charset appended after signing would break the signature.
const CONTENT_TYPE = 'application/json'

/**
 * A signed `POST /` carrying the action in X-TC-* headers. Signs content-type, host and
 * x-tc-action, so a captured signature cannot be replayed against another action.
 */
export async function signedRequest(init: SignedRequestInit): Promise<HttpRequest> {
  const { action, credentials, timestamp } = init
  const signed = { 'Content-Type': CONTENT_TYPE, 'X-TC-Action': action }
  const { authorization } = await signTc3({
    host: init.endpoint.signedHost,
    service: service.name,
    headers: signed,
    body: init.body,
    timestamp,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
  })
  const headers: Record<string, string> = {
    ...signed,
    'X-TC-Version': service.version,
    'X-TC-Region': init.region,
    'X-TC-Timestamp': String(timestamp),
    Authorization: authorization,
  }
  if (credentials.token) headers['X-TC-Token'] = credentials.token
  if (init.language) headers['X-TC-Language'] = init.language
  return { url: `${init.endpoint.origin}/`, headers, body: init.body, fresh: init.fresh }
}
