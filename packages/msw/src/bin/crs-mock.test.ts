import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { codeOf, envelope, tc3Post, v1Request } from '../test-requests.fixture.ts'
import { spawnCrsMock } from './spawn-crs-mock.fixture.ts'

// crs-mock as a user runs it: a real child process over loopback.

describe('crs-mock', () => {
  it('prints exactly one listening line, answers, and exits 0 on SIGTERM', async () => {
    const mock = await spawnCrsMock(['--port', '0'])
    expect(mock.line).toMatch(/^crs-mock listening on http:\/\/127\.0\.0\.1:\d+$/)
    const timestamp = Math.floor(Date.now() / 1000)
    const request = await tc3Post({ InstanceId: 'crs-5a4py64p' }, { url: `${mock.url}/`, timestamp })
    expect(await envelope(await fetch(request))).toMatchObject({ TotalCount: 2 })
    expect(await mock.stop('SIGTERM')).toBe(0)
  })

  it('takes repeated key pairs, and --no-verify / --no-rate-limit', async () => {
    const mock = await spawnCrsMock([
      '--port=0',
      '--secret-id',
      'AKID1',
      '--secret-key',
      'K1',
      '--secret-id',
      'AKID2',
      '--secret-key',
      'K2',
    ])
    const url = `${mock.url}/`
    const call = (secretId: string, secretKey: string) =>
      fetch(v1Request({ InstanceId: 'crs-5a4py64p' }, { url, secretId, secretKey }))
    expect(await codeOf(await call('AKID1', 'K1'))).toBeUndefined()
    expect(await codeOf(await call('AKID2', 'K2'))).toBeUndefined()
    expect(await codeOf(await call('AKIDEXAMPLE', 'SECRETEXAMPLE'))).toBe('AuthFailure.SecretIdNotFound')
    expect(await mock.stop('SIGINT')).toBe(0)

    const open = await spawnCrsMock(['--port', '0', '--no-verify', '--no-rate-limit'])
    const headers = {
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeInstanceBackups',
      'X-TC-Version': '2018-04-12',
      'X-TC-Region': 'ap-guangzhou',
    }
    const codes = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${open.url}/`, { method: 'POST', headers, body: '{"InstanceId":"crs-5a4py64p"}' }).then(
          codeOf,
        ),
      ),
    )
    expect(codes.every((c) => c === undefined)).toBe(true)
    expect(await open.stop()).toBe(0)
  })

  it('takes a session token for a key pair (--token) and a backup duration (--backup-duration-ms)', async () => {
    const mock = await spawnCrsMock([
      '--port=0',
      '--secret-id=AKIDSTS',
      '--secret-key=KSTS',
      '--token',
      'sts-token-1',
      '--secret-id=AKIDPLAIN',
      '--secret-key=KPLAIN',
      '--backup-duration-ms',
      '60000',
    ])
    const url = `${mock.url}/`
    const sts = { url, secretId: 'AKIDSTS', secretKey: 'KSTS' }
    const list = { InstanceId: 'crs-5a4py64p' }
    expect(await codeOf(await fetch(await tc3Post(list, sts)))).toBe('AuthFailure.TokenFailure')
    expect(await codeOf(await fetch(await tc3Post(list, { ...sts, token: 'other' })))).toBe(
      'AuthFailure.TokenFailure',
    )
    expect(await codeOf(await fetch(await tc3Post(list, { ...sts, token: 'sts-token-1' })))).toBeUndefined()
    // The token belongs to the pair it follows, not to the next one.
    expect(
      await codeOf(await fetch(await tc3Post(list, { url, secretId: 'AKIDPLAIN', secretKey: 'KPLAIN' }))),
    ).toBeUndefined()

    const manual = await tc3Post(list, { ...sts, token: 'sts-token-1', action: 'ManualBackupInstance' })
    expect(await codeOf(await fetch(manual))).toBeUndefined()
    const admin = (path: string, init?: RequestInit) =>
      fetch(`${mock.url}/__crs-mock/${path}`, init).then((r) => r.json())
    const { now, tasks } = await admin('state')
    expect(tasks).toHaveLength(1)
    expect(tasks[0].finishesAt - now).toBeGreaterThan(55_000)
    expect(tasks[0].finishesAt - now).toBeLessThanOrEqual(60_000)
    expect(await mock.stop()).toBe(0)
  })

  it('puts the seed instance in the region --region names, and only there', async () => {
    const mock = await spawnCrsMock(['--port', '0', '--no-verify', '--region', 'ap-beijing'])
    const list = (region: string) =>
      fetch(`${mock.url}/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-TC-Action': 'DescribeInstanceBackups',
          'X-TC-Version': '2018-04-12',
          'X-TC-Region': region,
        },
        body: '{"InstanceId":"crs-5a4py64p"}',
      }).then(envelope)
    expect(await list('ap-beijing')).toMatchObject({
      TotalCount: 2,
      BackupSet: [{ Region: 'ap-beijing' }, {}],
    })
    expect(await list('ap-guangzhou')).toMatchObject({
      Error: { Code: 'ResourceNotFound.InstanceNotExists' },
    })
    expect(await mock.stop()).toBe(0)
  })

  const bin = fileURLToPath(new URL('./crs-mock.ts', import.meta.url))
  const runSync = (args: string[]) =>
    // The timeout ends a crs-mock that starts listening when the test expects it to refuse the arguments.
    spawnSync(process.execPath, ['--conditions=crs-kit-source', bin, ...args], {
      encoding: 'utf8',
      timeout: 15_000,
    })

  it('exits 2 with the usage on a bad command line', () => {
    const run = runSync(['--secret-id', 'x'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('--secret-key')
    expect(run.stderr).toContain('usage: crs-mock')
    expect(run.stdout).toBe('')
  })

  it('exits 2 with the usage for a key pair it could never accept: a SecretId it refuses, or one given twice', () => {
    for (const [args, reason] of [
      [['--secret-id', 'team.ci', '--secret-key', 'K'], '"team.ci" is not a SecretId the service accepts'],
      [['--secret-id=', '--secret-key', 'K'], '"" is not a SecretId the service accepts'],
      [['--secret-id', 'AKID1', '--secret-key='], 'the secret key of AKID1 is empty'],
      [
        ['--secret-id', 'AKID1', '--secret-key', 'K1', '--secret-id', 'AKID1', '--secret-key', 'K2'],
        'AKID1 is given twice',
      ],
    ] as const) {
      const run = runSync([...args, '--port', '0'])
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toContain(reason)
      expect(run.stderr, args.join(' ')).toContain('usage: crs-mock')
      expect(run.stdout, args.join(' ')).toBe('')
    }
  })

  it('exits 2 with the usage when a boolean flag is given a value', () => {
    for (const arg of ['--no-verify=1', '--no-rate-limit=false', '--help=1']) {
      const run = runSync([arg, '--port', '0'])
      expect(run.status, arg).toBe(2)
      expect(run.stderr, arg).toContain(`takes no value, got ${arg}`)
      expect(run.stderr, arg).toContain('usage: crs-mock')
      expect(run.stdout, arg).toBe('')
    }
  })

  it('exits 1 with the reason when it cannot listen', async () => {
    const taken = createServer().listen(0, '127.0.0.1')
    await once(taken, 'listening')
    const run = runSync(['--port', String((taken.address() as AddressInfo).port)])
    taken.close()
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^\[crs-kit\/msw\] crs-mock cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/)
    expect(run.stdout).toBe('')
  })
})
