const idOf = (secretKey: string, date: string, service: string) => `${date}\n${service}\n${secretKey}`

/**
 * Derived signing keys by (secret key, UTC date, service). A key is valid for one day, so a
 * long-running process meets a new date daily and may rotate secrets: entries beyond `maxEntries`
 * are evicted least recently used first, keeping the cache bounded however long it runs.
 */
export class SigningKeyCache<V> {
  readonly #entries = new Map<string, V>()
  readonly #maxEntries: number

  constructor(maxEntries = 32) {
    if (!(maxEntries >= 1)) throw new RangeError('SigningKeyCache needs maxEntries >= 1')
    this.#maxEntries = maxEntries
  }

  get size(): number {
    return this.#entries.size
  }

  /** The cached value, or `derive()`'s result stored for next time. */
  get(secretKey: string, date: string, service: string, derive: () => V): V {
    const entries = this.#entries
    const id = idOf(secretKey, date, service)
    const value = entries.has(id) ? (entries.get(id) as V) : derive()
    // Re-inserting marks the entry most recently used (Map keeps insertion order).
    entries.delete(id)
    entries.set(id, value)
    if (entries.size > this.#maxEntries) entries.delete(entries.keys().next().value as string)
    return value
  }

  /** Forgets one entry, e.g. a WebCrypto derivation that rejected. */
  delete(secretKey: string, date: string, service: string): void {
    this.#entries.delete(idOf(secretKey, date, service))
  }

  clear(): void {
    this.#entries.clear()
  }
}
