/** A host and path a client may have put in its string to sign. */
export interface SignedLocation {
  readonly host: string
  readonly path: string
}

// The last URL asked about and its answer: crs-mock parses each distinct URL once, so calls to the same
// URL share one URL object.
let lastUrl: URL | undefined
let lastLocations: readonly SignedLocation[] = []

/**
 * Where a client may have said it sent the request. Tencent's Node SDK signs the host without its port
 * (TC3) or with it (v1); the Go and Python SDKs and hand-written signers sign the endpoint they were
 * given, port included. API 3.0 fixes the signed path to `/`, but a mock mounted under a path (the
 * `hosts` option) receives another one. Each candidate is tried, so every such client verifies while a
 * wrong key or a changed body still fails.
 */
export function signedLocations(url: URL): readonly SignedLocation[] {
  if (url !== lastUrl) {
    const hosts = [...new Set([url.hostname, url.host])]
    const paths = [...new Set(['/', url.pathname])]
    lastLocations = Object.freeze(hosts.flatMap((host) => paths.map((path) => Object.freeze({ host, path }))))
    lastUrl = url
  }
  return lastLocations
}
