/** A response field that is missing or of a type no lenient reading can turn into the contract's type. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError'
  /** Dotted path of the field, e.g. `BackupSet.0.Status`. */
  readonly path: string
  readonly expected: string
  constructor(path: string, expected: string, received: unknown) {
    super(`response field ${path || '(root)'} should be ${expected}, got ${preview(received)}`)
    this.path = path
    this.expected = expected
  }
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
