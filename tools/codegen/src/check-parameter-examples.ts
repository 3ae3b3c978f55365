import { checkInstance, pathText, type ValuePath } from './check-instance.ts'
import type { Schema } from './ir.ts'
import type { Pointer } from './load-spec.ts'
import { mediaExamples } from './media-examples.ts'
import { isSchema } from './schema-utils.ts'
import type { JsonObject, Visit } from './spec-walk.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/**
 * A visitor for walkSpec: the `example` and `examples` of a parameter or a header (the X-TC-* common parameters,
 * say) against its `schema`, as a schema's own examples are checked (check-constraints) and media examples are
 * (check-examples): people copy them into requests, and a Timestamp example that is not an integer would teach
 * them a call the service refuses. A $ref to components.examples is followed; what a broken one means is said by
 * check-refs and check-examples.
 */
export function parameterExampleChecker(doc: JsonObject, schemas: Record<string, Schema>, fail: Fail): Visit {
  return (node, at, place) => {
    if ((place !== 'parameter' && place !== 'header') || !isSchema(node.schema)) return
    const schema = node.schema
    const name = typeof node.name === 'string' ? node.name : pathText(at.slice(-1))
    const check = (value: JsonObject[string], valueAt: Pointer, label: string) =>
      checkInstance(value, schema, schemas, (path: ValuePath, text: string) =>
        fail(
          [...valueAt, ...path],
          'example-value',
          `${name}: ${label}${path.length ? `: ${pathText(path)}` : ''} ${text}`,
        ),
      )
    if ('example' in node) check(node.example!, [...at, 'example'], 'example')
    for (const example of mediaExamples(node, at, doc))
      if (example.hasValue) check(example.value!, example.valueAt, `example "${example.name}"`)
  }
}
