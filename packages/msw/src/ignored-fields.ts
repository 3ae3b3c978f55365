import type { FieldUse } from './action-implementations.ts'

/**
 * A check, per call, for request fields the mock validates but does not apply (`ignored` in the table): the
 * first call of a run that sends one gets a console warning, so a test relying on such a field learns why
 * the answer ignores it. Cheap when nothing is ignored: one empty list per action.
 */
export function ignoredFieldWarning(
  table: Readonly<Record<string, Readonly<Record<string, FieldUse>>>>,
  warn: (message: string) => void = console.warn,
): (action: string, input: unknown) => void {
  const ignored = new Map<string, string[]>()
  for (const [action, fields] of Object.entries(table))
    ignored.set(
      action,
      Object.keys(fields).filter((field) => fields[field] === 'ignored'),
    )
  const warned = new Set<string>()
  return (action, input) => {
    const fields = ignored.get(action)
    if (!fields?.length || typeof input !== 'object' || input === null) return
    for (const field of fields) {
      const key = `${action}.${field}`
      if ((input as Record<string, unknown>)[field] == null || warned.has(key)) continue
      warned.add(key)
      warn(
        `[crs-kit/msw] ${action}: the mock checks ${field} but does not apply it; its answers are as if ${field} were absent`,
      )
    }
  }
}
