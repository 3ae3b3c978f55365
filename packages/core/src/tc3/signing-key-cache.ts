/** The cache key of a derived signing key. */
export const keyId = (secretKey: string, date: string, service: string) => `${date}\n${service}\n${secretKey}`

/**
 * A Map used as a least-recently-used cache: the value under `id`, or `derive()`'s result stored for next
 * time; beyond `maxEntries` the least recently used entry goes.
 */
export function lruGet<V>(entries: Map<string, V>, maxEntries: number, id: string, derive: () => V): V {
  const found = entries.has(id)
  const value = found ? (entries.get(id) as V) : derive()
  // Re-inserting marks the entry most recently used (Map keeps insertion order); a lone entry already is.
  if (found && entries.size === 1) return value
  entries.delete(id)
  entries.set(id, value)
  if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
  return value
}

export const checkCacheSize = (maxEntries: number) => {
  if (!(maxEntries >= 1)) throw new RangeError(`a signing-key cache needs a size >= 1, got ${maxEntries}`)
}

/**
 * Derived signing keys by (secret key, UTC date, service). A key is valid for one day, so a
 * long-running process meets a new date daily and may rotate secrets: entries beyond `maxEntries`
 * are evicted least recently used first, keeping the cache bounded however long it runs.
 */
export class SigningKeyCache<V> {
  readonly #entries = new Map<string, V>()
  readonly #maxEntries: number

  constructor(maxEntries = 32) {
    checkCacheSize(maxEntries)
    this.#maxEntries = maxEntries
  }

  get size(): number {
    return this.#entries.size
  }

  /** The cached value, or `derive()`'s result stored for next time. */
  get(secretKey: string, date: string, service: string, derive: () => V): V {
    return lruGet(this.#entries, this.#maxEntries, keyId(secretKey, date, service), derive)
  }

  /** Forgets one entry, e.g. a WebCrypto derivation that rejected. */
  delete(secretKey: string, date: string, service: string): void {
    this.#entries.delete(keyId(secretKey, date, service))
  }

  clear(): void {
    this.#entries.clear()
  }
}
