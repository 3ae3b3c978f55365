/** A refused control-plane request: its HTTP status and a message naming the mistake. */
export class AdminError extends Error {
  override readonly name = 'AdminError'
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

/** A 400 for input that does not have the expected shape. */
export const badInput = (message: string): AdminError => new AdminError(400, message)

/** A plain JSON object (not null, not an array), or a 400 naming `what`. */
export function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badInput(`${what} must be a JSON object, got ${describe(value)}`)
  return value as Record<string, unknown>
}

/** Refuses keys outside `allowed`, so a misspelt field is an error rather than silently ignored. */
export function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k))
  if (unknown.length > 0)
    throw badInput(
      `${what}: unknown ${unknown.length > 1 ? 'keys' : 'key'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed.join(', ')})`,
    )
}

/** A short description of a JSON value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 60)}...` : text
}
