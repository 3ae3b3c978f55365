/** Headers to sign: a plain object, a `Headers` instance or name/value pairs. */
export type Tc3Headers = Readonly<Record<string, string | number>> | Iterable<readonly [string, string]>

/** Query to sign: the raw query string as sent (with or without `?`) or pairs to encode in order. */
export type Tc3Query =
  | string
  | Readonly<Record<string, string | number>>
  | Iterable<readonly [string, string]>

export interface CanonicalHeaders {
  /** `name:value\n` per header, sorted by name. */
  canonical: string
  /** The lower-cased names joined by `;`, in the same order. */
  signed: string
}

/** The pairs of a plain object, or the iterable itself (a `Headers` instance, an array of pairs). */
export const entriesOf = <V>(source: Readonly<Record<string, V>> | Iterable<readonly [string, V]>) =>
  Symbol.iterator in source ? source : Object.entries(source)

/** Names and values lower-cased and trimmed, sorted by name; a repeated name keeps its last value. */
export function canonicalHeaders(headers: Tc3Headers): CanonicalHeaders {
  return canonicalPairs(entriesOf(headers))
}

/** canonicalHeaders on name/value pairs. */
export function canonicalPairs(pairs: Iterable<readonly [string, string | number]>): CanonicalHeaders {
  const byName = new Map<string, string>()
  for (const [name, value] of pairs) byName.set(name.trim().toLowerCase(), String(value).trim().toLowerCase())
  const names = [...byName.keys()].sort()
  return { canonical: names.map((name) => `${name}:${byName.get(name)}\n`).join(''), signed: names.join(';') }
}

// encodeURIComponent leaves !'()* alone; RFC 3986 (which Tencent signs) reserves them.
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** A string is signed verbatim (the bytes on the wire); pairs are RFC 3986 encoded in the given order. */
export function canonicalQueryString(query: Tc3Query | undefined): string {
  if (typeof query === 'string') return query.replace(/^\?/, '')
  return query
    ? Array.from(entriesOf(query), ([name, value]) => `${rfc3986(name)}=${rfc3986(String(value))}`).join('&')
    : ''
}

export interface CanonicalRequestParts {
  method: string
  path: string
  query: string
  headers: CanonicalHeaders
  bodySha256Hex: string
}

/** `Method\nPath\nQuery\nCanonicalHeaders\nSignedHeaders\nhex(SHA256(body))`. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return canonicalRequestWith(parts, parts.bodySha256Hex)
}

/** canonicalRequest with the body hash apart, so a signer does not copy its parts per request to add it. */
export function canonicalRequestWith(
  { method, path, query, headers }: Omit<CanonicalRequestParts, 'bodySha256Hex'>,
  bodySha256Hex: string,
): string {
  return `${method.toUpperCase()}\n${path}\n${query}\n${headers.canonical}\n${headers.signed}\n${bodySha256Hex}`
}
