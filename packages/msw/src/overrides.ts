import { type ActionName, type ActionTypes, actionNames, actions, service } from '@crs-kit/core'
import { shown } from './shown.ts'

/** A response without its RequestId (the mock adds a fresh one). */
export type ResponseBody<A extends ActionName> = Omit<ActionTypes[A]['response'], 'RequestId'>

/** How long and how often an override applies; `once` and `times` are two ways to say the same, pick one. */
type Timing = {
  /** Wait this long (real time, milliseconds, >= 0) before answering: for timeout and loading-state tests. */
  delayMs?: number | undefined
} & (
  | {
      /** Apply to the next call only. Same as `times: 1`. */
      once?: boolean | undefined
      times?: never
    }
  | {
      once?: never
      /** Apply to the next `times` calls (a positive integer), then behave normally again. Default: every call until removed. */
      times?: number | undefined
    }
)

/** Keys that must be absent from one kind of override (so `{ error, response }` is a type error). */
type Without<K extends string> = { [P in K]?: never }

/** Answer this error code of the action (the contract's codes), with a default or the given message. */
export type ErrorOverride<A extends ActionName> = Timing & {
  error: ActionTypes[A]['errorCode']
  message?: string | undefined
} & Without<'response' | 'networkError'>

/** Answer this response (a fresh RequestId is added). */
export type ResponseOverride<A extends ActionName> = Timing & { response: ResponseBody<A> } & Without<
    'error' | 'message' | 'networkError'
  >

/** Drop the connection (msw: `HttpResponse.error()`; crs-mock: a destroyed socket). */
export type NetworkErrorOverride = Timing & { networkError: true } & Without<'error' | 'message' | 'response'>

/** Wait `delayMs`, then give the normal answer. */
export type DelayOverride = Timing & { delayMs: number } & Without<
    'error' | 'message' | 'response' | 'networkError'
  >

/**
 * What one action answers instead of running the mock service: exactly one of an error code of the action
 * (typed from the contract), a given response or a dropped connection, or only a delay before the normal
 * answer. Each may be delayed and limited to the next call (`once`) or the next few (`times`).
 */
export type Override<A extends ActionName> =
  | ErrorOverride<A>
  | ResponseOverride<A>
  | NetworkErrorOverride
  | DelayOverride

const outcomes = ['error', 'response', 'networkError'] as const
// setTimeout's limit: a longer delay would fire at once (Node warns), and a test of a hang would get a fast answer.
const maxDelayMs = 2 ** 31 - 1

const knownKeys = new Set<string>([...outcomes, 'message', 'delayMs', 'once', 'times'])

const commonCodes = new Set<string>(service.commonErrors.map((e) => e.code))

/** The number of calls an override applies to; throws a TypeError naming the mistake for a malformed one. */
function checkedTimes(action: string, override: Override<ActionName>): number {
  const o = override as Partial<Record<string, unknown>>
  const fail = (reason: string) => {
    throw new TypeError(`[crs-kit/msw] override('${action}', ...): ${reason}`)
  }
  if (!Object.hasOwn(actions, action))
    fail(`${JSON.stringify(action)} is not an action of the mock (${actionNames.join(', ')})`)
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail('give an object')
  // A misspelt key (`tmes: 1`) would otherwise leave an override that never runs out.
  const unknown = Object.keys(o).filter((k) => !knownKeys.has(k))
  if (unknown.length > 0)
    fail(
      `unknown ${unknown.length > 1 ? 'keys' : 'key'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (give error, message, response, networkError, delayMs, once or times)`,
    )
  const given = outcomes.filter((k) => o[k] !== undefined)
  if (given.length > 1) fail(`give one of error, response or networkError, not ${given.join(' and ')}`)
  if (given.length === 0 && o.delayMs === undefined)
    fail('give one of error, response or networkError (or delayMs alone, to delay the normal answer)')
  if (o.networkError !== undefined && o.networkError !== true) fail('networkError must be true')
  if (
    o.error !== undefined &&
    !(
      commonCodes.has(o.error as string) ||
      (actions[action as ActionName].errorCodes as readonly string[]).includes(o.error as string)
    )
  )
    fail(`${JSON.stringify(o.error)} is not an error code of ${action} (its own codes or the common ones)`)
  if (o.message !== undefined && o.error === undefined) fail('message goes with error')
  if (o.message !== undefined && typeof o.message !== 'string') fail('message must be a string')
  if (
    o.response !== undefined &&
    (typeof o.response !== 'object' || o.response === null || Array.isArray(o.response))
  )
    fail('response must be an object: the Response body without its RequestId')
  if (o.once !== undefined && typeof o.once !== 'boolean')
    fail(`once must be true or false, got ${shown(o.once)}`)
  if (
    o.delayMs !== undefined &&
    !(typeof o.delayMs === 'number' && o.delayMs >= 0 && o.delayMs <= maxDelayMs)
  )
    fail(`delayMs must be a number of milliseconds from 0 to ${maxDelayMs}, got ${shown(o.delayMs)}`)
  if (o.once !== undefined && o.times !== undefined) fail('give once or times, not both')
  if (o.times !== undefined && !(Number.isSafeInteger(o.times) && (o.times as number) > 0))
    fail(`times must be a positive integer, got ${shown(o.times)}`)
  if (o.once) return 1
  return (o.times as number | undefined) ?? Number.POSITIVE_INFINITY
}

interface Entry {
  id: number
  action: ActionName
  override: Override<ActionName>
  remaining: number
}

/** An override as listed: what it answers, and how many more calls it applies to (null: until removed). */
export interface OverrideInfo {
  id: number
  action: ActionName
  remaining: number | null
  override: Override<ActionName>
}

/** Per-action overrides, newest first (as `server.use` prepends in msw). */
export class OverrideRegistry {
  readonly #byAction = new Map<string, Entry[]>()
  #nextId = 1

  /** Throws a TypeError for an override that is not exactly one kind or has a bad `times` or `delayMs`. */
  add<A extends ActionName>(action: A, override: Override<A>): () => void {
    const id = this.insert(action, override)
    return () => {
      this.remove(id)
    }
  }

  /** add(), answering an id for remove() (crs-mock's control plane names overrides by id). */
  insert<A extends ActionName>(action: A, override: Override<A>): number {
    const times = checkedTimes(action, override as Override<ActionName>)
    const entry: Entry = {
      id: this.#nextId++,
      action,
      override: override as Override<ActionName>,
      remaining: times,
    }
    const list = this.#byAction.get(action) ?? []
    list.unshift(entry)
    this.#byAction.set(action, list)
    return entry.id
  }

  /** False when it is gone already (used up, removed or cleared). */
  remove(id: number): boolean {
    for (const list of this.#byAction.values()) {
      const at = list.findIndex((e) => e.id === id)
      if (at >= 0) {
        list.splice(at, 1)
        return true
      }
    }
    return false
  }

  /** The overrides still in force, oldest first. */
  list(): OverrideInfo[] {
    return [...this.#byAction.values()]
      .flat()
      .sort((a, b) => a.id - b.id)
      .map((e) => ({
        id: e.id,
        action: e.action,
        remaining: Number.isFinite(e.remaining) ? e.remaining : null,
        override: e.override,
      }))
  }

  /** The override for this call, if any, counting it as used. */
  take(action: string): Override<ActionName> | undefined {
    const list = this.#byAction.get(action)
    const entry = list?.find((e) => e.remaining > 0)
    if (!entry) return undefined
    entry.remaining--
    if (entry.remaining <= 0) list!.splice(list!.indexOf(entry), 1)
    return entry.override
  }

  clear(): void {
    this.#byAction.clear()
  }
}
