import { preview } from '@crs-kit/core'
import { NetworkError } from './errors.ts'
import type { FetchLike } from './redis-client-options.ts'
import { NOT_SENT_CODES, systemCode, type Transport } from './transport.ts'

/** A transport over any fetch implementation (browsers, edge runtimes, or the `fetch` option). */
export function fetchTransport(fetchImpl: () => FetchLike): Transport {
  return async (request, signal) => {
    let response: Response | undefined
    let returned = false
    try {
      // Resolved per call so that a fetch patched after the client was made (MSW, proxies) is honoured.
      response = await fetchImpl()(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        // A redirect is answered, not followed: following one would send the call (a ManualBackupInstance,
        // its X-TC-Token) a second time, possibly to another origin. The 3xx is read as any non-envelope answer.
        redirect: 'manual',
        signal,
      })
      returned = true
      const { headers } = response
      return {
        status: response.status,
        date: headers.get('date'),
        retryAfter: headers.get('retry-after'),
        location: headers.get('location'),
        body: await response.text(),
      }
    } catch (cause) {
      // Once the headers are in, the request arrived: a failure now is a body cut off. Before, browsers say
      // only "Failed to fetch": without a code proving otherwise, assume the request may have arrived. A `fetch`
      // option that returned no Response (a wrapper without its `return`) was called, so the same holds.
      const notResponse = returned && !(response?.headers?.get && response.text)
      const code = notResponse ? undefined : (systemCode(cause) ?? (returned ? 'ECONNRESET' : undefined))
      const { action } = request
      throw new NetworkError(
        `${action}: ${
          notResponse
            ? `fetch returned ${preview(response)}, not a Response`
            : returned
              ? 'the response body was cut off'
              : 'request failed'
        }${code ? ` (${code})` : ''}`,
        { code, mayHaveReachedServer: returned || !NOT_SENT_CODES.has(code as string), action, cause },
      )
    }
  }
}
