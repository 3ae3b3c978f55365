import { NetworkError } from './errors.ts'
import type { FetchLike } from './redis-client-options.ts'
import { NOT_SENT_CODES, systemCode, type Transport } from './transport.ts'

/** A transport over any fetch implementation (browsers, edge runtimes, or the `fetch` option). */
export function fetchTransport(fetchImpl: () => FetchLike): Transport {
  return async (request, signal) => {
    let response: Response
    try {
      // Resolved per call so that a fetch patched after the client was made (MSW, proxies) is honoured.
      response = await fetchImpl()(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal,
      })
    } catch (cause) {
      const code = systemCode(cause)
      // Browsers say only "Failed to fetch": without a code proving otherwise, assume the request may have arrived.
      throw new NetworkError(`request failed${code ? ` (${code})` : ''}`, {
        code,
        mayHaveReachedServer: code === undefined || !NOT_SENT_CODES.has(code),
        cause,
      })
    }
    let body: string
    try {
      body = await response.text()
    } catch (cause) {
      const code = systemCode(cause) ?? 'ECONNRESET'
      throw new NetworkError(`the response body was cut off (${code})`, {
        code,
        mayHaveReachedServer: true,
        cause,
      })
    }
    return { status: response.status, date: response.headers.get('date'), body }
  }
}
