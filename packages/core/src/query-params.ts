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
    const kind = kinds[base]
    if (kind?.endsWith('[]') && /^\d+$/.test(index)) {
      const list = lists.get(base) ?? []
      list.push({ index: Number(index), value: convert(kind.slice(0, -2), raw) })
      lists.set(base, list)
    } else {
      out[rawKey] = kind ? convert(kind, raw) : raw
    }
  }
  for (const [key, list] of lists) out[key] = list.sort((a, b) => a.index - b.index).map((e) => e.value)
  return out
}

/** The reverse of fromQueryParams: arrays flatten to `Name.0`, `Name.1`; undefined and null are left out. */
export function toQueryParams(input: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = []
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push([`${key}.${i}`, String(v)])
    else out.push([key, String(value)])
  }
  return out
}

function convert(kind: string, raw: string): unknown {
  if (kind === 'integer' || kind === 'number') {
    const n = Number(raw)
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw
  }
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw
  return raw
}
