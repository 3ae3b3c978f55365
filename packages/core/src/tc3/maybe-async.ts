/** A value that is ready now (node:crypto) or later (WebCrypto). */
export type MaybePromise<T> = T | Promise<T>

// Chaining through this instead of `await` keeps the node:crypto path synchronous end to end,
// so one signer implementation serves both runtimes without paying for microtasks in Node.
// (Not named `then`: a module exporting `then` is a thenable, and `await import()` would call it.)
export function chain<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value)
}
