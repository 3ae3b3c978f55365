import { type Document, isPair, isScalar, visit } from 'yaml'

/**
 * The offsets of the document's merge keys (a plain `<<`). YAML 1.2 has none: `<<` is read as a property named
 * "<<" holding the whole aliased node, which every later check would then misreport as misplaced keywords.
 */
export function mergeKeys(document: Document): number[] {
  const offsets: number[] = []
  visit(document, {
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN')
        offsets.push(pair.key.range?.[0] ?? 0)
    },
  })
  return offsets
}
