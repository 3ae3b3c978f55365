import type { MaybePromise } from '@crs-kit/core'

export type { MaybePromise }

/**
 * `next(value)` now when `value` is ready, after it settles otherwise: crs-mock's calls stay synchronous
 * end to end instead of paying a microtask and a Promise per stage.
 */
export function chain<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value)
}
