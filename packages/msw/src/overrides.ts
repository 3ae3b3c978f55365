import type { ActionName, ActionTypes } from '@crs-kit/core'

/** A response without its RequestId (the mock adds a fresh one). */
export type ResponseBody<A extends ActionName> = Omit<ActionTypes[A]['response'], 'RequestId'>

interface Times {
  /** Wait this long (real time) before answering: for timeout and loading-state tests. */
  delayMs?: number
  /** Apply to the next call only. Same as `times: 1`. */
  once?: boolean
  /** Apply to the next `times` calls, then behave normally again. Default: every call until removed. */
  times?: number
}

/**
 * What one action answers instead of running the mock service: an error code of the action (typed from
 * the contract), a given response, a dropped connection, or just a delay before the normal answer.
 */
export type Override<A extends ActionName> = Times &
  (
    | { error: ActionTypes[A]['errorCode']; message?: string }
    | { response: ResponseBody<A> }
    | { networkError: true }
    | { delayMs: number }
  )

interface Entry {
  override: Override<ActionName>
  remaining: number
}

/** Per-action overrides, newest first (as `server.use` prepends in msw). */
export class OverrideRegistry {
  readonly #byAction = new Map<string, Entry[]>()

  add<A extends ActionName>(action: A, override: Override<A>): () => void {
    const times = override.once ? 1 : (override.times ?? Number.POSITIVE_INFINITY)
    const entry: Entry = { override: override as Override<ActionName>, remaining: times }
    const list = this.#byAction.get(action) ?? []
    list.unshift(entry)
    this.#byAction.set(action, list)
    return () => {
      const at = list.indexOf(entry)
      if (at >= 0) list.splice(at, 1)
    }
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
