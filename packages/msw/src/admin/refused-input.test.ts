import { actionNames, requestFields } from '@crs-kit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultInstances } from '../create-mock-service.ts'
import { createMockClock } from '../mock-clock.ts'
import { type MockServer, startMockServer } from '../server.ts'
import { envelope } from '../test-requests.fixture.ts'

/** A control-plane answer: arbitrary JSON, read by path in the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions are the type check
type Answer = any

// What the control plane refuses: a clear JSON error naming the mistake, and nothing changed by it.

let server: MockServer
beforeAll(async () => {
  server = await startMockServer({
    maxBodyBytes: 4096,
    instances: [...defaultInstances, { InstanceId: 'crs-bj', Region: 'ap-beijing' }],
  })
})
afterAll(() => server.close())

async function admin(method: string, path: string, body?: string, url = server.url) {
  const response = await fetch(`${url}/__crs-mock/${path}`, { method, body })
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer }
}

const instanceIdActions = actionNames.filter((action) => Object.hasOwn(requestFields[action], 'InstanceId'))

const backup = {
  StartTime: '2026-01-02 03:04:05',
  BackupId: 'b-1',
  BackupType: '0',
  Status: 2,
  Remark: '',
  Locked: 0,
}
const j = JSON.stringify

/** Everything a control-plane request can change, as the control plane reads it back. */
const everything = async () => ({
  state: (await admin('GET', 'state')).json.instances,
  overrides: (await admin('GET', 'overrides')).json,
  clock: (await admin('GET', 'clock')).json.offsetMs,
  calls: (await admin('GET', 'calls')).json,
})

describe('refused control-plane requests', () => {
  it.each([
    ['POST', 'overrides', '{"action":', /the body is not JSON/],
    ['POST', 'overrides', j({ error: 'InternalError' }), /give the action/],
    [
      'POST',
      'overrides',
      j({ action: 'DeleteInstance', error: 'InternalError' }),
      /"DeleteInstance" is not an action of the mock/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'Made.Up' }),
      /"Made.Up" is not an error code of DescribeInstanceBackups/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'ResourceUnavailable.InstanceLockedError' }),
      /not an error code of DescribeInstanceBackups/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', response: {} }),
      /not error and response/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', networkError: 'yes' }),
      /networkError must be true/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', times: 0 }),
      /times must be a positive integer, got 0/,
    ],
    // A string where a number (or boolean) is wanted shows quoted, as JSON: unquoted, "5" read as the number 5.
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', delayMs: '5' }),
      /: delayMs must be a number of milliseconds from 0 to 2147483647, got "5"$/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', times: '2' }),
      /: times must be a positive integer, got "2"$/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', times: [2] }),
      /: times must be a positive integer, got a list$/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', once: 'true' }),
      /: once must be true or false, got "true"$/,
    ],
    ['PATCH', 'instances/crs-5a4py64p', j({ lockMs: '5' }), /^lockMs must be .*, got "5"$/],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', once: true, times: 2 }),
      /once or times, not both/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', delayMs: -5 }),
      /delayMs must be a number of milliseconds from 0 to 2147483647/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', error: 'InternalError', tmes: 2 }),
      /unknown key "tmes"/,
    ],
    [
      'POST',
      'overrides',
      j({ action: 'DescribeInstanceBackups', response: [] }),
      /response must be an object/,
    ],
    ['POST', 'overrides', j([1]), /the override must be a JSON object, got an array/],
    [
      'PUT',
      'instances',
      j({ instances: [{ InstanceId: 'crs-ok' }, { InstanceId: '' }] }),
      // The actions that take an InstanceId, from the spec: a third one is named too.
      new RegExp(
        `instances\\[1\\]\\.InstanceId length must be at least 1, got 0 \\(as ${instanceIdActions.join(' and ')} check it: no call could reach this instance\\)`,
      ),
    ],
    [
      'PUT',
      'instances',
      j({ instances: [{ InstanceId: 'a' }, { InstanceId: 'a' }] }),
      /instances\[1\]\.InstanceId "a" is given twice/,
    ],
    ['PUT', 'instances', j([{ InstanceId: 'a' }]), /the body must be a JSON object, got an array/],
    ['PUT', 'instances', j({ instance: [] }), /unknown key "instance"/],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', Region: 'mars-1' }),
      /instance\.Region must be a region of the service/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', status: 'sleeping' }),
      /instance\.status must be "normal" or "abnormal"/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [backup, backup] }),
      /instance\.backups\[1\]\.BackupId "b-1" is given twice/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [{ ...backup, StartTime: '2026-01-02T03:04:05Z' }] }),
      /instance\.backups\[0\]\.StartTime must be a real calendar time, YYYY-MM-DD HH:mm:ss, got "2026-01-02T03:04:05Z"/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [{ ...backup, Status: '2' }] }),
      /instance\.backups\[0\]\.Status must be an integer, got "2"/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [{ ...backup, BackupType: 0 }] }),
      /instance\.backups\[0\]\.BackupType must be a string, got 0/,
    ],
    ['POST', 'instances', j({ InstanceId: 'a', Backups: [] }), /unknown key "Backups"/],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [{ ...backup, BackupType: '9' }] }),
      /instance\.backups\[0\]\.BackupType must be one of \["0","1","2"\], got "9"/,
    ],
    ['POST', 'instances', j({ InstanceName: 'a' }), /instance\.InstanceId must be a string, got nothing/],
    [
      'POST',
      'instances/crs-5a4py64p/backups',
      j({ ...backup, Locked: undefined, Status: 7, Encrypted: 'yes' }),
      /backup\.Status must be one of \[1,2,3,4,-1,-2\], got 7; backup\.Locked is required; backup\.Encrypted must be a boolean, got "yes"/,
    ],
    ['POST', 'instances/crs-5a4py64p/backups', j([backup]), /backup must be a JSON object, got an array/],
    [
      'POST',
      'instances/crs-5a4py64p/backups',
      j({ ...backup, Locked: 2 }),
      /backup\.Locked must be one of \[0,1\], got 2/,
    ],
    ['POST', 'instances/crs-nope/backups', j(backup), /no instance "crs-nope"/],
    [
      'POST',
      'instances/crs-5a4py64p/backups',
      j({ ...backup, InstanceId: 'crs-other' }),
      /backup\.InstanceId "crs-other" names another instance than "crs-5a4py64p", the one it is added to/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', backups: [{ ...backup, InstanceId: 'b' }] }),
      /instance\.backups\[0\]\.InstanceId "b" names another instance than "a", the one it is added to/,
    ],
    [
      'PUT',
      'instances',
      j({
        instances: [
          {
            InstanceId: 'a',
            backups: [
              { ...backup, InstanceId: 'a' },
              { ...backup, BackupId: 'b-2', InstanceId: 'crs-5a4py64p' },
            ],
          },
        ],
      }),
      /instances\[0\]\.backups\[1\]\.InstanceId "crs-5a4py64p" names another instance than "a", the one it is added to/,
    ],
    [
      'POST',
      'instances/crs-bj/backups',
      j({ ...backup, Region: 'ap-guangzhou' }),
      /backup\.Region "ap-guangzhou" is not the region of instance "crs-bj", "ap-beijing"/,
    ],
    [
      'POST',
      'instances',
      j({ InstanceId: 'a', Region: 'ap-beijing', backups: [{ ...backup, Region: 'ap-guangzhou' }] }),
      /instance\.backups\[0\]\.Region "ap-guangzhou" is not the region of instance "a", "ap-beijing"/,
    ],
    ['POST', 'clock', j({ advanceMs: 1, time: 0 }), /exactly one of advanceMs or time/],
    ['POST', 'clock', j({ advanceMs: -1 }), /advanceMs must be a number of milliseconds >= 0/],
    [
      'POST',
      'clock',
      j({ time: '2030-01-02 03:04:05' }),
      /time must be epoch milliseconds or an ISO 8601 time with its zone/,
    ],
    ['POST', 'clock', j({ advance: 5 }), /unknown key "advance"/],
    [
      'POST',
      'clock',
      j({ time: 1893456000 }),
      /^time 1893456000 looks like epoch seconds .*; the clock takes epoch milliseconds, 1893456000000 \(a number from 1e8 to 1e11 is read as seconds/,
    ],
    ['POST', 'clock', j({ advanceMs: 1e300 }), /outside the times a Date can hold/],
    ['POST', 'clock', j({ time: 8.64e15 }), /outside the times a Date can hold/],
    ['POST', 'clock', j({ time: -1e17 }), /outside the times a Date can hold/],
    [
      'POST',
      'clock',
      j({ time: '2026-02-31T03:04:05Z' }),
      /time must be epoch milliseconds or an ISO 8601 time with its zone/,
    ],
    ['POST', 'reset', j({ everything: true }), /reset takes no body/],
    ['GET', 'calls?actoin=X', undefined, /unknown key "actoin"/],
    [
      'GET',
      'calls?action=ManualBackup',
      undefined,
      /"ManualBackup" is not an action of the mock .*; GET \/__crs-mock\/calls without \?action= lists every call/,
    ],
    [
      'GET',
      'calls?action=DescribeInstanceBackups&action=ManualBackupInstance',
      undefined,
      /action is given more than once/,
    ],
    ['DELETE', 'overrides/abc', undefined, /override ids are integers/],
    ['DELETE', 'overrides/999', undefined, /no override 999: used up, removed or cleared/],
    ['DELETE', 'instances/crs-nope', undefined, /no instance "crs-nope"/],
    ['PATCH', 'instances/crs-nope', j({ status: 'abnormal' }), /no instance "crs-nope"/],
    ['PATCH', 'instances/crs-5a4py64p', j({}), /give status \("normal" or "abnormal"\), lockMs, or both/],
    [
      'PATCH',
      'instances/crs-5a4py64p',
      j({ status: 'sick' }),
      /status must be "normal" or "abnormal", got "sick"/,
    ],
    // Nothing changes: the status is not applied when the lock is refused.
    [
      'PATCH',
      'instances/crs-5a4py64p',
      j({ status: 'abnormal', lockMs: -1 }),
      /lockMs must be a whole number of milliseconds >= 0 \(0 unlocks\), got -1/,
    ],
    [
      'PATCH',
      'instances/crs-5a4py64p',
      j({ lockMs: 1.5 }),
      /lockMs must be a whole number of milliseconds >= 0 \(0 unlocks\), got 1.5/,
    ],
    [
      'PATCH',
      'instances/crs-5a4py64p',
      j({ lockMs: 8.64e15 }),
      /lockMs 8640000000000000 would end the lock at .* outside the times a Date can hold/,
    ],
    ['PATCH', 'instances/crs-5a4py64p', j({ locked: true }), /unknown key "locked"/],
  ])('%s %s %s: refused, nothing changed', async (method, path, body, message) => {
    await admin('POST', 'overrides', j({ action: 'ManualBackupInstance', error: 'InternalError', times: 3 }))
    await admin('POST', 'clock', j({ advanceMs: 1234 }))
    const before = await everything()
    const refused = await admin(method, path, body)
    expect(refused.status).toBe(/no (instance|override)/.test(message.source) ? 404 : 400)
    expect(refused.json.error).toMatch(message)
    expect(refused.headers.get('content-type')).toBe('application/json')
    expect(await everything()).toEqual(before)
    await admin('POST', 'reset')
  })

  it('a backup already there is a conflict', async () => {
    const first = j({ ...backup, BackupId: '2e4127f8-affe-11e8-941e-4846fb00c75d' })
    const refused = await admin('POST', 'instances/crs-5a4py64p/backups', first)
    expect(refused).toMatchObject({
      status: 409,
      json: { error: expect.stringMatching(/already has backup/) },
    })
  })

  it('answers 404 for an unknown endpoint and 405 with Allow for a method it does not take', async () => {
    const unknown = await admin('GET', 'nothing-here')
    expect(unknown).toMatchObject({
      status: 404,
      json: { error: expect.stringMatching(/GET \/__crs-mock\/ lists/) },
    })
    const index = await admin('GET', '')
    expect(index.json.endpoints).toContain('POST /__crs-mock/reset')
    const wrong = await admin('GET', 'reset')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect(wrong.json.error).toBe('GET is not allowed on /__crs-mock/reset; use POST')
    expect((await admin('PATCH', 'overrides')).headers.get('allow')).toBe('GET, POST, DELETE, HEAD')
  })

  it('answers HEAD as GET without the body, on every endpoint that takes GET', async () => {
    for (const path of [
      '',
      'state',
      'clock',
      'calls',
      'overrides',
      `instances/${defaultInstances[0]!.InstanceId}`,
    ]) {
      const got = await fetch(`${server.url}/__crs-mock/${path}`)
      const head = await fetch(`${server.url}/__crs-mock/${path}`, { method: 'HEAD' })
      expect([path, head.status]).toEqual([path, 200])
      expect(head.headers.get('content-type')).toBe(got.headers.get('content-type'))
      // The length of the body GET sent (the state's `now` keeps its 13 digits between the two).
      expect(Number(head.headers.get('content-length'))).toBe((await got.arrayBuffer()).byteLength)
      expect(await head.text()).toBe('')
    }
    expect((await fetch(`${server.url}/__crs-mock/reset`, { method: 'HEAD' })).status).toBe(405)
  })

  it('refuses a body over the size limit with 413, as the service refuses one', async () => {
    const big = j({ InstanceId: 'a', InstanceName: 'x'.repeat(5000) })
    const refused = await admin('POST', 'instances', big)
    expect(refused).toMatchObject({ status: 413, json: { error: 'the request body exceeds 4096 bytes' } })
    expect((await admin('GET', 'state')).json.instances).toHaveLength(defaultInstances.length + 1)
  })
})

describe('the control plane with a clock of the caller', () => {
  it('moves a MockClock it was given, but leaves it alone on reset; a plain clock cannot be moved', async () => {
    const clock = createMockClock(Date.parse('2026-01-01T00:00:00Z'))
    const given = await startMockServer({ clock })
    const fixed = await startMockServer({ clock: { now: () => 0 } })
    try {
      expect((await admin('POST', 'clock', j({ advanceMs: 1000 }), given.url)).json).toMatchObject({
        now: Date.parse('2026-01-01T00:00:01Z'),
        offsetMs: null,
      })
      expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:01Z'))
      await admin('POST', 'reset', undefined, given.url)
      expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:01Z'))
      expect((await admin('DELETE', 'clock', undefined, given.url)).status).toBe(409)
      const refused = await admin('POST', 'clock', j({ advanceMs: 1000 }), fixed.url)
      expect(refused).toMatchObject({
        status: 409,
        json: { error: expect.stringMatching(/without advance\/set/) },
      })
    } finally {
      await given.close()
      await fixed.close()
    }
  })
})

describe('admin: false', () => {
  it('answers the control-plane paths as the service answers any other path', async () => {
    const off = await startMockServer({ admin: false })
    try {
      const at = async (path: string) => {
        const answer = await fetch(`${off.url}${path}`, { method: 'POST', body: '{}' })
        expect(answer.status).toBe(200)
        return (await envelope(answer)).Error
      }
      const elsewhere = await at('/somewhere/else')
      expect(elsewhere).toMatchObject({ Code: expect.any(String), Message: expect.any(String) })
      expect(await at('/__crs-mock/reset')).toEqual(elsewhere)
      expect(await at('/__crs-mock/state')).toEqual(elsewhere)
      // The service saw them: they are calls like any other.
      expect(off.calls()).toHaveLength(3)
    } finally {
      await off.close()
    }
  })
})
