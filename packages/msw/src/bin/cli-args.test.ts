import { describe, expect, it } from 'vitest'
import { parseCliArgs, usage } from './cli-args.ts'

describe('parseCliArgs', () => {
  it('has the documented defaults', () => {
    expect(parseCliArgs([])).toEqual({
      host: '127.0.0.1',
      port: 4010,
      credentials: [],
      verify: true,
      rateLimit: true,
      admin: true,
      adminOrigins: [],
      region: 'ap-guangzhou',
      backupDurationMs: 5000,
      help: false,
    })
  })

  it('gives a --token to the key pair before it, and reads --backup-duration-ms', () => {
    const args = parseCliArgs([
      '--secret-id=A1',
      '--secret-key=K1',
      '--secret-id=A2',
      '--secret-key=K2',
      '--token=T2',
      '--backup-duration-ms=0',
    ])
    expect(args.credentials).toEqual([
      { secretId: 'A1', secretKey: 'K1' },
      { secretId: 'A2', secretKey: 'K2', token: 'T2' },
    ])
    expect(args.backupDurationMs).toBe(0)
    expect(usage).toMatch(/--token TOKEN +after a key pair: its session token/)
    expect(usage).toMatch(/--backup-duration-ms MS\n +how long a manual backup stays in progress/)
  })

  it('reads every option, pairs repeated keys in order, and accepts --name=value', () => {
    const args = parseCliArgs([
      '--host',
      '0.0.0.0',
      '--port=0',
      '--secret-id',
      'A1',
      '--secret-key',
      'K1',
      '--secret-id=A2',
      '--secret-key=K2',
      '--no-verify',
      '--no-rate-limit',
      '--no-admin',
      '--region=ap-shanghai-fsi',
      '--admin-origin',
      'http://app:3000',
      '--admin-origin=https://Tests.Example.com/',
    ])
    expect(args).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      verify: false,
      rateLimit: false,
      admin: false,
      region: 'ap-shanghai-fsi',
      adminOrigins: ['http://app:3000', 'https://tests.example.com'],
    })
    expect(args.credentials).toEqual([
      { secretId: 'A1', secretKey: 'K1' },
      { secretId: 'A2', secretKey: 'K2' },
    ])
  })

  it('documents --no-admin in the usage', () => {
    expect(usage).toContain('[--no-admin]')
    expect(usage).toMatch(/--no-admin +turn off the control plane under \/__crs-mock\//)
  })

  it('documents --admin-origin in the usage', () => {
    expect(usage).toContain('[--admin-origin URL]...')
    expect(usage).toMatch(/--admin-origin URL +also let pages of this origin drive the control plane/)
  })

  it('rejects what it does not understand', () => {
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--secret-id', 'A'])).toThrow(/--secret-key/)
    expect(() => parseCliArgs(['--host'])).toThrow(/needs a value/)
    // An empty host would listen on every interface, control plane included.
    for (const argv of [['--host', ''], ['--host='], ['--host', ' ']])
      expect(() => parseCliArgs(argv)).toThrow('--host is empty (give 0.0.0.0 to listen on every interface)')
    expect(() => parseCliArgs(['--verbose'])).toThrow(/unknown argument/)
    expect(() => parseCliArgs(['--region', 'mars-1'])).toThrow(/--region must be a region of the service/)
    expect(() => parseCliArgs(['--token', 'T'])).toThrow(
      '--token follows the --secret-id and --secret-key it belongs to',
    )
    expect(() => parseCliArgs(['--secret-id=A', '--secret-key=K', '--token=T', '--token=U'])).toThrow(
      '--token is given twice for A',
    )
    expect(() => parseCliArgs(['--secret-id=A', '--secret-key=K', '--token', 'tok\r'])).toThrow(
      '--token: the token of A must be printable ASCII',
    )
    expect(parseCliArgs(['--secret-id=A', '--secret-key=K', '--token=ab+/cd=='])).toMatchObject({
      credentials: [{ secretId: 'A', secretKey: 'K', token: 'ab+/cd==' }],
    })
    expect(() => parseCliArgs(['--secret-id=A', '--secret-key=K', '--token='])).toThrow(
      '--token for A is empty',
    )
    for (const ms of ['-1', '1.5', '5s', '1e3', '99999999999999999'])
      expect(() => parseCliArgs(['--backup-duration-ms', ms]), ms).toThrow(
        `--backup-duration-ms must be a whole number of milliseconds, got ${ms}`,
      )
    for (const origin of ['app:3000', 'http://app:3000/tests', '*', 'null'])
      expect(() => parseCliArgs(['--admin-origin', origin]), origin).toThrow(
        `--admin-origin must be an origin such as http://app:3000 (http or https, a host and an optional port, nothing after), got ${JSON.stringify(origin)}`,
      )
  })

  it('refuses a value given to a boolean flag', () => {
    for (const arg of [
      '--no-verify=1',
      '--no-verify=',
      '--no-rate-limit=true',
      '--no-admin=0',
      '--help=yes',
    ]) {
      const name = arg.slice(0, arg.indexOf('='))
      expect(() => parseCliArgs([arg]), arg).toThrow(TypeError)
      expect(() => parseCliArgs([arg]), arg).toThrow(`${name} takes no value, got ${arg}`)
    }
  })
})
