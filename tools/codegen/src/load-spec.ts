import { isMap, isScalar, LineCounter, parseDocument, type YAMLError } from 'yaml'
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
function yamlMessage(error: YAMLError, text: string): string {
  const message = error.message.split('\n')[0] ?? error.message
  if (error.code === 'DUPLICATE_KEY') {
    // The error spans the key's first character only: read the key up to its colon.
    const key = (/^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(error.pos[0]))?.[0] ?? '')
      .trim()
      .slice(0, 80)
    return `the key ${JSON.stringify(key)} appears twice in one mapping (expected each key once: remove or rename one)`
  }
  const hint = Object.hasOwn(yamlHints, error.code) ? yamlHints[error.code] : undefined
  return hint ? `${message} (${hint})` : message
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
  const syntax = [...document.errors, ...document.warnings].sort((a, b) => a.pos[0] - b.pos[0])
  const problems = syntax.slice(0, 1).map((e) => {
    const { line, column } = at(e.pos[0])
    const more =
      syntax.length > 1 ? `; ${syntax.length - 1} more YAML error(s) after it may follow from this one` : ''
    return new SpecError(file, line, column, 'yaml-syntax', yamlMessage(e, text) + more)
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
