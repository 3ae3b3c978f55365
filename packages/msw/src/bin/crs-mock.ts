#!/usr/bin/env node
import { seedInstances } from '../create-mock-service.ts'
import { startMockServer } from '../server.ts'
import { parseCliArgs, usage } from './cli-args.ts'

// The crs-mock command: the mock service on a port, for test suites written in any language.

let args: ReturnType<typeof parseCliArgs>
try {
  args = parseCliArgs(process.argv.slice(2))
} catch (e) {
  process.stderr.write(`[crs-kit/msw] crs-mock: ${(e as Error).message}\n${usage}\n`)
  process.exit(2)
}
if (args.help) {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}

try {
  const server = await startMockServer({
    host: args.host,
    port: args.port,
    credentials: args.credentials.length > 0 ? args.credentials : undefined,
    verify: args.verify,
    rateLimit: args.rateLimit,
    admin: args.admin,
    adminOrigins: args.adminOrigins,
    instances: seedInstances(args.region),
    backupDurationMs: args.backupDurationMs,
  })
  process.stdout.write(`crs-mock listening on ${server.url}\n`)
  // Beyond loopback with the control plane on, startMockServer has warned on stderr.
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
} catch (e) {
  process.stderr.write(
    `[crs-kit/msw] crs-mock cannot listen on ${args.host}:${args.port}: ${(e as Error).message}\n`,
  )
  process.exit(1)
}
