import type { ActionName } from '@crs-kit/core'
import { ConfigurationError } from './errors.ts'
import { knownOptions } from './known-options.ts'

/** Per-call options of every generated method. */
export interface CallOptions {
  /** Aborts the call, including its retries and any wait for the rate limiter. */
  signal?: AbortSignal | undefined
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number | undefined
}

/** A call's options as given at runtime: null or undefined for none, else an object (a typo'd string is refused). */
export function callOptions(action: ActionName, options: CallOptions | null | undefined): CallOptions {
  if (options == null) return {}
  if (typeof options !== 'object')
    throw new ConfigurationError(
      `${action}: options must be an object such as { signal }, got ${typeof options}`,
    )
  knownOptions(action, options, ['signal', 'timeoutMs'])
  return options
}
