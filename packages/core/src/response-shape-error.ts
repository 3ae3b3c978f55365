/** A response field that is missing or of a type no lenient reading can turn into the contract's type. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError'
  /** Dotted path of the field, e.g. `BackupSet.0.Status`. */
  declare readonly path: string
  declare readonly expected: string
  constructor(path: string, expected: string, received: unknown) {
    super(`response field ${path || '(root)'} should be ${expected}, got ${preview(received)}`)
    this.path = path
    this.expected = expected
  }
}

/** A value as messages show it: `"5"`, `5`, `null`, `[1,2]`, `undefined`; cut at 60 characters. */
export function preview(value: unknown): string {
  let text: string
  try {
    const json = typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : undefined
    text = json ?? String(value)
  } catch {
    // A BigInt inside, or a cycle.
    text = typeof value
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
