/** A bad option's value as an error message shows it: a string quoted (so '5' and 5 differ), anything else as text. */
export const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value)
