import type { ActionName } from './generated/actions.gen.ts'
import { requestFields } from './generated/fields.gen.ts'

/**
 * The GET / form-urlencoded shape (`Limit=5&Status.0=2`, `Filters.0.Values.1=x`) as a typed input, nested
 * fields and lists rebuilt from the action's field table. Values that do not convert stay strings, and a
 * name that fits no field stays as sent, so the validator reports them by name instead of losing them.
 * List items are ordered by index; gaps between indices close up.
 */
export function fromQueryParams(
  action: ActionName,
  params: Iterable<[string, string]>,
): Record<string, unknown> {
  const kinds: Readonly<Record<string, string>> = requestFields[action]
  const out: Record<string, unknown> = {}
  for (const [key, raw] of params) {
    const dot = key.indexOf('.')
    if (dot < 0 || !place(out, key.split('.'), raw, kinds)) {
      // Own keys only: a parameter named `constructor` or `toString` is unknown, not Object's method.
      const kind = Object.hasOwn(kinds, key) ? kinds[key] : undefined
      setOwn(out, key, kind ? convert(kind, raw) : raw)
    }
  }
  return finish(out) as Record<string, unknown>
}

/** A list while its items arrive, by index, in any order. */
class ListDraft {
  /** [index, item]: a repeated index keeps both items, as a repeated name keeps the last value. */
  readonly items: [number, unknown][] = []
  /** The last item given at each index, found in one step however long the list (a form may hold 60,000 pairs). */
  readonly last = new Map<number, unknown>()
}

type Container = Record<string, unknown> | ListDraft

function slot(container: Container, at: string | number): unknown {
  if (!(container instanceof ListDraft))
    return Object.hasOwn(container, at) ? container[at as string] : undefined
  // The last item given at that index: later fields of `Filters.0` go into the same object.
  return container.last.get(at as number)
}

function put(container: Container, at: string | number, value: unknown) {
  if (container instanceof ListDraft) {
    container.items.push([at as number, value])
    container.last.set(at as number, value)
  } else setOwn(container, at as string, value)
}

/** One step down a dotted name: into a list at an index, or into an object at a field. */
type Step = { list: true; at: number } | { list: false; at: string }

/**
 * Puts `raw` where the dotted name `segments` says, walking the field table: false when the name does not
 * fit it (an index on a field that is not a list, a field inside a scalar, a value already there where a
 * list or object should go), and the caller keeps it as sent. A field the table does not know inside a
 * known object is kept under the rest of its name there, for the validator to name.
 */
function place(
  out: Record<string, unknown>,
  segments: string[],
  raw: string,
  kinds: Readonly<Record<string, string>>,
): boolean {
  const walk = walkFields(segments, kinds)
  if (!walk) return false
  // Only containers that already exist can be in the way: a new one has nothing inside it yet.
  let container: Container = out
  let at: string | number = segments[0]!
  for (const step of walk.steps) {
    const next = child(container, at, step.list)
    if (!next) return false
    container = next
    at = step.at
  }
  put(container, at, walk.kind ? convert(walk.kind, raw) : raw)
  return true
}

/** The steps a dotted name takes through the field table and the kind of its last field (undefined: unknown). */
function walkFields(
  segments: string[],
  kinds: Readonly<Record<string, string>>,
): { steps: Step[]; kind: string | undefined } | undefined {
  const kindOf = (path: string) => (Object.hasOwn(kinds, path) ? kinds[path] : undefined)
  let path = segments[0]!
  let kind = kindOf(path)
  const steps: Step[] = []
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!
    // A list of lists: the inner list's kind is named by the path of the outer one's items.
    if (kind === 'array') kind = kindOf(path)
    if (kind?.endsWith('[]') && /^\d+$/.test(segment)) {
      steps.push({ list: true, at: Number(segment) })
      path += '[]'
      kind = kind.slice(0, -2)
    } else if (kind === 'object') {
      path += `.${segment}`
      kind = kindOf(path)
      if (kind === undefined) {
        steps.push({ list: false, at: segments.slice(i).join('.') })
        return { steps, kind }
      }
      steps.push({ list: false, at: segment })
    } else return undefined
  }
  return { steps, kind }
}

/** The list or object at `at`, made when absent; undefined when a value already given is there instead. */
function child(container: Container, at: string | number, list: boolean): Container | undefined {
  const existing = slot(container, at)
  if (existing === undefined) {
    const made = list ? new ListDraft() : {}
    put(container, at, made)
    return made
  }
  return (list ? existing instanceof ListDraft : isPlainDraft(existing)) ? (existing as Container) : undefined
}

const isPlainDraft = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !(v instanceof ListDraft) && !Array.isArray(v)

/** Lists in index order, at every depth. */
function finish(value: unknown): unknown {
  if (value instanceof ListDraft)
    return value.items.sort((a, b) => a[0] - b[0]).map(([, item]) => finish(item))
  if (isPlainDraft(value)) {
    for (const key of Object.keys(value)) setOwn(value, key, finish(value[key]))
    return value
  }
  return value
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
