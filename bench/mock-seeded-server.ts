// crs-mock through its public API (startMockServer from @crs-kit/msw/server) seeded with the listing
// instances of bench/mock-seed.ts, in its own process. The bin cannot be given 100,000 backups; this is
// what a test suite that needs them does. Signatures are verified (the default key pair); the rate limit
// is off because the load generator sends more than 20 calls a second (it costs the same per call for
// any number of backups). Prints `crs-mock listening on URL`.
import { startMockServer } from '@crs-kit/msw/server'
import { listingInstances, seedBackups } from './mock-seed.ts'

const server = await startMockServer({
  port: 0,
  rateLimit: false,
  instances: listingInstances.map(({ InstanceId, backups }) => ({
    InstanceId,
    InstanceName: InstanceId,
    Region: 'ap-guangzhou',
    backups: seedBackups(InstanceId, backups),
  })),
})
process.stdout.write(`crs-mock listening on ${server.url}\n`)
process.on('SIGTERM', () => server.close().then(() => process.exit(0)))
