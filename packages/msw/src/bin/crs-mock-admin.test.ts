import { RedisClient, TencentCloudError } from '@crs-kit/client'
import { describe, expect, it } from 'vitest'
import { envelope } from '../test-requests.fixture.ts'
import { spawnCrsMock } from './spawn-crs-mock.fixture.ts'

/** A control-plane answer: arbitrary JSON, read by path in the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions are the type check
type Answer = any

// The control plane of the crs-mock bin as a child process, as a suite in another language runs it.

const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    json: (await r.json()) as Answer,
  }))

describe('crs-mock control plane', () => {
  it('is on by default: an override reaches the client, reset clears it, calls are counted', async () => {
    const mock = await spawnCrsMock(['--port', '0'])
    try {
      const redis = new RedisClient({ region: 'ap-guangzhou', endpoint: mock.url, credentials })
      const added = await post(`${mock.url}/__crs-mock/overrides`, {
        action: 'DescribeInstanceBackups',
        error: 'ResourceNotFound.InstanceNotExists',
      })
      expect(added.status).toBe(201)
      const refused = await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' }).catch((e) => e)
      expect(refused).toBeInstanceOf(TencentCloudError)
      expect(refused).toMatchObject({ code: 'ResourceNotFound.InstanceNotExists' })
      const calls = await fetch(`${mock.url}/__crs-mock/calls?action=DescribeInstanceBackups`).then((r) =>
        r.json(),
      )
      expect(calls).toMatchObject({ total: 1, calls: [{ code: 'ResourceNotFound.InstanceNotExists' }] })

      expect(await post(`${mock.url}/__crs-mock/reset`, {})).toEqual({ status: 200, json: { ok: true } })
      expect((await redis.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount).toBe(2)
      expect(mock.stderr()).toBe('')
    } finally {
      await mock.stop()
    }
  })

  it('--no-admin: the paths are service paths like any other', async () => {
    const mock = await spawnCrsMock(['--port', '0', '--no-admin', '--no-verify'])
    try {
      const at = async (path: string) => {
        const answer = await fetch(`${mock.url}${path}`, { method: 'POST', body: '{}' })
        return { status: answer.status, error: (await envelope(answer)).Error }
      }
      const elsewhere = await at('/elsewhere')
      expect(elsewhere).toMatchObject({ status: 200, error: { Code: expect.any(String) } })
      expect(await at('/__crs-mock/reset')).toEqual(elsewhere)
      expect(await at('/__crs-mock/overrides')).toEqual(elsewhere)
    } finally {
      await mock.stop()
    }
  })

  it('refuses pages of other sites; --admin-origin lets one in, and a bad one stops it at startup', async () => {
    const mock = await spawnCrsMock(['--port', '0', '--admin-origin', 'http://app:3000'])
    try {
      const reset = (origin: string) =>
        fetch(`${mock.url}/__crs-mock/reset`, { method: 'POST', headers: { Origin: origin } }).then(
          async (r) => ({
            status: r.status,
            json: (await r.json()) as Answer,
          }),
        )
      expect(await reset('http://app:3000')).toEqual({ status: 200, json: { ok: true } })
      expect(await reset('http://localhost:5173')).toEqual({ status: 200, json: { ok: true } })
      const refused = await reset('https://evil.example')
      expect(refused.status).toBe(403)
      expect(refused.json.error).toContain('--admin-origin https://evil.example')
      // Said once on stderr, however often that page tries.
      await reset('https://evil.example')
      expect(
        mock
          .stderr()
          .match(/refused a control-plane request from the web page origin "https:\/\/evil\.example"/g),
      ).toHaveLength(1)
    } finally {
      await mock.stop()
    }
    const bad = await spawnCrsMock(['--port', '0', '--admin-origin', 'app:3000']).catch((e: Error) => e)
    expect(bad).toBeInstanceOf(Error)
    expect((bad as Error).message).toContain('crs-mock exited with 2 before listening')
    expect((bad as Error).message).toContain(
      '[crs-kit/msw] crs-mock: --admin-origin must be an origin such as http://app:3000 (http or https, a host and an optional port, nothing after), got "app:3000"',
    )
  })

  it('warns on stderr when it listens beyond loopback with the control plane on', async () => {
    const open = await spawnCrsMock(['--port', '0', '--host', '0.0.0.0'])
    // The warning follows the listening line; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(open.stderr()).toMatch(/control plane .* has no authentication .*crs-mock --no-admin/)
    await open.stop()
    const closed = await spawnCrsMock(['--port', '0', '--host', '0.0.0.0', '--no-admin'])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(closed.stderr()).toBe('')
    await closed.stop()
  })
})
