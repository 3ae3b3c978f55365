import { type ActionName, actions, service, validateRequest } from '@crs-kit/core'
import { actionImplementations } from './action-implementations.ts'
import type { CallContext } from './call-context.ts'
import type { HmacAdapter } from './crypto/hmac-adapter.ts'
import { envelopeResponse, errorEnvelope, successEnvelope } from './envelope.ts'
import { MockApiError } from './mock-api-error.ts'
import type { Clock } from './mock-clock.ts'
import type { OverrideRegistry } from './overrides.ts'
import { checkCommonParameters } from './protocol/check-common-parameters.ts'
import { isCallError } from './protocol/incoming-call.ts'
import { queryInput } from './protocol/query-input.ts'
import { readCall, type WireRequest } from './protocol/read-call.ts'
import { randomId } from './random-id.ts'
import type { RateLimiter } from './rate-limiter.ts'
import type { MockState } from './state/mock-state.ts'
import { authenticate } from './verify/authenticate.ts'
import type { Credential } from './verify/credential.ts'

/** Answer with a dropped connection (msw: `HttpResponse.error()`; crs-mock: a destroyed socket). */
export const dropConnection: unique symbol = Symbol('crs-kit/msw: drop the connection')

export interface DispatchDeps {
  state: MockState
  clock: Clock
  /** Undefined: signatures are not checked. */
  credentials: ReadonlyMap<string, Credential> | undefined
  limiter: RateLimiter | undefined
  overrides: OverrideRegistry
  hmac: HmacAdapter
  maxBodyBytes: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One call through the service's stages, in the order the service applies them: protocol, signature,
 * action and version, region, per-test override, rate limit, validation, the action itself. Every outcome
 * is the Tencent envelope with HTTP 200; an unexpected failure becomes InternalError, never a 500.
 */
export async function dispatchCall(
  request: WireRequest,
  deps: DispatchDeps,
): Promise<Response | typeof dropConnection> {
  const answer = await answerCall(request, deps)
  return answer === dropConnection ? answer : envelopeResponse(answer)
}

/**
 * dispatchCall's answer as the envelope's JSON text (always sent with HTTP 200 and application/json),
 * for a transport that writes it itself: crs-mock, which need not build a fetch Response per call.
 */
export async function answerCall(
  request: WireRequest,
  deps: DispatchDeps,
): Promise<string | typeof dropConnection> {
  const requestId = randomId()
  const error = (code: string, message: string) => errorEnvelope(code, message, requestId)
  try {
    const call = await readCall(request, deps.maxBodyBytes)
    if (isCallError(call)) return error(call.code, call.message)
    const now = deps.clock.now()
    let secretId: string | undefined
    if (deps.credentials) {
      const auth = await authenticate(call, {
        credentials: deps.credentials,
        now,
        maxSkewSeconds: service.maxClockSkewSeconds,
        hmac: deps.hmac,
      })
      if (isCallError(auth)) return error(auth.code, auth.message)
      secretId = auth.secretId
    }
    const common = checkCommonParameters(call)
    if (isCallError(common)) return error(common.code, common.message)
    const { action, region } = common

    const override = deps.overrides.take(action)
    if (override?.delayMs) await sleep(override.delayMs)
    if (override && 'networkError' in override) return dropConnection
    if (override && 'error' in override)
      return error(override.error, override.message ?? `${override.error} (forced by a test override)`)
    if (override && 'response' in override) return successEnvelope(override.response, requestId)

    if (
      deps.limiter &&
      !deps.limiter.take(`${action}\n${secretId ?? ''}`, actions[action].rateLimitPerSecond)
    ) {
      return error(
        'RequestLimitExceeded',
        `more than ${actions[action].rateLimitPerSecond} ${action} calls per second`,
      )
    }
    const input = 'json' in call.input ? call.input.json : queryInput(action, call.input.pairs)
    const issues = validateRequest(action, input)
    const first = issues[0]
    if (first)
      return error(
        first.code,
        issues.length > 1 ? `${first.message} (and ${issues.length - 1} more)` : first.message,
      )

    const ctx: CallContext = { state: deps.state, now, region, requestId, secretId }
    return successEnvelope(run(action, input, ctx), requestId)
  } catch (e) {
    if (e instanceof MockApiError) return error(e.code, e.message)
    console.error('[crs-kit/msw] the mock failed on a request; answering InternalError', e)
    return error('InternalError', 'internal error of the mock service')
  }
}

function run(action: ActionName, input: unknown, ctx: CallContext): object {
  // validateRequest has just proved `input` matches the action's request type.
  const implementation = actionImplementations[action] as (input: unknown, ctx: CallContext) => object
  return implementation(input, ctx)
}
