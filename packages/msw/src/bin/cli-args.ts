import { regions } from '@crs-kit/core'
import { checkAdminOrigin } from '../admin/admin-guard.ts'
import { type Credential, credentialsProblem, tokenProblem } from '../verify/credential.ts'

export interface CliArgs {
  host: string
  port: number
  /** Empty: the defaults (AKIDEXAMPLE / SECRETEXAMPLE). */
  credentials: Credential[]
  verify: boolean
  rateLimit: boolean
  /** The control plane under /__crs-mock/. */
  admin: boolean
  /** Origins whose pages may drive the control plane besides loopback ones, as a browser writes them. */
  adminOrigins: string[]
  /** The seed instance's region. */
  region: string
  /** How long a manual backup stays in progress, in ms. */
  backupDurationMs: number
  help: boolean
}

export const usage = `usage: crs-mock [--host 127.0.0.1] [--port 4010] [--secret-id ID --secret-key KEY [--token TOKEN]]... [--region ap-guangzhou] [--backup-duration-ms 5000] [--no-verify] [--no-rate-limit] [--no-admin] [--admin-origin URL]...

  --host HOST          address to listen on (default 127.0.0.1)
  --port PORT          port to listen on; 0 picks a free one (default 4010)
  --secret-id ID       with --secret-key: a key pair to accept (repeatable; default AKIDEXAMPLE / SECRETEXAMPLE)
  --secret-key KEY
  --token TOKEN        after a key pair: its session token, as temporary (STS) credentials have one; calls with
                       that SecretId must then carry it in X-TC-Token (or Token), as the service requires
  --region REGION      the seed instance's region (default ap-guangzhou): calls naming another do not find it
  --backup-duration-ms MS
                       how long a manual backup stays in progress, Status 1, on the mock clock (default 5000)
  --no-verify          accept requests without checking signatures
  --no-rate-limit      do not enforce the per-action rate limit (20/s)
  --no-admin           turn off the control plane under /__crs-mock/ (reset, overrides, seeding, clock, state,
                       calls; on by default, unauthenticated: any program that reaches the port can use it, but
                       of web pages only those served from loopback: http(s)://localhost, 127.0.0.1 or [::1])
  --admin-origin URL   also let pages of this origin drive the control plane, e.g. http://app:3000 for a browser
                       test served by another container (repeatable)`

/** Parses the command line; throws a TypeError whose message is meant for the user. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
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
  }
  const ids: string[] = []
  const keys: string[] = []
  const tokens: (string | undefined)[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = eq > 0 ? arg.slice(0, eq) : arg
    const value = () => {
      if (eq > 0) return arg.slice(eq + 1)
      const next = argv[++i]
      if (next === undefined || next.startsWith('--')) throw new TypeError(`${name} needs a value`)
      return next
    }
    // A boolean flag is its own value: `--no-verify=1` (or `=false`) is a mistake, not a setting.
    const flag = () => {
      if (eq > 0) throw new TypeError(`${name} takes no value, got ${arg}`)
      return true
    }
    switch (name) {
      case '--host': {
        const host = value()
        // An empty one would listen on every interface.
        if (host.trim() === '')
          throw new TypeError('--host is empty (give 0.0.0.0 to listen on every interface)')
        args.host = host
        break
      }
      case '--port': {
        const text = value()
        const port = Number(text)
        if (!/^\d+$/.test(text) || port > 65535) throw new TypeError(`--port must be 0 to 65535, got ${text}`)
        args.port = port
        break
      }
      case '--secret-id':
        ids.push(value())
        break
      case '--secret-key':
        keys.push(value())
        break
      case '--token': {
        // The pair it follows: the last --secret-id given, which must have no token yet.
        const pair = ids.length - 1
        if (pair < 0) throw new TypeError('--token follows the --secret-id and --secret-key it belongs to')
        if (tokens[pair] !== undefined) throw new TypeError(`--token is given twice for ${ids[pair]}`)
        const token = value()
        if (token === '') throw new TypeError(`--token for ${ids[pair]} is empty`)
        const problem = tokenProblem(ids[pair]!, token)
        if (problem) throw new TypeError(`--token: ${problem}`)
        tokens[pair] = token
        break
      }
      case '--backup-duration-ms': {
        const text = value()
        if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
          throw new TypeError(`--backup-duration-ms must be a whole number of milliseconds, got ${text}`)
        args.backupDurationMs = Number(text)
        break
      }
      case '--region': {
        const region = value()
        if (!(regions as readonly string[]).includes(region))
          throw new TypeError(
            `--region must be a region of the service (${regions.join(', ')}), got ${region}`,
          )
        args.region = region
        break
      }
      case '--no-verify':
        args.verify = !flag()
        break
      case '--no-rate-limit':
        args.rateLimit = !flag()
        break
      case '--no-admin':
        args.admin = !flag()
        break
      case '--admin-origin':
        args.adminOrigins.push(checkAdminOrigin(value(), '--admin-origin'))
        break
      case '--help':
      case '-h':
        args.help = flag()
        break
      default:
        throw new TypeError(`unknown argument ${name}`)
    }
  }
  if (ids.length !== keys.length) throw new TypeError('give each --secret-id its --secret-key')
  args.credentials = ids.map((secretId, i) =>
    tokens[i] === undefined
      ? { secretId, secretKey: keys[i]! }
      : { secretId, secretKey: keys[i]!, token: tokens[i] },
  )
  const problem = credentialsProblem(args.credentials)
  if (problem) throw new TypeError(`--secret-id/--secret-key: ${problem}`)
  return args
}
