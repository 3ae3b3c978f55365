import { type Document, isAlias, isNode, visit } from 'yaml'

/**
 * The aliases of a document that cannot become plain data, with the offset of each: one whose anchor is not set
 * before it (the yaml package throws a bare ReferenceError for it in toJS), and one inside the node its anchor
 * names (toJS builds a cycle that every later walk of the spec would follow forever).
 */
export function badAliases(document: Document): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = []
  const anchors = new Set<string>()
  visit(document, (_key, node, path) => {
    if (isNode(node) && node.anchor) anchors.add(node.anchor)
    if (!isAlias(node)) return
    const offset = node.range?.[0] ?? 0
    if (!anchors.has(node.source))
      problems.push({
        offset,
        message: `the alias *${node.source} names no anchor (expected &${node.source} on a node before it)`,
      })
    else if (path.some((parent) => isNode(parent) && parent.anchor === node.source))
      problems.push({
        offset,
        message: `the alias *${node.source} is inside the node &${node.source} names (expected a reference to a node it is not part of: the data would contain itself)`,
      })
  })
  return problems
}
