/**
 * Derived signing keys by (secret key, UTC date, service). A key is valid for one day, so a
 * long-running process meets a new date daily and may rotate secrets: entries beyond `maxEntries`
 * are evicted least recently used first, keeping the cache bounded however long it runs.
 */
export class SigningKeyCache<V> {
  readonly #entries = new Map<string, V>()
  readonly #maxEntries: number

  constructor(maxEntries = 32) {
    if (!(maxEntries >= 1)) throw new RangeError('SigningKeyCache needs room for at least one entry')
    this.#maxEntries = maxEntries
  }

  get size(): number {
    return this.#entries.size
  }

  /** The cached value, or `derive()`'s result stored for next time. */
  get(secretKey: string, date: string, service: string, derive: () => V): V {
    const id = `${date}\n${service}\n${secretKey}`
    const hit = this.#entries.get(id)
    if (hit !== undefined) {
      // Re-inserting marks the entry most recently used (Map keeps insertion order).
      this.#entries.delete(id)
      this.#entries.set(id, hit)
      return hit
    }
    const value = derive()
    this.#entries.set(id, value)
    if (this.#entries.size > this.#maxEntries)
      this.#entries.delete(this.#entries.keys().next().value as string)
    return value
  }

  /** Forgets one entry, e.g. a WebCrypto derivation that rejected. */
  delete(secretKey: string, date: string, service: string): void {
    this.#entries.delete(`${date}\n${service}\n${secretKey}`)
  }

  clear(): void {
    this.#entries.clear()
  }
}
