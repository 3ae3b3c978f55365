import type { ActionName, ActionTypes, ValidationIssue } from '@crs-kit/core'

// Fields are `declare`d and set in the constructors: the same own properties, without a class-field
// definition per field in every bundle.

/** The base of every error the client throws: `catch (e) { if (e instanceof CrsKitError) ... }`. */
export class CrsKitError extends Error {
  override name: string = 'CrsKitError'
  /** The action being called, when the error belongs to a call. */
  declare readonly action: ActionName | undefined
  constructor(message: string, options: { action?: ActionName | undefined; cause?: unknown } = {}) {
    // Error reads only `cause` from the options, and defines it whenever the key is there: only pass a real one.
    super(message, options.cause === undefined ? undefined : options)
    this.action = options.action
  }
}

/**
 * The service answered with `Response.Error`. `code` is typed from the action's error union
 * (the common codes and the action's own); `message` is the service's text.
 */
export interface TencentCloudError<A extends ActionName = ActionName> extends CrsKitError {
  readonly name: 'TencentCloudError'
  readonly action: A
  readonly code: ActionTypes[A]['errorCode']
  readonly requestId: string | undefined
}

/** What a TencentCloudError is made from: the envelope's `Error` and RequestId, and the action called. */
type TencentCloudErrorInit<A extends ActionName> = {
  action: A
  code: string
  message: string
  requestId?: string | undefined
}

export interface TencentCloudErrorConstructor {
  new <A extends ActionName = ActionName>(init: TencentCloudErrorInit<A>): TencentCloudError<A>
  /**
   * What `error instanceof TencentCloudError` narrows to: `code` the codes of every action. Declared here because
   * `instanceof` of a generic class gives `TencentCloudError<any>`, whose `code` accepts any misspelling.
   */
  readonly prototype: TencentCloudError
  /** Narrows an unknown error, optionally to one action's code union. */
  is<A extends ActionName = ActionName>(error: unknown, action?: A): error is TencentCloudError<A>
}

export const TencentCloudError: TencentCloudErrorConstructor = class<
  A extends ActionName,
> extends CrsKitError {
  override readonly name = 'TencentCloudError' as const
  declare readonly action: A
  declare readonly code: ActionTypes[A]['errorCode']
  declare readonly requestId: string | undefined
  constructor(init: TencentCloudErrorInit<A>) {
    super(init.message, { action: init.action })
    this.code = init.code as this['code']
    this.requestId = init.requestId
  }

  static is<A extends ActionName = ActionName>(error: unknown, action?: A): error is TencentCloudError<A> {
    return isTencentCloudError(error, action)
  }
}

// Outside the class: a class body that names its own class makes bundlers rename it (`_TencentCloudError` in
// util.inspect and stack traces).
function isTencentCloudError<A extends ActionName>(
  error: unknown,
  action?: A,
): error is TencentCloudError<A> {
  return error instanceof TencentCloudError && (action === undefined || error.action === action)
}

/** The input broke the contract; found locally, before any network call. */
export class ValidationError extends CrsKitError {
  override readonly name = 'ValidationError' as const
  declare readonly issues: readonly ValidationIssue[]
  constructor(action: ActionName, issues: readonly ValidationIssue[]) {
    super(`${action}: invalid input: ${issues.map((i) => `${i.code} ${i.message}`).join('; ')}`, { action })
    this.issues = issues
  }
}

/** The connection failed (refused, DNS, reset, cut-off body). */
export class NetworkError extends CrsKitError {
  override readonly name = 'NetworkError' as const
  /** The system error code when the runtime tells it, e.g. `ECONNRESET`, `ECONNREFUSED`, `ENOTFOUND`. */
  declare readonly code: string | undefined
  /** False only when the request provably never reached the server (refused connection, DNS failure). */
  declare readonly mayHaveReachedServer: boolean
  constructor(
    message: string,
    init: { code?: string | undefined; mayHaveReachedServer: boolean; action?: ActionName; cause?: unknown },
  ) {
    super(message, init)
    this.code = init.code
    this.mayHaveReachedServer = init.mayHaveReachedServer
  }
}

/** One attempt took longer than `timeoutMs`. */
export class TimeoutError extends CrsKitError {
  override readonly name = 'TimeoutError' as const
  declare readonly timeoutMs: number
  constructor(action: ActionName, timeoutMs: number, waitingFor = '') {
    super(`${action}: timed out after ${timeoutMs} ms${waitingFor}`, { action })
    this.timeoutMs = timeoutMs
  }
}

/** The HTTP response was not a Tencent Cloud API envelope (an HTML error page, truncated or empty JSON). */
export class ResponseError extends CrsKitError {
  override readonly name = 'ResponseError' as const
  declare readonly status: number
  /** The start of the body, whitespace collapsed, for logs. */
  declare readonly excerpt: string
  declare readonly requestId: string | undefined
  constructor(init: {
    action: ActionName
    status: number
    body: string
    problem: string
    requestId?: string | undefined
    cause?: unknown
  }) {
    const excerpt = init.body.replace(/\s+/g, ' ').trim().slice(0, 160)
    super(`${init.action}: HTTP ${init.status}, ${init.problem}: ${JSON.stringify(excerpt)}`, init)
    this.status = init.status
    this.excerpt = excerpt
    this.requestId = init.requestId
  }
}

/**
 * A non-idempotent call may have reached the server and its outcome is unknown, so it was not
 * re-sent. `check` says how to find out whether it ran before calling it again; `cause` is the failure.
 */
export class OutcomeUnknownError extends CrsKitError {
  override readonly name = 'OutcomeUnknownError' as const
  declare readonly check: string
  constructor(action: ActionName, check: string, cause: CrsKitError, attempts = 1) {
    // The service's code and RequestId too, not only its text: support asks for the RequestId, and a log shows the message.
    const { code, requestId } = cause as Partial<TencentCloudError>
    super(
      // After retries, said where it reads right: the last attempt is the one that may have run.
      `${action} was not retried${attempts > 1 ? ` after attempt ${attempts}` : ''}: it is not idempotent and may have reached the server (${cause instanceof TencentCloudError ? `${code}: ` : ''}${cause.message}${requestId ? `, RequestId ${requestId}` : ''}). ` +
        `Before calling it again, ${check}`,
      { action, cause },
    )
    this.check = check
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends CrsKitError {
  override readonly name = 'AbortError' as const
  constructor(action: ActionName | undefined, reason: unknown) {
    super(`${action ?? 'the call'} was aborted`, { action, cause: reason })
  }
}

/** The client is misconfigured (options, missing credentials). */
export class ConfigurationError extends CrsKitError {
  override readonly name = 'ConfigurationError' as const
}
