// The BeginTime an OutcomeUnknownError tells the user to list from must not be later than the StartTime the
// service stamps on the backup it may have started: the service stamps it with its own clock, which can be
// behind ours by up to the five minutes it accepts without AuthFailure.SignatureExpire, or by more once the
// client has learned (and corrected) the offset. A BeginTime after it would hide the backup, and the user, told
// it did not run, would start a second one.
import { parseTcTime } from '@crs-kit/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { OutcomeUnknownError, RedisClient } from '../src/index.ts'
import { startLoopbackServer } from './loopback-server.ts'

let server: Awaited<ReturnType<typeof startLoopbackServer>>
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const input = { InstanceId: 'crs-5a4py64p', Remark: 'nightly' }
const client = () =>
  new RedisClient({
    region: 'ap-guangzhou',
    endpoint: server.origin,
    credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
    timeoutMs: 200,
  })

/** The BeginTime of the check, and the server's time when the request arrived (epoch ms). */
async function unknownOutcome(c: RedisClient) {
  server.fault('ManualBackupInstance', 'stall')
  const error = await c.manualBackupInstance(input).catch((e) => e)
  expect(error).toBeInstanceOf(OutcomeUnknownError)
  const beginTime = /BeginTime "([^"]+)"/.exec(error.check)?.[1]
  expect(beginTime).toBeDefined()
  return { error, begin: parseTcTime(beginTime!)!, serverNow: Date.now() + server.state.clockOffsetMs }
}

describe('the check of an unknown outcome', () => {
  it('lists from before the server received the call when the server runs behind within its 5 minutes', async () => {
    server.state.clockOffsetMs = -240_000
    const { begin, serverNow } = await unknownOutcome(client())
    // The request arrived (and the backup would start) at about serverNow minus the 200 ms timeout.
    expect(begin).toBeLessThanOrEqual(serverNow - 200)
  })

  it("lists from the server's time once the client has corrected its clock", async () => {
    server.state.clockOffsetMs = -3_600_000
    const c = client()
    // The first call is refused as expired, and the client learns the offset from the Date header.
    expect((await c.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(7)
    const { begin, serverNow } = await unknownOutcome(c)
    expect(begin).toBeLessThanOrEqual(serverNow - 200)
    // Still near the call: not a day's listing to search.
    expect(serverNow - begin).toBeLessThan(15 * 60_000)
  })

  it('names the Remark the call was made with, to tell its backup from others', async () => {
    const { error } = await unknownOutcome(client())
    expect(error.check).toContain('Remark "nightly"')
  })
})
