import { type HttpHandler, HttpResponse, http } from 'msw'
import {
  createMockServiceCore,
  type MockService,
  type MockServiceOptions,
  serviceOptionNames,
} from './create-mock-service.ts'
import { dropConnection } from './dispatch-call.ts'
import { cors, httpDate } from './envelope.ts'
import { hostPattern } from './host-pattern.ts'
import { checkKnownOptions } from './known-options.ts'

export interface CreateHandlersOptions extends Omit<MockServiceOptions, 'hmac'> {
  /** More hosts to answer on besides the service's own: `host`, `host:port` or a URL with a path. */
  hosts?: readonly string[] | undefined
}

/** The mock service as msw handlers, plus its state and per-test controls. */
export interface CrsMock extends MockService {
  /** `setupServer(...mock.handlers)` or `setupWorker(...mock.handlers)`. */
  readonly handlers: HttpHandler[]
}

/**
 * MSW handlers that behave like the Redis backup API: state, signatures, validation and error codes.
 * @example
 * const mock = createHandlers({ credentials: [{ secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }] })
 * const server = setupServer(...mock.handlers)
 * afterEach(() => mock.reset())
 */
export function createHandlers(options: CreateHandlersOptions = {}): CrsMock {
  checkKnownOptions('createHandlers', options, [...serviceOptionNames, 'hosts'])
  const { hosts, ...serviceOptions } = options
  const pattern = hostPattern(hosts)
  const { service } = createMockServiceCore(serviceOptions)
  const handler = http.all(pattern, async ({ request }) => {
    // A CORS preflight, as crs-mock answers it: a page on another origin may then send the call itself.
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method'))
      return new HttpResponse(null, {
        status: 204,
        headers: { ...cors, Date: httpDate(service.clock.now()) },
      })
    const answer = await service.handle(request)
    return answer === dropConnection ? HttpResponse.error() : answer
  })
  return { ...service, handlers: [handler] }
}
