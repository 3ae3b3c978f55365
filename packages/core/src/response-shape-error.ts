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

/**
 * A value as messages show it: `"5"`, `5`, `null`, `[1,2]`, `undefined`, and an instance of a class named by
 * it (`Date "2026-01-02T03:04:05.000Z"`, which would otherwise pass for a string); cut at 60 characters.
 */
export function preview(value: unknown): string {
  let text: string
  try {
    const name =
      typeof value === 'object'
        ? (value as { constructor?: { name?: unknown } } | null)?.constructor?.name
        : 0
    const kind = typeof name === 'string' && name !== 'Object' && name !== 'Array' ? `${name} ` : ''
    const json = typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : undefined
    text = kind + (json ?? (typeof value === 'bigint' ? `${value}n` : String(value)))
  } catch {
    // A BigInt inside, or a cycle.
    text = typeof value
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
