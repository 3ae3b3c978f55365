import type { Json, Pointer } from './load-spec.ts'
import { isSchema } from './schema-utils.ts'

/** One entry of a media type's `examples`, read through its `$ref`s to components.examples. */
export interface MediaExample {
  /** Its key under `examples`. */
  name: string
  /** Where the entry is written (its key under `examples`). */
  at: Pointer
  /** Where its value is (or would be): beside the entry, or in the component its $refs lead to. */
  valueAt: Pointer
  /** The component its $refs end at, if any. */
  component?: string
  /** Whether the example it leads to has a `value` (an `externalValue` is not read). */
  hasValue: boolean
  value?: Json
  /** A $ref that names no example: check-refs reports it at its line, nothing more is said here. */
  unresolved?: true
  /** The names of a chain of $refs that comes back to itself, and where the $ref that closes it is. */
  loop?: { names: string[]; at: Pointer }
}

const prefix = '#/components/examples/'

/**
 * The examples of a media type object (`content.application/json`) in document order, each followed through
 * `$ref: '#/components/examples/Name'` (a chain of them too) to the example it stands for.
 */
export function mediaExamples(
  media: Json | undefined,
  mediaAt: Pointer,
  doc: { [key: string]: Json },
): MediaExample[] {
  const examples = isSchema(media) && isSchema(media.examples) ? media.examples : undefined
  if (!examples) return []
  const components =
    isSchema(doc.components) && isSchema(doc.components.examples) ? doc.components.examples : {}
  return Object.entries(examples).map(([name, entry]) => {
    const at = [...mediaAt, 'examples', name]
    let node = entry
    let where: Pointer = at
    let component: string | undefined
    const chain: string[] = []
    while (isSchema(node) && '$ref' in node) {
      const ref = node.$ref
      const target = typeof ref === 'string' && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined
      if (target === undefined || !Object.hasOwn(components, target))
        return { name, at, valueAt: where, hasValue: false, unresolved: true }
      if (chain.includes(target))
        return {
          name,
          at,
          valueAt: where,
          hasValue: false,
          loop: { names: [...chain, target], at: [...where, '$ref'] },
        }
      chain.push(target)
      component = target
      node = components[target]!
      where = ['components', 'examples', target]
    }
    const hasValue = isSchema(node) && 'value' in node
    const value = hasValue ? (node as { value: Json }).value : undefined
    return { name, at, valueAt: [...where, 'value'], component, hasValue, value }
  })
}
