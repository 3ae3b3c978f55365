import { RedisClient } from '@crs-kit/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MockServer, startMockServer } from './server.ts'

// The client's default rate limit against crs-mock's (both the spec's 20 calls/s, the mock counting a
// sliding second as the service does), over real loopback connections: with one attempt per call, any
// RequestLimitExceeded would surface as an error instead of being retried away.

let server: MockServer
beforeAll(async () => {
  server = await startMockServer()
})
afterAll(() => server.close())

describe.each([
  ['its default transport', undefined],
  // A fetch's first requests of a burst open new connections and reach the server late, which a limit counted
  // from the grants alone does not allow for.
  ['a fetch', (url: string, init: RequestInit) => fetch(url, init)],
])('RedisClient with %s against crs-mock, both at the default rate limit', (_, fetchOption) => {
  it('sends a burst of 45 describes without one RequestLimitExceeded', async () => {
    const client = new RedisClient({
      region: 'ap-guangzhou',
      endpoint: server.url,
      credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
      maxAttempts: 1,
      ...(fetchOption ? { fetch: fetchOption } : {}),
    })
    // A second apart from the previous round, whose calls the mock still counts otherwise.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const started = performance.now()
    const outcomes = await Promise.allSettled(
      Array.from({ length: 45 }, () => client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })),
    )
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))
    expect(refused).toEqual([])
    // 20 at once, 20 a second after those were answered, the last 5 a second after that.
    expect(performance.now() - started).toBeGreaterThan(2000)
  })
})
