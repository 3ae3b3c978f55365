import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

/** Starts a script that prints a port (or a `listening on URL` line) and returns its origin. */
export async function startChild(
  args: string[],
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const [first] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string]
  const url = /https?:\/\/\S+/.exec(first)?.[0] ?? `http://127.0.0.1:${first.trim()}`
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
