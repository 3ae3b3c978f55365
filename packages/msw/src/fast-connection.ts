import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { dropConnection } from './dispatch-call.ts'
import { cors, httpDate } from './envelope.ts'
import { hrefOf, NodeHeaders, NodeWireRequest, rawQueryOf } from './node-request.ts'
import type { WireRequest } from './protocol/read-call.ts'

type Answer = string | typeof dropConnection

export interface FastPathOptions {
  /** Whether a request for `target` is a call of the service (a control-plane path is not). */
  isServiceTarget(target: string): boolean
  /** The envelope to send, `dropConnection`, or a promise of either. */
  answer(request: WireRequest): Answer | Promise<Answer>
  /** The envelope to send when `answer` threw or rejected. */
  failure(error: unknown): string
  now(): number
  maxBodyBytes: number
  fallbackHost(): string
}

/**
 * crs-mock's service calls without node:http's request and response objects, which cost about as much as the
 * whole service: a request whose bytes are plainly valid HTTP/1.1 (see `readPlainRequest`) and complete in
 * what the connection has received is answered here, with the same bytes node:http would send. Anything else
 * (a control-plane path, OPTIONS, Expect, a chunked or oversized body, a head or body still arriving, any byte
 * node:http might read differently) hands the connection, with what it has received, to node:http for good,
 * once the answers before it are sent. Returns the connections still served here, for `close()` to end.
 */
export function serveFastPath(server: Server, options: FastPathOptions): Set<Socket> {
  const open = new Set<Socket>()
  const listeners = server.listeners('connection')
  // node:http's own connection listener, called for a handed-over connection as if it had just connected.
  if (listeners.length !== 1) return open
  const httpConnection = listeners[0] as (socket: Socket) => void
  server.removeListener('connection', httpConnection)
  server.on('connection', (socket: Socket) => {
    open.add(socket)
    new FastConnection(socket, options, server, open, () => {
      open.delete(socket)
      httpConnection.call(server, socket)
    })
  })
  return open
}

const crlf = '\r\n'
const requestLine = /^(GET|POST) (\/[\x21-\x7e]*) HTTP\/1\.1$/
/**
 * A header line of printable ASCII and tabs: its name, and its value without the blanks before it (those after
 * it are trimmed by the caller: a lazy value here would backtrack at every byte). A CR or LF that is not part of
 * the CRLF the head was split at fails it, as does any other control byte or a byte above 0x7e.
 */
const headerLine = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t ]*([\t\x20-\x7e]*)$/
/** The lengths of the names readPlainRequest looks at: host, expect, upgrade, connection, content-length, ... */
const interestingLengths = new Set(
  ['host', 'content-length', 'connection', 'proxy-connection', 'transfer-encoding', 'expect', 'upgrade'].map(
    (name) => name.length,
  ),
)
const maxHeaderLines = 100
/** A longer head goes to node:http, which has the last word on the limit (`maxHeaderBytes` in server.ts). */
const maxHeadBytes = 16 * 1024

interface PlainRequest {
  method: 'GET' | 'POST'
  target: string
  /** Names and values as received (values trimmed), as node:http's rawHeaders. */
  raw: string[]
  host: string
  close: boolean
  bodyStart: number
  /** Where the request ends in the buffer. */
  end: number
}

/**
 * The request at the start of `data` when it is complete and plain: GET or POST of an origin-form target over
 * HTTP/1.1, one Host, printable ASCII throughout its head, no Transfer-Encoding, Expect or Upgrade, at most
 * one Content-Length (none or 0 for GET) within `maxBodyBytes`, `Connection` (and
 * Proxy-Connection) absent, keep-alive or close.
 * Undefined for anything else, complete or not: node:http reads it then.
 */
function readPlainRequest(data: Buffer, maxBodyBytes: number): PlainRequest | undefined {
  const headEnd = data.indexOf('\r\n\r\n')
  if (headEnd < 0 || headEnd > maxHeadBytes) return undefined
  const head = data.toString('latin1', 0, headEnd)
  const lines = head.split(crlf)
  const first = requestLine.exec(lines[0]!)
  if (!first || lines.length > maxHeaderLines) return undefined
  const raw: string[] = []
  let host: string | undefined
  let length: string | undefined
  let close = false
  for (let i = 1; i < lines.length; i++) {
    const field = headerLine.exec(lines[i]!)
    if (!field) return undefined
    const name = field[1]!
    // Only blanks can end the value: trimEnd removes the spaces and tabs node:http trims, nothing else.
    const value = field[2]!.trimEnd()
    raw.push(name, value)
    // Only names of these lengths matter below: most headers are not lower-cased at all.
    if (!interestingLengths.has(name.length)) continue
    switch (name.toLowerCase()) {
      case 'host':
        if (host !== undefined) return undefined
        host = value
        break
      case 'content-length':
        if (length !== undefined || !/^\d{1,10}$/.test(value)) return undefined
        length = value
        break
      // node:http reads Proxy-Connection as Connection.
      case 'connection':
      case 'proxy-connection': {
        const option = value.toLowerCase()
        if (option === 'close') close = true
        else if (option !== 'keep-alive') return undefined
        break
      }
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return undefined
    }
  }
  const method = first[1] as 'GET' | 'POST'
  const bodyLength = length === undefined ? 0 : Number(length)
  if (host === undefined || bodyLength > maxBodyBytes || (method === 'GET' && bodyLength > 0))
    return undefined
  const bodyStart = headEnd + 4
  const end = bodyStart + bodyLength
  if (data.length < end) return undefined
  return { method, target: first[2]!, raw, host, close, bodyStart, end }
}

const empty = new Uint8Array(0)
// The answer's head as node:http writes it for crs-mock's writeHead, up to the Date value.
const headStart = `HTTP/1.1 200 OK\r\n${Object.entries(cors)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('')}content-type: application/json\r\nDate: `

/** One connection answered here until it is handed to node:http or closes. */
class FastConnection {
  #buffer: Buffer | undefined
  /**
   * An answer is on its way (an override's delay): later requests wait for it, as their answers must, and the
   * connection reads no more meanwhile. A client's end may still arrive: the plain calls received before it are
   * answered, and anything else after them is dropped (node:http cannot take a connection whose end was read).
   */
  #busy = false
  /** The client reads more slowly than it asks: nothing more is read or run until what is written drains. */
  #draining = false
  /** Answered here no longer: closed, closing, or handed to node:http. */
  #done = false
  /** The client has ended its side (no more requests will come). */
  #ended = false
  /** An answer has been sent: from then on the idle time is node:http's keep-alive time. */
  #answered = false
  readonly #socket: Socket
  readonly #options: FastPathOptions
  readonly #keepAlive: string
  readonly #handOver: () => void

  constructor(
    socket: Socket,
    options: FastPathOptions,
    server: Server,
    open: Set<Socket>,
    handOver: () => void,
  ) {
    this.#socket = socket
    this.#options = options
    this.#handOver = handOver
    this.#keepAlive = `\r\nConnection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(server.keepAliveTimeout / 1000)}\r\n\r\n`
    socket.on('data', this.#onData)
    socket.on('end', this.#onEnd)
    socket.on('error', this.#onError)
    socket.on('timeout', this.#onTimeout)
    // Idle this long before its first request, the connection goes to node:http, which has its own rules for that.
    socket.setTimeout(server.keepAliveTimeout + (server.keepAliveTimeoutBuffer ?? 0))
    socket.once('close', () => {
      this.#done = true
      open.delete(socket)
    })
  }

  readonly #onData = (chunk: Buffer) => {
    // After a `Connection: close` answer, what the client still sends is dropped, as node:http drops it.
    if (this.#done) return
    this.#buffer = this.#buffer ? Buffer.concat([this.#buffer, chunk]) : chunk
    this.#serve()
  }

  readonly #onEnd = () => {
    this.#ended = true
    if (!this.#busy && !this.#draining) this.#finish()
  }

  /** The client has sent its last byte and every complete request is answered: close, as node:http does. */
  #finish(): void {
    this.#done = true
    this.#buffer = undefined
    this.#socket.end()
  }

  readonly #onError = () => {
    this.#socket.destroy()
  }

  readonly #onTimeout = () => {
    // Idle, that is: not while an answer is held back or waits for the client to read it (node:http neither).
    if (this.#busy || this.#draining) return
    if (this.#answered) this.#socket.destroy()
    else this.#giveToNodeHttp()
  }

  readonly #onDrain = () => {
    this.#draining = false
    this.#carryOn()
  }

  /** After a delayed answer or a drain: read again, answer what waited, and close if the client has ended. */
  #carryOn(): void {
    if (this.#done || this.#busy || this.#draining) return
    // resume() takes effect on a later tick: no data or end arrives before the requests buffered are served.
    this.#socket.resume()
    this.#serve()
    if (this.#ended && !this.#done && !this.#busy && !this.#draining) this.#finish()
  }

  /** Answers the complete plain requests received, in order, until one is not (or an answer is pending). */
  #serve(): void {
    const { maxBodyBytes } = this.#options
    while (this.#buffer !== undefined && !this.#busy && !this.#draining && !this.#done) {
      const request = readPlainRequest(this.#buffer, maxBodyBytes)
      if (!request || !this.#options.isServiceTarget(request.target)) {
        // Once the client's end has been read, node:http can no longer take the connection over.
        if (this.#ended) this.#finish()
        else this.#giveToNodeHttp()
        return
      }
      const data = this.#buffer
      this.#buffer = request.end < data.length ? data.subarray(request.end) : undefined
      this.#call(request, data)
    }
  }

  #call(request: PlainRequest, data: Buffer): void {
    const { target } = request
    const wire = new NodeWireRequest(
      request.method,
      hrefOf(request.host, target, this.#options.fallbackHost()),
      rawQueryOf(target),
      new NodeHeaders(request.raw),
      request.end > request.bodyStart ? data.subarray(request.bodyStart, request.end) : empty,
    )
    let answer: Answer | Promise<Answer>
    try {
      answer = this.#options.answer(wire)
    } catch (e) {
      answer = this.#options.failure(e)
    }
    if (!(answer instanceof Promise)) {
      this.#send(answer, request.close)
      return
    }
    this.#busy = true
    this.#socket.pause()
    answer
      .catch((e: unknown) => this.#options.failure(e))
      .then((settled) => {
        this.#busy = false
        this.#send(settled, request.close)
        this.#carryOn()
      })
  }

  #send(answer: Answer, close: boolean): void {
    const socket = this.#socket
    if (this.#done) return
    if (answer === dropConnection) {
      this.#done = true
      socket.destroy()
      return
    }
    const ending = close ? '\r\nConnection: close\r\n\r\n' : this.#keepAlive
    const flushed = socket.write(
      `${headStart}${httpDate(this.#options.now())}\r\nContent-Length: ${Buffer.byteLength(answer)}${ending}${answer}`,
    )
    if (close) {
      // Closed both ways once the answer is out, as node:http closes it.
      this.#done = true
      this.#buffer = undefined
      socket.destroySoon()
      return
    }
    if (!flushed) {
      this.#draining = true
      socket.pause()
      socket.once('drain', this.#onDrain)
    }
    // node:http closes a kept-alive connection idle this long after an answer (its advertised timeout plus a margin).
    this.#answered = true
  }

  #giveToNodeHttp(): void {
    const socket = this.#socket
    this.#done = true
    socket.removeListener('data', this.#onData)
    socket.removeListener('end', this.#onEnd)
    socket.removeListener('error', this.#onError)
    socket.removeListener('timeout', this.#onTimeout)
    socket.removeListener('drain', this.#onDrain)
    socket.setTimeout(0)
    if (this.#buffer) socket.unshift(this.#buffer)
    this.#buffer = undefined
    this.#handOver()
  }
}
