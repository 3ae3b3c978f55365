import { type ActionName, apiVersion, serviceName, signTc3Post } from '@crs-kit/core'
import { assertCanSign } from '#runtime'
import type { CallContext } from './call-action.ts'
import type { Credentials } from './redis-client-options.ts'
import type { HttpRequest } from './transport.ts'

/**
 * A signed `POST /` carrying the action in X-TC-* headers, timestamped by the client's clock. Signs
 * content-type, host and x-tc-action, so a captured signature cannot be replayed against another action.
 * `body` is the JSON text sent: the signature covers exactly these bytes.
 */
export async function signedRequest(
  ctx: Pick<CallContext, 'region' | 'language' | 'endpoint' | 'clock'>,
  action: ActionName,
  credentials: Credentials,
  body: string,
  fresh: boolean,
): Promise<HttpRequest> {
  assertCanSign()
  const timestamp = ctx.clock.timestamp()
  // Exactly what is sent: a charset appended after signing would break the signature.
  const signed = { 'Content-Type': 'application/json', 'X-TC-Action': action }
  // The credentials' token is not signed: it is sent as X-TC-Token.
  const { authorization } = await signTc3Post({
    ...credentials,
    host: ctx.endpoint.signedHost,
    service: serviceName,
    headers: signed,
    body,
    timestamp,
  })
  const headers: Record<string, string> = {
    ...signed,
    'X-TC-Version': apiVersion,
    'X-TC-Region': ctx.region,
    'X-TC-Timestamp': String(timestamp),
    Authorization: authorization,
  }
  if (credentials.token) headers['X-TC-Token'] = credentials.token
  if (ctx.language) headers['X-TC-Language'] = ctx.language
  return { action, url: `${ctx.endpoint.origin}/`, headers, body, fresh }
}
