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
      if (key === 'format') checkFormat(node, [...at, key], fail)
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

/** The formats the generated code knows, with the type each belongs to: tc-datetime is checked, the others document a width. */
const formats: Readonly<Record<string, string>> = {
  'tc-datetime': 'string',
  int64: 'integer',
  int32: 'integer',
}

/**
 * Refuses a format nothing checks (a `date-time` or `uuid` would be documented but never enforced, so a request
 * field would take any string) and a known format on a type it does not belong to.
 */
function checkFormat(node: Record<string, unknown>, at: Pointer, fail: Fail) {
  const { format, type } = node
  // Beside a $ref, the format would describe the referenced schema's values without its type in sight; with no
  // type at all, nothing says what it applies to.
  if (typeof node.$ref === 'string' || type === undefined) {
    fail(
      at,
      'unsupported-format',
      `format needs a type beside it (expected the format in the schema that has the type${typeof node.$ref === 'string' ? ', the one the $ref names' : ', e.g. type: string, format: tc-datetime'})`,
    )
    return
  }
  const belongs = typeof format === 'string' && Object.hasOwn(formats, format) ? formats[format] : undefined
  if (belongs === undefined) {
    fail(
      at,
      'unsupported-format',
      `format ${JSON.stringify(format)} is not one the generated code knows, so nothing would check it (expected tc-datetime on a string, a YYYY-MM-DD HH:mm:ss time in UTC+8 that the validators check; int64 or int32 on an integer; or a pattern for another string shape)`,
    )
    return
  }
  const types = Array.isArray(type) ? type : [type]
  if (!types.includes(belongs))
    fail(
      at,
      'unsupported-format',
      `format ${format} is for ${belongs} values, and this schema's type is ${JSON.stringify(type)} (expected type: ${belongs}, or no format)`,
    )
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
