import { fetchTransport } from '../fetch-transport.ts'
import type { Transport } from '../transport.ts'

/** Browsers, edge runtimes, Deno, Bun: the global fetch (no Node built-in reaches a browser bundle). */
export const defaultTransport: Transport = fetchTransport(() => globalThis.fetch)

/** The platform's fetch applies its own proxy settings: the `proxy` option is the Node transport's. */
export const transportFor = (_origin: string, _proxy?: string | false): Transport => defaultTransport
