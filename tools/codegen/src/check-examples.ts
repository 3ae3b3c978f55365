import { checkInstance, pathText, type ValuePath } from './check-instance.ts'
import type { Schema } from './ir.ts'
import type { Json, Pointer } from './load-spec.ts'
import { isSchema } from './schema-utils.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/**
 * The first request and response example of an action against its request and response schema. Both are written
 * into the mock's fixtures and the client's @example docs, and an example the schema refuses used to surface only
 * in the mock's contract test, half a minute later and without a spec line: here it is one error per problem, at
 * the line of the offending value. (The examples' presence is checked by build-ir.)
 */
export function checkExamples(
  at: Pointer,
  op: { [key: string]: Json },
  action: string,
  schemas: Record<string, Schema>,
  fail: Fail,
) {
  // Only where the operation names the action's own schemas: otherwise build-ir reports that, and checking the
  // example against another action's schemas would bury it under errors that follow from it.
  const request = firstExample(op.requestBody, [...at, 'requestBody'])
  const requestSchema = names(request?.schema, `${action}Request`) ? schemas[`${action}Request`] : undefined
  if (request && isSchema(request.value) && requestSchema)
    checkInstance(
      request.value,
      requestSchema,
      schemas,
      report(request.at, `${action}: request example`, fail),
      {
        request: true,
      },
    )
  const ok = isSchema(op.responses) ? op.responses['200'] : undefined
  const response = firstExample(ok, [...at, 'responses', '200'])
  const variants =
    isSchema(response?.schema) && Array.isArray(response.schema.anyOf) ? response.schema.anyOf : []
  const responseSchema = variants.some((v) => names(v, `${action}Envelope`))
    ? schemas[`${action}Response`]
    : undefined
  // The example is an envelope { Response: ... }, as the service sends it; the schema is of what it wraps.
  const wrapped = response && isSchema(response.value) ? response.value.Response : undefined
  if (response && isSchema(wrapped) && responseSchema)
    checkInstance(
      wrapped,
      responseSchema,
      schemas,
      report([...response.at, 'Response'], `${action}: response example`, fail),
    )
}

/** The value of the first example of a request body or a response, as build-ir reads it, and where it is. */
function firstExample(
  owner: Json | undefined,
  at: Pointer,
): { value: Json; at: Pointer; schema?: Json } | undefined {
  const media = isSchema(owner) && isSchema(owner.content) ? owner.content['application/json'] : undefined
  const examples = isSchema(media) && isSchema(media.examples) ? media.examples : undefined
  const name = examples && Object.keys(examples)[0]
  const example = name !== undefined ? examples![name] : undefined
  if (!isSchema(example) || example.value === undefined) return undefined
  return {
    value: example.value,
    at: [...at, 'content', 'application/json', 'examples', name!, 'value'],
    schema: isSchema(media) ? media.schema : undefined,
  }
}

const report = (at: Pointer, subject: string, fail: Fail) => (path: ValuePath, text: string) =>
  fail([...at, ...path], 'example-value', `${subject}${path.length ? ` ${pathText(path)}` : ''} ${text}`)

const names = (schema: Json | undefined, name: string) =>
  isSchema(schema) && schema.$ref === `#/components/schemas/${name}`
