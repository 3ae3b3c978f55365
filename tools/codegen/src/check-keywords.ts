import type { Pointer } from './load-spec.ts'
import { supportedKeywords, unsupportedKeywords } from './schema-keywords.ts'
import type { Visit } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

const known = [...supportedKeywords]

/**
 * A visitor for walkSpec that refuses, in every schema of the document (request, response, item, parameter,
 * inline), a keyword nothing generated honours and a key that is no keyword at all: a `multipleOf` on a response
 * field or a misspelled `maximun` used to be accepted and then hold nowhere. `x-*` keys are extensions, checked by
 * check-extensions and check-vendor-extensions. The one composition the generator reads is the 200 response's
 * anyOf of the two envelopes; what that anyOf holds is build-ir's to check.
 */
export function keywordChecker(fail: Fail): Visit {
  return (node, at, place) => {
    if (place !== 'schema' && place !== 'property') return
    for (const key in node) {
      if (supportedKeywords.has(key) || key.startsWith('x-')) continue
      if (key === 'anyOf' && isEnvelopeChoice(at)) continue
      const instead = unsupportedKeywords.get(key)
      if (instead !== undefined) {
        fail(
          [...at, key],
          'unsupported-keyword',
          `${key} is not supported: the generated validators and readers would ignore it (expected ${instead})`,
        )
        continue
      }
      const guess = closest(key, known)
      fail(
        [...at, key],
        'unsupported-keyword',
        `${key} is not a schema keyword the generator reads (${guess ? `did you mean ${guess}? ` : ''}expected a keyword such as ${known.join(', ')}, or an x-* extension)`,
      )
    }
  }
}

/** The schema of an operation's 200 JSON response, where the success and the error envelope are told apart. */
const isEnvelopeChoice = (at: Pointer) =>
  at.length === 8 &&
  at[0] === 'paths' &&
  at[3] === 'responses' &&
  at[4] === '200' &&
  at[5] === 'content' &&
  at[6] === 'application/json' &&
  at[7] === 'schema'
