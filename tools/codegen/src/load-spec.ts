import { type Document, isMap, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml'
import { SpecError, SpecErrors } from './spec-error.ts'
import { badAliases } from './yaml-aliases.ts'
import { mergeKeys } from './yaml-merge-keys.ts'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type Pointer = readonly (string | number)[]

export interface LoadedSpec {
  file: string
  doc: { [key: string]: Json }
  /** The line and column of the node at `pointer`, or of its nearest existing parent. */
  locate(pointer: Pointer): { line: number; column: number }
  error(pointer: Pointer, rule: string, detail: string): SpecError
}

const yamlHints: Readonly<Record<string, string>> = {
  BAD_INDENT: 'expected the line indented with spaces to the same column as the keys beside it',
  TAB_AS_INDENT: 'expected spaces: YAML does not indent with tabs',
  BLOCK_AS_IMPLICIT_KEY:
    "expected each key indented as far as the keys beside it, and a value holding ': ' quoted, e.g. summary: 'Make: a widget.'",
  MULTILINE_IMPLICIT_KEY: 'expected each key on one line, indented as far as the keys beside it',
}

/** The yaml package's message for `error`, naming a repeated key and saying what is expected. */
function yamlMessage(error: YAMLError, keys: ReadonlyMap<number, string>): string {
  const message = error.message.split('\n')[0] ?? error.message
  if (error.code === 'DUPLICATE_KEY') {
    const key = keys.get(error.pos[0]) ?? '?'
    const shown = JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)
    return `the key ${shown} appears twice in one mapping (expected each key once: remove or rename one)`
  }
  const hint = Object.hasOwn(yamlHints, error.code) ? yamlHints[error.code] : undefined
  return hint ? `${message} (${hint})` : message
}

/** Each scalar key of the document by its offset, as the yaml package read it (unquoted, colons kept). */
function keysByOffset(document: Document.Parsed): Map<number, string> {
  const keys = new Map<number, string>()
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range) keys.set(pair.key.range[0], String(pair.key.value))
    },
  })
  return keys
}

/** Parses YAML text strictly: syntax errors, duplicate keys and non-string keys all fail with a location. */
export function loadSpec(text: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  // One mistake in YAML (an indent, a tab) sets off a run of errors after it: report the first, with what to write.
  // A repeated key sets off nothing, so every one is reported.
  const syntax = [...document.errors, ...document.warnings].sort((a, b) => a.pos[0] - b.pos[0])
  const firstOther = syntax.find((e) => e.code !== 'DUPLICATE_KEY')
  const after = firstOther ? syntax.filter((e) => e !== firstOther && e.pos[0] >= firstOther.pos[0]) : []
  const keys = syntax.some((e) => e.code === 'DUPLICATE_KEY') ? keysByOffset(document) : new Map()
  const problems = syntax
    .filter((e) =>
      e.code === 'DUPLICATE_KEY' ? e.pos[0] < (firstOther?.pos[0] ?? Infinity) : e === firstOther,
    )
    .map((e) => {
      const { line, column } = at(e.pos[0])
      const more =
        e === firstOther && after.length > 0
          ? `; ${after.length} more YAML error(s) after it may follow from this one`
          : ''
      return new SpecError(file, line, column, 'yaml-syntax', yamlMessage(e, keys) + more)
    })
  for (const { offset, message } of badAliases(document)) {
    const { line, column } = at(offset)
    problems.push(new SpecError(file, line, column, 'yaml-alias', message))
  }
  for (const offset of mergeKeys(document)) {
    const { line, column } = at(offset)
    problems.push(
      new SpecError(
        file,
        line,
        column,
        'yaml-merge',
        'merge keys (<<) are not YAML 1.2 and are not merged (expected the keys written out, or a $ref to a shared schema in components)',
      ),
    )
  }
  if (problems.length > 0) throw new SpecErrors(problems)
  if (!isMap(document.contents))
    throw new SpecErrors([new SpecError(file, 1, 1, 'yaml-root', 'the spec must be a YAML mapping')])
  const locate = (pointer: Pointer) => {
    for (let n = pointer.length; n >= 0; n--) {
      // A mapping entry is located at its key: for a block value the value starts on a later line.
      const parent = n > 0 ? document.getIn(pointer.slice(0, n - 1), true) : undefined
      const pair = isMap(parent)
        ? parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(pointer[n - 1]))
        : undefined
      const keyRange = isScalar(pair?.key) ? pair.key.range : undefined
      if (keyRange) return at(keyRange[0])
      const node = document.getIn(pointer.slice(0, n), true)
      const range = (node as { range?: [number, number, number] } | undefined)?.range
      if (range && (isScalar(node) || typeof node === 'object')) return at(range[0])
    }
    return { line: 1, column: 1 }
  }
  let doc: { [key: string]: Json }
  try {
    doc = document.toJS({ maxAliasCount: 100 }) as { [key: string]: Json }
  } catch (error) {
    // What badAliases cannot foresee, such as aliases that expand past maxAliasCount: still a located error.
    throw new SpecErrors([
      new SpecError(file, 1, 1, 'yaml-alias', `${(error as Error).message} (expected plain data)`),
    ])
  }
  return {
    file,
    doc,
    locate,
    error(pointer, rule, detail) {
      const { line, column } = locate(pointer)
      return new SpecError(file, line, column, rule, detail)
    },
  }
}
