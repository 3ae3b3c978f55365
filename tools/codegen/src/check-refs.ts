import { described } from './extension-types.ts'
import type { Json, Pointer } from './load-spec.ts'
import type { JsonObject, Place, Visit } from './spec-walk.ts'
import { closest } from './suggest.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

// What a $ref may point to at each place, as OpenAPI allows it. openapi-typescript resolves every $ref itself and
// crashes with a stack trace on one it cannot follow, so all of them are checked before it runs.
const targets: Partial<Record<Place, { section: string; what: string }>> = {
  schema: { section: 'schemas', what: 'a schema' },
  property: { section: 'schemas', what: 'a schema' },
  parameter: { section: 'parameters', what: 'a parameter' },
  'request-body': { section: 'requestBodies', what: 'a request body' },
  response: { section: 'responses', what: 'a response' },
  example: { section: 'examples', what: 'an example' },
  header: { section: 'headers', what: 'a header' },
  'path-item': { section: 'pathItems', what: 'a path item' },
}

/** A visitor for walkSpec that checks that every `$ref` of the document resolves, to the right kind of object. */
export function refChecker(doc: JsonObject, fail: Fail): Visit {
  const components = isObject(doc.components) ? doc.components : {}
  return (node, at, place) => {
    if (!('$ref' in node)) return
    const ref = node.$ref
    const where = [...at, '$ref']
    const target = targets[place]
    const example = target ? `'#/components/${target.section}/Name'` : `'#/components/...'`
    if (typeof ref !== 'string')
      return fail(where, 'ref-resolves', `$ref is ${described(ref ?? null)} (expected ${example})`)
    if (!ref.startsWith('#'))
      return fail(
        where,
        'ref-resolves',
        `${ref} points into another file (expected a reference into this one, ${example}: the generator reads one file)`,
      )
    if (ref !== '#' && !ref.startsWith('#/'))
      return fail(
        where,
        'ref-resolves',
        `${ref} is not a JSON pointer (expected ${example}; anchors are not followed)`,
      )
    if (target) {
      const prefix = `#/components/${target.section}/`
      // Taken as written, not decoded, as the emitters' refTarget takes it: a name must be spelled plainly.
      const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined
      if (!name || name.includes('/'))
        return fail(where, 'ref-resolves', `${ref} is not ${target.what} (expected ${example})`)
      const section = components[target.section]
      const known = isObject(section) ? section : {}
      if (!Object.hasOwn(known, name)) {
        const names = Object.keys(known)
        const guess = closest(name, names)
        const hint = guess
          ? `did you mean ${guess}?`
          : names.length
            ? `expected one of ${names.join(', ')}`
            : `expected ${target.what} defined under components.${target.section}, which has none`
        fail(
          where,
          'ref-resolves',
          `${ref} does not resolve (no components.${target.section}.${name}; ${hint})`,
        )
      } else if (target.section === 'schemas' && at.length === 3 && at[1] === 'schemas') {
        // A named schema that is only a $ref: its chain must end at a schema, not come back to it.
        const self = String(at[2])
        const chain = [self]
        for (let step: string | undefined = name; step !== undefined && !chain.slice(1).includes(step); ) {
          chain.push(step)
          if (step === self) {
            fail(
              where,
              'ref-resolves',
              `${ref} loops back: ${chain.join(' -> ')} (expected the $refs to end at a schema with a type)`,
            )
            break
          }
          const next: Json | undefined = known[step]
          const further: string = isObject(next) && typeof next.$ref === 'string' ? next.$ref : ''
          step = further.startsWith(prefix) ? further.slice(prefix.length) : undefined
        }
      }
      return
    }
    if (resolvePointer(doc, ref) === undefined)
      fail(
        where,
        'ref-resolves',
        `${ref} does not resolve (expected a JSON pointer to an object of this file)`,
      )
  }
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A JSON pointer segment as written in a URI fragment: percent-encoded, then ~1 for `/` and ~0 for `~`. */
function decode(segment: string): string {
  let text = segment
  try {
    text = decodeURIComponent(segment)
  } catch {
    // A lone % is kept as written: the lookup then fails and names it.
  }
  return text.replaceAll('~1', '/').replaceAll('~0', '~')
}

function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  if (ref === '#') return doc
  let node: Json | undefined = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = decode(raw)
    if (Array.isArray(node)) node = /^\d+$/.test(key) ? node[Number(key)] : undefined
    else node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined
    if (node === undefined) return undefined
  }
  return node
}
