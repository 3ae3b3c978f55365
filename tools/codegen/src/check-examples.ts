import { crossFieldChecker } from './check-cross-field.ts'
import { checkInstance, pathText, type ValuePath } from './check-instance.ts'
import type { Schema } from './ir.ts'
import type { Json, Pointer } from './load-spec.ts'
import { type MediaExample, mediaExamples } from './media-examples.ts'
import { isSchema } from './schema-utils.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/**
 * Every request and response example of an action against the schemas, those reached through components.examples
 * included: the first of each is written into the mock's fixtures and the client's @example docs, and the others
 * are read by people (docs, other teams' fixtures). A request example is read as the request validator reads a
 * request; a response example as the client reads an envelope: `{ Response: { Error, RequestId } }` is an error,
 * held to ErrorEnvelope, anything else a success, whose `Response` is held to `<Action>Response`. A request
 * example also meets the cross-field keywords (x-tc-multiple-of, ...) as core's validator applies them: the client
 * would refuse it. One error per problem, at the line of the offending value. (That the first of each exists is
 * checked by build-ir.)
 */
export function exampleChecker(
  doc: { [key: string]: Json },
  schemas: Record<string, Schema>,
  fail: Fail,
): (at: Pointer, op: { [key: string]: Json }, action: string, codes: readonly string[]) => void {
  const crossField = crossFieldChecker(schemas)
  return (at, op, action, codes) => checkExamples(at, op, action, codes, doc, schemas, crossField, fail)
}

function checkExamples(
  at: Pointer,
  op: { [key: string]: Json },
  action: string,
  codes: readonly string[],
  doc: { [key: string]: Json },
  schemas: Record<string, Schema>,
  crossField: ReturnType<typeof crossFieldChecker>,
  fail: Fail,
) {
  // Only where the operation names the action's own schemas: otherwise build-ir reports that, and checking the
  // examples against another action's schemas would bury it under errors that follow from it.
  const bodyAt = [...at, 'requestBody', 'content', 'application/json']
  const body = jsonMedia(op.requestBody)
  const requestSchema = names(body?.schema, `${action}Request`) ? schemas[`${action}Request`] : undefined
  for (const [i, example] of mediaExamples(body, bodyAt, doc).entries()) {
    const subject = `${action}: request example ${label(example)}`
    if (!readable(example, i, subject, fail) || (i === 0 && !isSchema(example.value))) continue
    if (!requestSchema) continue
    checkInstance(example.value!, requestSchema, schemas, report(example.valueAt, subject, fail), {
      request: true,
    })
    for (const issue of crossField(`${action}Request`, example.value!))
      fail(
        [...example.valueAt, ...issue.path],
        'example-value',
        `${subject}: ${issue.message} (expected an example the request validator accepts: ${issue.path.at(-1)} has ${issue.keywords})`,
      )
  }
  const okAt = [...at, 'responses', '200', 'content', 'application/json']
  const ok = jsonMedia(isSchema(op.responses) ? op.responses['200'] : undefined)
  const variants = isSchema(ok?.schema) && Array.isArray(ok.schema.anyOf) ? ok.schema.anyOf : []
  const successSchema = variants.some((v) => names(v, `${action}Envelope`))
    ? schemas[`${action}Response`]
    : undefined
  const errorSchema = variants.some((v) => names(v, 'ErrorEnvelope')) ? schemas.ErrorEnvelope : undefined
  for (const [i, example] of mediaExamples(ok, okAt, doc).entries()) {
    const subject = `${action}: response example ${label(example)}`
    if (!readable(example, i, subject, fail)) continue
    const envelope = example.value
    const wrapped = isSchema(envelope) ? envelope.Response : undefined
    if (!isSchema(wrapped)) {
      // A first example without a Response is reported by build-ir: the action has no response example.
      if (i > 0)
        fail(
          example.valueAt,
          'example-value',
          `${subject} is not an envelope (expected { Response: { ... } }, as the service sends it)`,
        )
      continue
    }
    // As the client reads it, a Response holding an Error is the service's error, whatever else it holds; one
    // whose Error is malformed is held to the error envelope, not misread as a success lacking its fields.
    if ('Error' in wrapped) {
      if (i === 0)
        fail(
          example.at,
          'examples',
          `${action}: the first response example, ${JSON.stringify(example.name)}, is an error envelope (expected a success { Response: { ..., RequestId } } first: the mock answers with the first example; put the error envelope after a success)`,
        )
      if (errorSchema)
        checkInstance(
          envelope!,
          errorSchema,
          schemas,
          report(example.valueAt, `${subject} (an error envelope)`, fail),
        )
      // The client types the code from these: an example with another would show an answer no app expects.
      const code = isSchema(wrapped.Error) ? wrapped.Error.Code : undefined
      if (typeof code === 'string' && !codes.includes(code))
        fail(
          [...example.valueAt, 'Response', 'Error', 'Code'],
          'example-value',
          `${subject} (an error envelope): Response.Error.Code ${JSON.stringify(code)} is not one of ${action}'s error codes (expected a code of x-tc-errors or of the common errors, or the code added to the action's x-tc-errors)`,
        )
    } else if (successSchema)
      checkInstance(wrapped, successSchema, schemas, report([...example.valueAt, 'Response'], subject, fail))
  }
  checkOtherResponses(at, op, action, doc, schemas, fail)
}

/**
 * The examples of the responses besides 200 (a gateway's 502, say: documentation, since the service answers
 * everything with 200) against their own schemas, as they are written: nothing reads them as envelopes.
 */
function checkOtherResponses(
  at: Pointer,
  op: { [key: string]: Json },
  action: string,
  doc: { [key: string]: Json },
  schemas: Record<string, Schema>,
  fail: Fail,
) {
  if (!isSchema(op.responses)) return
  for (const [status, response] of Object.entries(op.responses)) {
    const media = status === '200' ? undefined : jsonMedia(response)
    if (!media || !isSchema(media.schema)) continue
    const mediaAt = [...at, 'responses', status, 'content', 'application/json']
    for (const [i, example] of mediaExamples(media, mediaAt, doc).entries()) {
      const subject = `${action}: ${status} response example ${label(example)}`
      // A first example without a value is reported only for 200; here every one is read alike.
      if (readable(example, i + 1, subject, fail))
        checkInstance(example.value!, media.schema, schemas, report(example.valueAt, subject, fail))
    }
  }
}

/** The application/json media type object of a request body or a response. */
function jsonMedia(owner: Json | undefined): { [key: string]: Json } | undefined {
  const media = isSchema(owner) && isSchema(owner.content) ? owner.content['application/json'] : undefined
  return isSchema(media) ? media : undefined
}

/** `"name"`, and the component it is read from. */
const label = (example: MediaExample) =>
  `${JSON.stringify(example.name)}${example.component !== undefined ? ` (components.examples.${example.component})` : ''}`

/** Whether the example leads to a value to check; says why not when it does not and nobody else does. */
function readable(example: MediaExample, index: number, subject: string, fail: Fail): boolean {
  if (example.loop) {
    fail(
      example.loop.at,
      'ref-resolves',
      `${subject} never reaches a value: its $refs go round ${example.loop.names.join(' -> ')} (expected a chain that ends at an example with a value)`,
    )
    return false
  }
  // A $ref to no example is reported by check-refs, and a first example without a value by build-ir.
  if (example.unresolved || (index === 0 && !example.hasValue)) return false
  if (!example.hasValue)
    fail(
      example.at,
      'examples',
      `${subject} has no value (expected value: the example itself; externalValue is not read, the generator reads one file)`,
    )
  return example.hasValue
}

const report = (at: Pointer, subject: string, fail: Fail) => (path: ValuePath, text: string) =>
  fail([...at, ...path], 'example-value', `${subject}${path.length ? `: ${pathText(path)}` : ''} ${text}`)

const names = (schema: Json | undefined, name: string) =>
  isSchema(schema) && schema.$ref === `#/components/schemas/${name}`
