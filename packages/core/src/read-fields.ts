import { ResponseShapeError } from './response-shape-error.ts'
import { isRecord, joinPath } from './validation.ts'

// Lenient readers used by the generated response readers. The service has sent numbers as strings
// (TaskId "6954227"), nulls for optional numbers, and new fields over time: accept all of that,
// keep what we do not know, and fail only where the contract's type cannot be recovered.

type Read<T> = (value: unknown, path: string) => T

export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (isRecord(value)) return value
  throw new ResponseShapeError(path, 'an object', value)
}

export function readInteger(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    const n = Number(value)
    if (Number.isSafeInteger(n)) return n
  }
  throw new ResponseShapeError(path, 'an integer', value)
}

export function readNumber(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  throw new ResponseShapeError(path, 'a number', value)
}

export function readString(value: unknown, path: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new ResponseShapeError(path, 'a string', value)
}

export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  if (value === 'true' || value === 'false') return value === 'true'
  throw new ResponseShapeError(path, 'a boolean', value)
}

export function readArray<T>(value: unknown, path: string, item: Read<T>): T[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(path, 'an array', value)
  return value.map((v, i) => item(v, joinPath(path, i)))
}

/** A required field: absent or null is a shape error. */
export function required<T>(source: Record<string, unknown>, key: string, path: string, read: Read<T>): T {
  const value = source[key]
  if (value === undefined || value === null)
    throw new ResponseShapeError(joinPath(path, key), 'present', value)
  return read(value, joinPath(path, key))
}

/** Writes `target[key]` only when the service sent it; null stays null so callers can tell it apart. */
export function optional<T>(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  key: string,
  path: string,
  read: Read<T>,
) {
  const value = source[key]
  if (value === undefined) return
  target[key] = value === null ? null : read(value, joinPath(path, key))
}
