import { type ActionName, fromQueryParams } from '@crs-kit/core'

const baseName = (key: string) => (key.lastIndexOf('.') > 0 ? key.slice(0, key.lastIndexOf('.')) : key)

/**
 * The query/form pairs as the action's input (core's fromQueryParams), keeping names such as
 * `__proto__` or `constructor` out of plain-object lookups: they become own properties holding the raw
 * string, so the validator reports them as UnknownParameter instead of the lookup misbehaving.
 */
export function queryInput(action: ActionName, pairs: readonly [string, string][]): Record<string, unknown> {
  const inherited = (key: string) => baseName(key) in Object.prototype
  const input = fromQueryParams(
    action,
    pairs.filter(([k]) => !inherited(k)),
  )
  for (const [key, value] of pairs) {
    if (inherited(key))
      Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return input
}
