import type { Pointer } from './load-spec.ts'
import type { Visit } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/**
 * The x-* keys other than x-tc-* that the generator reads. Only x-description-ja (folded into every JSDoc by
 * core-types, and read on operations and error entries); openapi-typescript's x-enum-varnames and friends are read
 * only with its `enum` option, which the generator leaves off.
 */
const readExtensions = ['x-description-ja']

// Another language's description is an extension of its own, not a slip of x-description-ja (its distance to it
// is 2): left alone like any vendor extension. `jp` is the country, not the language: a slip.
const otherLanguage = /^x-description-(?!jp$)[a-z]{2}(-[A-Za-z]{2,4})?$/

/**
 * A visitor for walkSpec that refuses an x-* key close to one the generator reads: `x-descripton-ja` silently
 * dropped the Japanese text from the JSDoc. Vendor extensions in general (x-internal-note) stay allowed; x-tc-*
 * keys are checked by check-extensions.
 */
export function vendorExtensionChecker(fail: Fail): Visit {
  return (node, at) => {
    for (const key in node) {
      if (!key.startsWith('x-') || key.startsWith('x-tc-') || readExtensions.includes(key)) continue
      if (otherLanguage.test(key) && !key.startsWith('x-description-ja')) continue
      const guess = closest(key, readExtensions)
      if (guess)
        fail(
          [...at, key],
          'unknown-key',
          `${key} is not read by the generator (did you mean ${guess}? expected ${readExtensions.join(', ')} or a vendor extension not this close to one)`,
        )
    }
  }
}
