import { ResponseShapeError } from './response-shape-error.ts'
import { isRecord, joinPath } from './validation.ts'

// Lenient readers used by the generated response readers. The service has sent numbers as strings
// (TaskId "6954227"), nulls for optional numbers, and new fields over time: accept all of that,
// keep what we do not know, and fail only where the contract's type cannot be recovered.

export type Read<T> = (value: unknown, path: string) => T

/**
 * A model's known fields: each one's reader and whether it must be there. `required`: present and not null;
 * `present`: present, null allowed (a required field whose type includes null); left out: optional.
 */
export type Fields = Readonly<Record<string, readonly [Read<unknown>, ('required' | 'present')?]>>

const fail = (path: string, expected: string, value: unknown): never => {
  throw new ResponseShapeError(path, expected, value)
}

export const readObject = (value: unknown, path: string): Record<string, unknown> =>
  isRecord(value) ? value : fail(path, 'an object', value)

export function readInteger(value: unknown, path: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  // Any integer, as a number or a numeric string alike: past 2^53 a string is rounded as JSON.parse rounds such a
  // number (the service's int64 TaskIds are far below it).
  return Number.isInteger(n) ? (n as number) : fail(path, 'an integer', value)
}

export const readNumber = (value: unknown, path: string): number =>
  Number.isFinite(value)
    ? (value as number)
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : fail(path, 'a number', value)

export const readString = (value: unknown, path: string): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fail(path, 'a string', value)

export const readBoolean = (value: unknown, path: string): boolean =>
  typeof value === 'boolean'
    ? value
    : value === 0 || value === 1 || value === 'true' || value === 'false'
      ? value === 1 || value === 'true'
      : fail(path, 'a boolean', value)

export const readArray = <T>(value: unknown, path: string, item: Read<T>): T[] =>
  Array.isArray(value) ? value.map((v, i) => item(v, joinPath(path, i))) : fail(path, 'an array', value)

// The field tables are generated constants: list each one's entries once, not on every response read.
const fieldEntries = new WeakMap<Fields, [string, Fields[string]][]>()
function entriesOf(fields: Fields): [string, Fields[string]][] {
  let entries = fieldEntries.get(fields)
  if (!entries) {
    entries = Object.entries(fields)
    fieldEntries.set(fields, entries)
  }
  return entries
}

/** Reads an object model: known fields through their readers, unknown ones kept as sent; null stays null. */
export function readFields(value: unknown, path: string, fields: Fields): Record<string, unknown> {
  const source = readObject(value, path)
  const out: Record<string, unknown> = { ...source }
  for (const [key, [read, presence]] of entriesOf(fields)) {
    const v = source[key]
    const at = joinPath(path, key)
    if (v != null) out[key] = read(v, at)
    else if (presence === 'required' || (presence && v === undefined)) fail(at, 'present', v)
    else if (v === null) out[key] = null
  }
  return out
}
