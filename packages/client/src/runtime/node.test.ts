import { once } from 'node:events'
import { Agent, createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultTransport, nodeTransport, transportFor } from './node.ts'

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

/** A server that answers `body` written in the given byte pieces, so multi-byte characters can be split. */
async function serve(host: string, pieces: Buffer[]): Promise<string> {
  const server = createServer((req, res) => {
    req.resume().on('end', async () => {
      res.writeHead(200, { 'Content-Type': 'application/json', Date: 'Mon, 25 Feb 2019 16:44:25 GMT' })
      for (const piece of pieces) {
        res.write(piece)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      res.end()
    })
  })
  servers.push(server)
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
}

const call = (url: string) => ({
  action: 'DescribeInstanceBackups' as const,
  url,
  headers: { 'Content-Type': 'application/json' },
  body: '{}',
})

describe('the Node transport', () => {
  it('says a request aborted before it was written never left, and one aborted after it may have', async () => {
    const url = await serve('127.0.0.1', [Buffer.from('{}')])
    const early = await defaultTransport(call(url), AbortSignal.abort()).catch((e) => e)
    expect(early).toMatchObject({ name: 'NetworkError', mayHaveReachedServer: false })
    const controller = new AbortController()
    const late = defaultTransport(call(url), controller.signal).catch((e) => e)
    controller.abort()
    expect(await late).toMatchObject({ name: 'NetworkError', mayHaveReachedServer: true })
  })

  it('keeps a UTF-8 character whole when the server splits its bytes across writes', async () => {
    const text = JSON.stringify({ Response: { Remark: '手動バックアップ', RequestId: 'r' } })
    const bytes = Buffer.from(text)
    const cut = bytes.indexOf(Buffer.from('動')) + 1 // inside the three bytes of 動
    const url = await serve('127.0.0.1', [bytes.subarray(0, cut), bytes.subarray(cut)])
    const response = await defaultTransport(call(url), new AbortController().signal)
    expect(response).toEqual({ status: 200, date: 'Mon, 25 Feb 2019 16:44:25 GMT', body: text })
  })

  it('reaches an IPv6 literal endpoint', async (context) => {
    let url: string
    try {
      url = await serve('::1', [Buffer.from('{"Response":{"RequestId":"r6"}}')])
    } catch {
      return context.skip('this machine has no IPv6 loopback')
    }
    const response = await defaultTransport(call(url), new AbortController().signal)
    expect(JSON.parse(response.body)).toEqual({ Response: { RequestId: 'r6' } })
  })
})

describe('the Node transport through a route that can tell whether anything left', () => {
  it('counts a request that never got a socket as never sent, whichever failure Node reports first', async () => {
    const agent = new Agent()
    // A connection that never comes, as a proxy that never answers a CONNECT.
    agent.createConnection = (() => undefined) as unknown as Agent['createConnection']
    const transport = nodeTransport(() => ({
      request,
      options: { protocol: 'http:', hostname: '127.0.0.1', port: 9, path: '/', agent },
      reached: (socket) => socket !== undefined,
    }))
    const controller = new AbortController()
    const sent = transport(call('http://127.0.0.1:9/'), controller.signal).catch((e) => e)
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    expect(await sent).toMatchObject({ name: 'NetworkError', code: 'ABORT_ERR', mayHaveReachedServer: false })
  })

  it('rejects with a NetworkError, never sent, when the signal fired while the route was made', async () => {
    const transport = transportFor('https://redis.tencentcloudapi.com', 'http://127.0.0.1:9')
    const error = await transport(call('https://redis.tencentcloudapi.com/'), AbortSignal.abort()).catch(
      (e) => e,
    )
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ABORT_ERR', mayHaveReachedServer: false })
  })
})
