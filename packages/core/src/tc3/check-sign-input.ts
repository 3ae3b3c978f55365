import { preview } from '../response-shape-error.ts'
import { entriesOf } from './canonical-request.ts'

// Printable ASCII without spaces: what a host, a SecretId, a service or a method can be. A space or a line break
// would be signed as given and then refused by the service (or by fetch, in a header) far from its cause.
const printable = /^[\x21-\x7e]+$/
// A header name as HTTP allows one (RFC 9110 token).
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

const refuse = (message: string): never => {
  throw new TypeError(`signTc3: ${message}`)
}

/** What a value is, for a message that must not show it (a secret). */
const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value)

// What a Uint8Array's own toStringTag getter answers: 'Uint8Array' for one of any realm, and, unlike
// Object.prototype.toString, nothing for an object that only names itself so. Looked up per call, not at load: a
// module-level lookup would stay in every bundle that imports core, signTc3 or not.
const isUint8Array = (value: unknown) =>
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get!.call(
    value,
  ) === 'Uint8Array'

function word(name: string, value: unknown, optional: boolean, secret = false): void {
  if (value === undefined && optional) return
  if (typeof value !== 'string' || !printable.test(value))
    refuse(
      `${name} must be a non-empty string of printable ASCII without spaces or line breaks, got ${
        typeof value === 'string' ? (secret ? 'a string that is not' : preview(value)) : kind(value)
      }`,
    )
}

type Pairs = [string, string | number][]

const lastSecondOf9999 = 253_402_300_799

/**
 * `pairs` (headers or query pairs) as name/value pairs whose values are strings or numbers, read once into an
 * array: an iterator (`headers.entries()`, a generator) can be read only once, and the signer reads what this
 * returns. Values are never shown (a token, a signature may be one).
 */
function checkPairs(name: string, pairs: unknown, names: RegExp | undefined): Pairs {
  const checked: Pairs = []
  if (pairs === undefined) return checked
  // A header line ('X-TC-Token: ...') in the wrong place holds a value: only its kind is shown.
  if (typeof pairs !== 'object' || pairs === null)
    refuse(`${name} must be an object, a Headers or [name, value] pairs, got ${kind(pairs)}`)
  let i = 0
  for (const pair of entriesOf(pairs as Record<string, unknown>)) {
    if (!Array.isArray(pair) || pair.length !== 2)
      refuse(
        `${name}[${i}] must be a [name, value] pair, got ${kind(pair)}${Array.isArray(pair) ? ` of ${pair.length}` : ''}`,
      )
    const [key, value] = pair as [unknown, unknown]
    if (typeof key !== 'string' || (names ? !names.test(key) : key === ''))
      refuse(
        `${name} has a name that is not ${names ? 'a header name' : 'a non-empty string'}: ${
          typeof key === 'string' && key.includes(':')
            ? 'one with a colon (a header line? give [name, value])'
            : preview(key)
        }`,
      )
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))))
      refuse(
        `${name} ${key} must be a string or a number, got ${typeof value === 'number' ? value : kind(value)}`,
      )
    if (names && /[\r\n]/.test(String(value))) refuse(`${name} ${key} has a line break`)
    checked.push([key as string, value as string | number])
    i++
  }
  return checked
}

/**
 * signTc3's input, checked before anything is signed: each field of the right type and usable in a request, so
 * that a mistake is an error naming the field rather than a signature the service refuses. Secrets are never
 * shown. The timestamp is checked first, before the headers and query are read (an iterator gives them once).
 */
export function checkSignInput(input: unknown): { headers: Pairs; query: string | Pairs } {
  if (typeof input !== 'object' || input === null)
    refuse(
      `takes { host, service, headers, body, timestamp, secretId, secretKey }, got ${input === null ? 'null' : typeof input}`,
    )
  const { timestamp, method, host, path, query, headers, body, service, secretId, secretKey } =
    input as Record<string, unknown>
  // Past 9999-12-31 the credential scope's date is no longer YYYY-MM-DD: a time in milliseconds lands there.
  if (
    !Number.isSafeInteger(timestamp) ||
    (timestamp as number) < 0 ||
    (timestamp as number) > lastSecondOf9999
  )
    refuse(
      `timestamp must be Unix seconds (a non-negative integer up to ${lastSecondOf9999}; milliseconds are too large), got ${preview(timestamp)}`,
    )
  word('host', host, false)
  word('secretId', secretId, false, true)
  if (typeof secretKey !== 'string' || secretKey === '')
    refuse(
      `secretKey must be a non-empty string, got ${typeof secretKey === 'string' ? 'an empty one' : kind(secretKey)}`,
    )
  word('service', service, true)
  word('method', method, true)
  if (path !== undefined && (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path)))
    refuse(`path must start with / and hold no spaces (default /), got ${preview(path)}`)
  // A Uint8Array of another realm (a vm context, an iframe) is one too, which instanceof would miss.
  if (!(body === undefined || typeof body === 'string' || isUint8Array(body)))
    refuse(`body must be the exact bytes sent, a string or a Uint8Array, got ${preview(body)}`)
  return {
    headers: checkPairs('headers', headers, headerName),
    query: typeof query === 'string' ? query : checkPairs('query', query, undefined),
  }
}
