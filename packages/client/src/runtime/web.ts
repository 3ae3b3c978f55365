import { fetchTransport } from '../fetch-transport.ts'
import type { Transport } from '../transport.ts'

/** Browsers, edge runtimes, Deno, Bun: the global fetch (no Node built-in reaches a browser bundle). */
export const defaultTransport: Transport = fetchTransport(() => globalThis.fetch)
