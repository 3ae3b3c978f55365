import type { ActionName } from './generated/actions.gen.ts'
import { requestFields } from './generated/fields.gen.ts'

/**
 * The GET / form-urlencoded shape (`Limit=5&Status.0=2`) as a typed input. Values that do not convert
 * stay strings, so the validator reports them with the field's name instead of losing them.
 */
export function fromQueryParams(
  action: ActionName,
  params: Iterable<[string, string]>,
): Record<string, unknown> {
  const kinds: Readonly<Record<string, string>> = requestFields[action]
  const out: Record<string, unknown> = {}
  const lists = new Map<string, { index: number; value: unknown }[]>()
  for (const [rawKey, raw] of params) {
    const dot = rawKey.lastIndexOf('.')
    const base = dot > 0 ? rawKey.slice(0, dot) : rawKey
    const index = dot > 0 ? rawKey.slice(dot + 1) : ''
    // Own keys only: a parameter named `constructor` or `toString` is unknown, not Object's method.
    const kind = Object.hasOwn(kinds, base) ? kinds[base] : undefined
    if (kind?.endsWith('[]') && /^\d+$/.test(index)) {
      const list = lists.get(base) ?? []
      list.push({ index: Number(index), value: convert(kind.slice(0, -2), raw) })
      lists.set(base, list)
    } else {
      setOwn(out, rawKey, kind ? convert(kind, raw) : raw)
    }
  }
  for (const [key, list] of lists)
    setOwn(
      out,
      key,
      list.sort((a, b) => a.index - b.index).map((e) => e.value),
    )
  return out
}

/** Defines `key` as an own property even when it is `__proto__`, so the validator sees and reports it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * The reverse of fromQueryParams: arrays flatten to `Name.0`, `Name.1`, objects to `Name.Field` (as Tencent's
 * SDKs flatten them); undefined and null are left out at any depth.
 */
export function toQueryParams(input: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = []
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) for (const [i, item] of value.entries()) add(`${name}.${i}`, item)
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${name}.${k}`, v)
    else out.push([name, String(value)])
  }
  for (const [key, value] of Object.entries(input)) add(key, value)
  return out
}

function convert(kind: string, raw: string): unknown {
  // Plain decimal only: Number() would also read `0x10`, `1e1` and ` 5 `, which the service refuses.
  if (kind === 'integer') return /^-?\d+$/.test(raw) ? Number(raw) : raw
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw
  return raw
}
