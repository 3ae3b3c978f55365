import type { ActionName } from '@crs-kit/core'
import { type CallLog, callsFilterProblem } from '../call-log.ts'
import { type Clock, type MockClock, secondsLike } from '../mock-clock.ts'
import type { OffsetClock } from '../offset-clock.ts'
import type { Override, OverrideRegistry } from '../overrides.ts'
import type { MockState } from '../state/mock-state.ts'
import { AdminError, badInput, describe, objectOf, onlyKeys } from './admin-error.ts'
import { checkBackup, checkInstanceSeed, checkInstanceSeeds } from './check-instance-seed.ts'
import { checkLockMs, latestTime } from './check-times.ts'

/**
 * Where crs-mock's control plane lives. The service itself is only ever called on `/` (any other path is
 * a mistake it answers in its envelope), so a prefix no SDK sends cannot shadow a real call.
 */
export const adminPrefix = '/__crs-mock/'

/** Whether a request target is the control plane's: under adminPrefix, or the prefix without its slash (the index). */
export function isAdminTarget(target: string): boolean {
  if (target.startsWith(adminPrefix)) return true
  const bare = adminPrefix.slice(0, -1)
  return target === bare || target.startsWith(`${bare}?`)
}

/** What the control plane drives: the server's own parts, not a copy. */
export interface AdminTarget {
  state: MockState
  overrides: OverrideRegistry
  log: CallLog | undefined
  clock: Clock
  /** The server's own clock (real time plus an offset); undefined when the caller gave one. */
  ownClock: OffsetClock | undefined
  /** What `MockServer.reset()` does. */
  reset(): void
}

/** One request to an endpoint: the parsed JSON body (undefined when empty), the query, the path's `:id`. */
export interface AdminInput {
  body: unknown
  query: URLSearchParams
  id: string
}

/** An answer: HTTP status and the JSON to send. */
export type AdminAnswer = [status: number, json: unknown]

type Endpoint = (target: AdminTarget, input: AdminInput) => AdminAnswer

const ok: AdminAnswer = [200, { ok: true }]

/** For endpoints that take no input: an empty body or `{}`, and no query. */
function noInput({ body, query }: AdminInput, what: string): void {
  if (body !== undefined && Object.keys(objectOf(body, `${what}'s body`)).length > 0)
    throw badInput(`${what} takes no body (or {}), got ${JSON.stringify(body).slice(0, 80)}`)
  if ([...query.keys()].length > 0) throw badInput(`${what} takes no query parameters`)
}

/** An endpoint that takes no input. */
const bare =
  (what: string, answer: Endpoint): Endpoint =>
  (target, input) => {
    noInput(input, what)
    return answer(target, input)
  }

const movable = (clock: Clock): clock is MockClock =>
  typeof (clock as Partial<MockClock>).advance === 'function' &&
  typeof (clock as Partial<MockClock>).set === 'function'

function clockAnswer(target: AdminTarget): AdminAnswer {
  const now = target.clock.now()
  return [200, { now, iso: new Date(now).toISOString(), offsetMs: target.ownClock?.offsetMs ?? null }]
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** Epoch ms from `{ time }`: a number of ms, or an ISO 8601 time with its zone (a bare one would be ambiguous). */
function timeOf(value: unknown): number {
  if (typeof value === 'number' && secondsLike(value))
    throw badInput(
      `time ${value} looks like epoch seconds (as Python's time.time() gives); the clock takes epoch milliseconds, ${Math.round(value * 1000)} (a number from 1e8 to 1e11 is read as seconds: give a time of 1970-01-02 to 1973-03-03 as an ISO string)`,
    )
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && isoTime.test(value)) {
    const ms = Date.parse(value)
    if (!Number.isNaN(ms) && sameDate(value, ms)) return ms
  }
  throw badInput(
    `time must be epoch milliseconds or an ISO 8601 time with its zone (2026-01-02T03:04:05Z), got ${describe(value)}`,
  )
}

/** `time` as given when it reads back as the same calendar date (Date.parse takes 2026-02-31 as March 3). */
function sameDate(text: string, ms: number): boolean {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(text)
  const shift = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
    : 0
  return new Date(ms + shift).toISOString().slice(0, 10) === text.slice(0, 10)
}

/**
 * Moves the clock with the state settled on both sides of the move: what finished before it (on a clock that
 * runs) or at the time it moves to stays finished, whether or not a call looked in between, and its lock is freed.
 */
function moveSettled(target: AdminTarget, move: () => void): void {
  target.state.settle()
  move()
  target.state.settle()
}

function moveClock(target: AdminTarget, input: AdminInput): AdminAnswer {
  const body = objectOf(input.body, 'the clock body')
  onlyKeys(body, ['advanceMs', 'time'], 'the clock body')
  const given = ['advanceMs', 'time'].filter((k) => body[k] !== undefined)
  if (given.length !== 1) throw badInput('give exactly one of advanceMs or time')
  let move: (clock: MockClock) => void
  if (body.advanceMs !== undefined) {
    const ms = body.advanceMs
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw badInput(
        `advanceMs must be a number of milliseconds >= 0 (use time to go back), got ${describe(ms)}`,
      )
    move = (clock) => clock.advance(ms)
  } else {
    const time = timeOf(body.time)
    move = (clock) => clock.set(time)
  }
  const to =
    body.advanceMs !== undefined ? target.clock.now() + (body.advanceMs as number) : timeOf(body.time)
  if (!(Math.abs(to) <= latestTime))
    throw badInput(
      `the clock would read ${to} ms, outside the times a Date can hold (at most ${latestTime} ms either side of 1970)`,
    )
  const { clock } = target
  if (!movable(clock))
    throw new AdminError(409, 'the clock was given to startMockServer without advance/set; move it yourself')
  moveSettled(target, () => move(clock))
  return clockAnswer(target)
}

function addOverride(target: AdminTarget, input: AdminInput): AdminAnswer {
  const { action, ...override } = objectOf(input.body, 'the override')
  if (action === undefined)
    throw badInput('give the action the override applies to, e.g. "action": "ManualBackupInstance"')
  try {
    const id = target.overrides.insert(action as ActionName, override as Override<ActionName>)
    const added = target.overrides.list().find((o) => o.id === id)
    return [201, { id, action, remaining: added?.remaining ?? null }]
  } catch (e) {
    // The same check as override() in JavaScript, and the same words, without the library's prefix.
    if (e instanceof TypeError) throw badInput(e.message.replace(/^\[crs-kit\/msw\] /, ''))
    throw e
  }
}

const idOf = (text: string): number => {
  const id = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id))
    throw badInput(`override ids are integers, got ${JSON.stringify(text)}`)
  return id
}

const instanceOf = (target: AdminTarget, id: string) => {
  const found = target.state.snapshot().instances.find((i) => i.InstanceId === id)
  if (!found) throw new AdminError(404, `no instance ${JSON.stringify(id)}`)
  return found
}

/** Every endpoint under the prefix: path (`:id` is one segment) -> method -> what it does. */
export const adminEndpoints: Record<string, Record<string, Endpoint>> = {
  '': {
    GET: () => [
      200,
      {
        endpoints: Object.keys(adminEndpoints).map(
          (path) => `${Object.keys(adminEndpoints[path]!).join(', ')} ${adminPrefix}${path}`,
        ),
      },
    ],
  },
  reset: {
    POST(target, input) {
      noInput(input, 'reset')
      target.reset()
      return ok
    },
  },
  state: {
    GET(target, input) {
      noInput(input, 'state')
      return [200, { now: target.clock.now(), ...target.state.snapshot() }]
    },
  },
  instances: {
    PUT(target, { body }) {
      const b = objectOf(body, 'the body')
      onlyKeys(b, ['instances'], 'the body')
      const seeds = checkInstanceSeeds(b.instances, 'instances')
      target.state.replaceInstances(seeds)
      return [200, { instances: target.state.snapshot().instances }]
    },
    POST(target, { body }) {
      const seed = checkInstanceSeed(body, 'instance')
      const replaced = target.state.removeInstance(seed.InstanceId)
      target.state.addInstance(seed)
      return [replaced ? 200 : 201, { replaced, instance: instanceOf(target, seed.InstanceId) }]
    },
  },
  'instances/:id': {
    GET: bare('GET instances/:id', (target, input) => [200, instanceOf(target, input.id)]),
    // What state.setInstanceStatus and state.lockInstance do in JavaScript, for suites in other languages: an
    // instance turned abnormal or locked keeps its backups (posting it again would replace them).
    PATCH(target, { body, id }) {
      const b = objectOf(body, 'the body')
      onlyKeys(b, ['status', 'lockMs'], 'the body')
      if (b.status === undefined && b.lockMs === undefined)
        throw badInput('give status ("normal" or "abnormal"), lockMs, or both')
      if (b.status !== undefined && b.status !== 'normal' && b.status !== 'abnormal')
        throw badInput(`status must be "normal" or "abnormal", got ${describe(b.status)}`)
      const lockMs = b.lockMs === undefined ? undefined : checkLockMs(b.lockMs, target.clock.now(), 'lockMs')
      instanceOf(target, id)
      if (b.status !== undefined) target.state.setInstanceStatus(id, b.status)
      if (lockMs !== undefined) target.state.lockInstance(id, lockMs)
      return [200, instanceOf(target, id)]
    },
    DELETE(target, input) {
      noInput(input, 'DELETE instances/:id')
      if (!target.state.removeInstance(input.id))
        throw new AdminError(404, `no instance ${JSON.stringify(input.id)}`)
      return ok
    },
  },
  'instances/:id/backups': {
    POST(target, { body, id }) {
      const instance = instanceOf(target, id)
      const backup = checkBackup(body, 'backup', id, instance.Region)
      if (instance.backups.some((b) => b.BackupId === backup.BackupId))
        throw new AdminError(409, `instance ${id} already has backup ${backup.BackupId}`)
      target.state.addBackup(id, backup)
      return [201, { backup }]
    },
  },
  overrides: {
    GET: bare('GET overrides', (target) => [200, { overrides: target.overrides.list() }]),
    POST: addOverride,
    DELETE(target, input) {
      noInput(input, 'DELETE overrides')
      const removed = target.overrides.list().length
      target.overrides.clear()
      return [200, { removed }]
    },
  },
  'overrides/:id': {
    DELETE(target, input) {
      noInput(input, 'DELETE overrides/:id')
      if (!target.overrides.remove(idOf(input.id)))
        throw new AdminError(404, `no override ${input.id}: used up, removed or cleared`)
      return ok
    },
  },
  clock: {
    GET: bare('GET clock', (target) => clockAnswer(target)),
    POST: moveClock,
    DELETE(target, input) {
      noInput(input, 'DELETE clock')
      if (!target.ownClock)
        throw new AdminError(409, 'the clock was given to startMockServer; it is not ours to reset')
      moveSettled(target, () => target.ownClock!.real())
      return clockAnswer(target)
    },
  },
  calls: {
    GET(target, { body, query }) {
      noInput({ body, query: new URLSearchParams(), id: '' }, 'GET calls')
      onlyKeys(Object.fromEntries(query), ['action'], 'GET calls query')
      if (query.getAll('action').length > 1)
        throw badInput('GET calls query: action is given more than once; the log is filtered by one action')
      const action = query.get('action') ?? undefined
      const problem = callsFilterProblem(action, 'GET /__crs-mock/calls without ?action=')
      if (problem) throw badInput(`GET calls query: ${problem}`)
      const calls = target.log?.records(action) ?? []
      return [200, { total: target.log?.total ?? 0, calls }]
    },
    DELETE(target, input) {
      noInput(input, 'DELETE calls')
      target.log?.clear()
      return ok
    },
  },
}
