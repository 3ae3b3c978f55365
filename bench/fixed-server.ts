// A loopback server that answers every request with one valid DescribeInstanceBackups envelope, in its own
// process so that it never competes with the clients being measured. Prints its port.
import { createServer } from 'node:http'

const body = JSON.stringify({
  Response: {
    TotalCount: 1,
    BackupSet: [
      {
        StartTime: '2018-09-04 12:51:21',
        BackupId: '2e4127f8-affe-11e8-941e-4846fb00c75d',
        BackupType: '0',
        Status: 2,
        Remark: 'x',
        Locked: 0,
      },
    ],
    RequestId: '2d4387ee-2011-449e-a32b-87f9366f3ef4',
  },
})
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () =>
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
      .end(body),
  )
})
server.keepAliveTimeout = 30_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(typeof address === 'object' && address ? address.port : 0)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
