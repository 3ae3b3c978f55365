import { ConfigurationError } from './errors.ts'

/**
 * Refuses an option `known` does not list: a `timeout` meant as `timeoutMs`, or a `retries`, would otherwise be
 * ignored without a word. A key set to undefined (an optional field of a spread config) counts as absent.
 */
export function knownOptions(where: string, options: object, known: readonly string[]): void {
  for (const [key, value] of Object.entries(options))
    if (value !== undefined && !known.includes(key))
      throw new ConfigurationError(`${where}: unknown option "${key}" (known: ${known.join(', ')})`)
}
