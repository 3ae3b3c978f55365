/**
 * A bad option's value as an error message shows it: a string quoted (so '5' and 5 differ), a list or an object
 * named as one (so [5] does not read as 5, and a key pair's secret is not printed), anything else as text.
 */
export const shown = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return 'an object'
  return String(value)
}
