import { ConfigurationError } from '../errors.ts'
import { fetchTransport } from '../fetch-transport.ts'
import type { Transport } from '../transport.ts'

/** Browsers, edge runtimes, Deno, Bun: the global fetch (no Node built-in reaches a browser bundle). */
export const defaultTransport: Transport = fetchTransport(() => globalThis.fetch)

/** The platform's fetch applies its own proxy settings: the `proxy` option is the Node transport's. */
export const transportFor = (_origin: string, _proxy?: string | false): Transport => defaultTransport

/**
 * Signatures are WebCrypto's, which browsers give only to secure pages (https, localhost): on a plain-http page of
 * another host (a LAN address, a compose service name) `crypto.subtle` is missing, and a bare TypeError would hide why.
 */
export function assertCanSign(): void {
  if (!globalThis.crypto?.subtle)
    throw new ConfigurationError(
      'no crypto.subtle (WebCrypto) to sign with: browsers have it only on https and localhost pages',
    )
}
