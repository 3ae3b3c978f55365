import { connect } from 'node:net'

/**
 * Writes raw bytes to a server on loopback and collects what comes back (as latin1 text) until it closes or goes
 * quiet for 300 ms. `halfClose` ends our side after the bytes, as a client with nothing more to send does; without
 * it the connection stays open both ways, as a keep-alive client's does.
 */
export function rawExchange(
  port: number,
  bytes: string | Uint8Array,
  { halfClose = false } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    const done = () => {
      socket.destroy()
      resolve(text)
    }
    socket.setTimeout(300, done)
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
    })
    socket.on('error', done)
    socket.on('close', done)
    if (halfClose) socket.end(bytes)
    else socket.write(bytes)
  })
}
