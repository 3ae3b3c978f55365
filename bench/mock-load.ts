// The mock benchmark's load generator: keep-alive connections on plain sockets, each writing one prepared
// request and reading its whole answer before the next, so that the generator costs the shared two cores as
// little as possible and the servers, not the client, set the pace. Both servers get the same bytes.
import { connect, type Socket } from 'node:net'

export interface RawCall {
  port: number
  path: string
  headers: Record<string, string>
  body: string
}

/** The request as bytes: HTTP/1.1, keep-alive, the call's headers and body. */
export function requestBytes(call: RawCall): Buffer {
  const lines = [`POST ${call.path} HTTP/1.1`, `Host: 127.0.0.1:${call.port}`, 'Connection: keep-alive']
  for (const [name, value] of Object.entries(call.headers)) lines.push(`${name}: ${value}`)
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${call.body}`)
}

const headEnd = Buffer.from('\r\n\r\n')
const chunkedEnd = Buffer.from('\r\n0\r\n\r\n')

/**
 * Where the answer at the start of `data` ends (its byte length), or -1 while it is incomplete. Throws on an
 * answer that is not 200 or that carries a Tencent error, so a benchmark never counts failures as answers.
 */
function answerLength(data: Buffer): number {
  const head = data.indexOf(headEnd)
  if (head < 0) return -1
  const text = data.toString('latin1', 0, head)
  if (!text.startsWith('HTTP/1.1 200')) throw new Error(`answer: ${data.toString('utf8', 0, 300)}`)
  const length = /\r\ncontent-length: *(\d+)/i.exec(text)
  let end: number
  if (length) {
    end = head + 4 + Number(length[1])
    if (data.length < end) return -1
  } else if (/\r\ntransfer-encoding: *chunked/i.test(text)) {
    const last = data.indexOf(chunkedEnd, head + 2)
    if (last < 0) return -1
    end = last + chunkedEnd.length
  } else {
    throw new Error(`answer without a length: ${text}`)
  }
  if (data.subarray(head, end).includes('"Error":'))
    throw new Error(`answer: ${data.toString('utf8', 0, 300)}`)
  return end
}

/** `connections` sockets sending `call` back to back until `ms` have passed: each answer's latency (ms). */
export async function rawLoad(call: RawCall, connections: number, ms: number): Promise<number[]> {
  const bytes = requestBytes(call)
  const latencies: number[] = []
  const deadline = performance.now() + ms
  const sockets: Socket[] = []
  try {
    await Promise.all(
      Array.from(
        { length: connections },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = connect({ host: '127.0.0.1', port: call.port, noDelay: true })
            sockets.push(socket)
            let buffered: Buffer = Buffer.alloc(0)
            let sentAt = 0
            const send = () => {
              sentAt = performance.now()
              socket.write(bytes)
            }
            socket.on('connect', send)
            socket.on('error', reject)
            socket.on('data', (chunk: Buffer) => {
              buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk
              try {
                const end = answerLength(buffered)
                if (end < 0) return
                buffered = buffered.subarray(end)
              } catch (error) {
                return reject(error)
              }
              const now = performance.now()
              latencies.push(now - sentAt)
              if (now < deadline) send()
              else resolve()
            })
          }),
      ),
    )
  } finally {
    for (const socket of sockets) socket.destroy()
  }
  return latencies
}
