// The signature-verifying loopback server in its own process, so that a benchmark measures the client.
import { startLoopbackServer } from '../test/loopback-server.ts'

const server = await startLoopbackServer()
process.stdout.write(`${server.origin}\n`)
process.on('message', (message) => {
  if (message === 'verified?') process.send?.(server.received.every((r) => r.verified))
})
process.on('disconnect', () => process.exit(0))
