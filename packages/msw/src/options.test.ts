import { createServer } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { createHandlers } from './create-handlers.ts'
import { createMockService } from './create-mock-service.ts'
import { closestOption } from './known-options.ts'
import { createMockClock, systemClock } from './mock-clock.ts'
import { createOffsetClock } from './offset-clock.ts'
import { startMockServer } from './server.ts'
import { tc3Post } from './test-requests.fixture.ts'

// Options a user gets wrong from JavaScript (or past a cast) are refused when the mock is created, with a TypeError
// naming the option and its rule, rather than taken and then failing every call or silently doing nothing.

/** A TypeError whose message is exactly `message` once the library's prefix is taken off. */
const typeError = (message: string | RegExp) =>
  expect.objectContaining({
    name: 'TypeError',
    message: typeof message === 'string' ? `[crs-kit/msw] ${message}` : expect.stringMatching(message),
  })

/** What each entry point does with options: createMockService, createHandlers and startMockServer. */
const creators = {
  createMockService: async (options: object) => {
    createMockService(options as never)
  },
  createHandlers: async (options: object) => {
    createHandlers(options as never)
  },
  startMockServer: async (options: object) => {
    await (await startMockServer(options as never)).close()
  },
}
const entryPoints = Object.keys(creators) as (keyof typeof creators)[]

/** A port nothing listens on (the OS picks it, then it is freed). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Whether something accepts connections on the port. */
async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

describe('clock', () => {
  const what =
    'clock must be an object with a now() method that returns epoch milliseconds (createMockClock(), createOffsetClock(), systemClock, Date or { now: () => ms })'

  it.each(entryPoints)(
    '%s refuses a clock without now() at creation, naming what a clock is',
    async (name) => {
      // {} used to be taken, and then every call answered InternalError.
      for (const [clock, got] of [
        [{}, 'an object whose now is undefined'],
        [{ now: 1_700_000_000_000 }, 'an object whose now is 1700000000000'],
        [null, 'null'],
        [1_700_000_000_000, '1700000000000'],
        ['2030-01-01', '"2030-01-01"'],
        [createMockClock, 'a function whose now is undefined'],
        [Date.now, 'a function whose now is undefined'],
      ] as const)
        await expect(creators[name]({ clock }), got).rejects.toThrow(typeError(`${what}, got ${got}`))
    },
  )

  it('reads a clock as often in startMockServer as in createMockService (its check once)', async () => {
    const counting = () => {
      const clock = {
        reads: 0,
        now: () => {
          clock.reads++
          return Date.now()
        },
      }
      return clock
    }
    const [service, server] = [counting(), counting()]
    createMockService({ clock: service })
    await (await startMockServer({ clock: server })).close()
    expect(server.reads).toBe(service.reads)
  })

  it('refuses a clock whose now() does not answer a finite number', () => {
    for (const [now, got] of [
      [() => '1700000000000', '"1700000000000"'],
      [() => new Date(Number.NaN), 'Invalid Date'],
      [() => Number.NaN, 'NaN'],
      [() => undefined, 'undefined'],
    ] as const)
      expect(() => createMockService({ clock: { now } as never }), got).toThrow(
        typeError(`${what}; its now() returned ${got}`),
      )
  })

  it('refuses a clock of your own that answers epoch seconds, and takes a mock clock set to such a time on purpose', () => {
    const seconds = Math.floor(Date.now() / 1000)
    expect(() => createMockService({ clock: { now: () => seconds } })).toThrow(
      typeError(
        `${what}; its now() returned ${seconds}, which looks like epoch seconds (${seconds * 1000} in ms)`,
      ),
    )
    const early = createMockClock(new Date(Date.UTC(1971, 0, 1)))
    expect(() => createMockService({ clock: early })).not.toThrow()
  })

  it('answers InternalError, with HTTP 200, when a clock of your own breaks after creation', async () => {
    const silence = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    for (const later of [
      () => {
        throw new Error('clock broke')
      },
      // NaN once read every call as over the rate limit.
      () => Number.NaN,
    ]) {
      let reads = 0
      const mock = createMockService({ clock: { now: () => (reads++ === 0 ? Date.now() : later()) } })
      const response = (await mock.handle(
        await tc3Post({ InstanceId: 'crs-5a4py64p' }, { action: 'ManualBackupInstance' }),
      )) as Response
      expect(response.status).toBe(200)
      expect((await response.json()).Response.Error.Code).toBe('InternalError')
    }
    expect(silence).toHaveBeenCalledTimes(2)
    silence.mockRestore()
  })

  it('keeps startMockServer answering, and its process alive, when a clock of your own breaks after creation', async () => {
    const silence = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    let reads = 0
    const server = await startMockServer({
      verify: false,
      clock: {
        now: () => {
          if (reads++ > 0) throw new Error('clock broke')
          return Date.now()
        },
      },
    })
    try {
      const request = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url: `${server.url}/` })
      // The plain call (answered on the socket) and one node:http reads (a body still arriving: chunked).
      for (const body of [await request.text(), undefined]) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: request.headers,
          body:
            body ??
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"InstanceId":"crs-5a4py64p"}'))
                controller.close()
              },
            }),
          ...(body ? {} : { duplex: 'half' }),
        } as RequestInit)
        expect(response.status).toBe(200)
        expect((await response.json()).Response.Error.Code).toBe('InternalError')
      }
    } finally {
      await server.close()
      silence.mockRestore()
    }
  })

  it('takes every clock the package gives and a plain { now }, and a refused one leaves no server listening', async () => {
    for (const clock of [
      createMockClock(),
      createOffsetClock(),
      systemClock,
      Date,
      { now: () => Date.now() },
    ])
      for (const name of entryPoints) await expect(creators[name]({ clock })).resolves.toBeUndefined()
    const port = await freePort()
    await expect(startMockServer({ port, clock: {} as never })).rejects.toThrow(TypeError)
    expect(await listening(port)).toBe(false)
  })
})

describe("startMockServer's own options", () => {
  it('refuses verify and admin that are not booleans: "false" from an environment variable would mean on', async () => {
    for (const name of ['verify', 'admin'])
      for (const [value, got] of [
        ['false', '"false"'],
        [0, '0'],
        ['no', '"no"'],
      ] as const)
        await expect(startMockServer({ [name]: value } as never)).rejects.toThrow(
          typeError(`${name} must be true or false (default true), got ${got}`),
        )
  })

  it('refuses an empty or non-string host, which would listen on every interface, and leaves nothing listening', async () => {
    const port = await freePort()
    for (const [host, got] of [
      ['', '""'],
      [' ', '" "'],
      [0, '0'],
      [5, '5'],
      [null, 'null'],
    ] as const) {
      await expect(startMockServer({ port, host } as never)).rejects.toThrow(
        typeError(
          `host must be an address or host name to listen on (default 127.0.0.1; '0.0.0.0' for every interface), got ${got}`,
        ),
      )
      expect(await listening(port)).toBe(false)
    }
    const server = await startMockServer({ host: 'localhost', verify: false, admin: false })
    expect(server.url).toMatch(/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/)
    await server.close()
  })
})

describe('hosts', () => {
  it('refuses a string (it was read character by character, each one a host) and a list of other things', () => {
    expect(() => createHandlers({ hosts: '127.0.0.1:4010' as never })).toThrow(
      typeError(
        `hosts must be a list of hosts, e.g. ['127.0.0.1:4010'], got "127.0.0.1:4010": give ["127.0.0.1:4010"]`,
      ),
    )
    expect(() => createHandlers({ hosts: { host: 'localhost' } as never })).toThrow(
      typeError(`hosts must be a list of hosts, e.g. ['127.0.0.1:4010'], got an object`),
    )
    expect(() => createHandlers({ hosts: ['localhost', 4010] as never })).toThrow(
      typeError('hosts[1] must be a string (a host, host:port or URL, e.g. 127.0.0.1:4010), got 4010'),
    )
  })

  it('takes a list, and no hosts at all', () => {
    expect(() => createHandlers({ hosts: ['127.0.0.1:4010'] })).not.toThrow()
    expect(() => createHandlers({ hosts: [] })).not.toThrow()
    expect(() => createHandlers({ hosts: undefined })).not.toThrow()
  })
})

describe('unknown options', () => {
  const serviceKnown = 'credentials, instances, clock, rateLimit, backupDurationMs, maxBodyBytes, callLogSize'
  const known = {
    createMockService: serviceKnown,
    createHandlers: `${serviceKnown}, hosts`,
    startMockServer: `${serviceKnown}, host, port, verify, admin, adminOrigins`,
  }

  it.each(entryPoints)('%s refuses one, suggesting the option of a close spelling', async (name) => {
    // backupDurationMS used to be ignored: every backup took the default 5000 ms.
    for (const [option, meant] of [
      ['backupDurationMS', 'backupDurationMs'],
      ['ratelimit', 'rateLimit'],
      ['credential', 'credentials'],
      ['instance', 'instances'],
      ['backupDuration', 'backupDurationMs'],
      ['maxBodyByte', 'maxBodyBytes'],
      ['clcok', 'clock'],
    ] as const)
      await expect(creators[name]({ [option]: 1 }), option).rejects.toThrow(
        typeError(
          `${name}: unknown option "${option}" (did you mean "${meant}"?); the options are ${known[name]}`,
        ),
      )
    await expect(creators[name]({ timeout: 1 })).rejects.toThrow(
      typeError(`${name}: unknown option "timeout"; the options are ${known[name]}`),
    )
  })

  it('names every unknown option, and the options each entry point has of its own', async () => {
    expect(() => createHandlers({ host: 'localhost', delayMs: 5 } as never)).toThrow(
      typeError(
        `createHandlers: unknown options "host" (did you mean "hosts"?), "delayMs"; the options are ${known.createHandlers}`,
      ),
    )
    await expect(startMockServer({ prot: 4010 } as never)).rejects.toThrow(
      typeError(
        `startMockServer: unknown option "prot" (did you mean "port"?); the options are ${known.startMockServer}`,
      ),
    )
    expect(() => createMockService({ hosts: [] } as never)).toThrow(
      typeError(`createMockService: unknown option "hosts"; the options are ${known.createMockService}`),
    )
  })

  it('refuses options that are not an object', () => {
    for (const [options, got] of [
      [null, 'null'],
      ['verify', '"verify"'],
      [[], 'a list'],
    ] as const) {
      expect(() => createMockService(options as never)).toThrow(
        typeError(`createMockService: options must be an object, got ${got}`),
      )
      expect(() => createHandlers(options as never)).toThrow(
        typeError(`createHandlers: options must be an object, got ${got}`),
      )
    }
  })

  it('counts an option set to undefined as absent (a spread config), and a refused one leaves no server listening', async () => {
    expect(() => createHandlers({ hosts: undefined, unknownButUnset: undefined } as never)).not.toThrow()
    const port = await freePort()
    await expect(startMockServer({ port, backupDurationMS: 1 } as never)).rejects.toThrow(TypeError)
    expect(await listening(port)).toBe(false)
  })

  it('suggests only close spellings', () => {
    const names = ['clock', 'hosts', 'host', 'port', 'backupDurationMs']
    expect(closestOption('HOSTS', names)).toBe('hosts')
    expect(closestOption('hsots', names)).toBe('hosts')
    expect(closestOption('prt', names)).toBe('port')
    expect(closestOption('time', names)).toBeUndefined()
    expect(closestOption('backup', names)).toBeUndefined()
  })
})

describe('credentials', () => {
  it.each(entryPoints)(
    '%s refuses null, an empty string and 0 rather than turning signature checks off',
    async (name) => {
      // An unset variable passed on (`credentials: process.env.KEYS && ...`) once made a mock that checked nothing.
      for (const [value, got] of [
        [null, 'null'],
        ['', '""'],
        [0, 'a number'],
        // A key given as the whole option: its kind is shown, not the key.
        ['TOPSECRET', 'a string'],
      ] as const)
        await expect(creators[name]({ credentials: value }), String(value)).rejects.toThrow(
          typeError(`credentials: must be a list of { secretId, secretKey } pairs, got ${got}`),
        )
    },
  )

  it('checks signatures when credentials are left out of startMockServer (its example pair)', async () => {
    const server = await startMockServer({ credentials: undefined, rateLimit: false })
    try {
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeInstanceBackups' },
        body: '{}',
      })
      expect((await answer.json()).Response.Error.Code).toMatch(/^AuthFailure\./)
    } finally {
      await server.close()
    }
  })
})

describe('backupDurationMs', () => {
  it.each(entryPoints)(
    '%s refuses a fraction of a millisecond, as the control plane refuses one for lockMs',
    async (name) => {
      for (const [backupDurationMs, got] of [
        [1.5, '1.5'],
        [0.1, '0.1'],
        [2 ** 53, '9007199254740992'],
        ['1500', '"1500"'],
        [-1, '-1'],
      ] as const)
        await expect(creators[name]({ backupDurationMs }), got).rejects.toThrow(
          typeError(`backupDurationMs must be a whole number of milliseconds >= 0, got ${got}`),
        )
    },
  )

  it('takes whole milliseconds, 0 included, and runs a backup for that long', async () => {
    const clock = createMockClock()
    const mock = createMockService({ clock, backupDurationMs: 1500, rateLimit: false })
    const start = await mock.handle(
      new Request('https://redis.tencentcloudapi.com/', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-TC-Action': 'ManualBackupInstance',
          'X-TC-Version': '2018-04-12',
          'X-TC-Region': 'ap-guangzhou',
        },
        body: JSON.stringify({ InstanceId: 'crs-5a4py64p' }),
      }),
    )
    expect(start).toBeInstanceOf(Response)
    clock.advance(1499)
    expect(mock.state.snapshot().tasks).toHaveLength(1)
    clock.advance(1)
    expect(mock.state.snapshot().tasks).toHaveLength(0)
    expect(() => createMockService({ backupDurationMs: 0 })).not.toThrow()
  })
})
