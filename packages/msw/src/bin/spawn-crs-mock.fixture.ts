import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('./crs-mock.ts', import.meta.url))

export interface RunningMock {
  child: ChildProcess
  url: string
  /** The first stdout line, exactly as printed. */
  line: string
  /** Everything written to stderr so far. */
  stderr(): string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts the crs-mock bin from source as a real child process (Node strips the types; the
 * `crs-kit-source` condition resolves @crs-kit/core to its source) and waits for its listening line.
 */
export function spawnCrsMock(args: readonly string[]): Promise<RunningMock> {
  const child = spawn(process.execPath, ['--conditions=crs-kit-source', bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`crs-mock did not start within 15 s: ${err}`))
    }, 15_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const newline = out.indexOf('\n')
      if (newline < 0) return
      clearTimeout(timer)
      const line = out.slice(0, newline)
      const url = line.replace(/^crs-mock listening on /, '')
      resolve({
        child,
        url,
        line,
        stderr: () => err,
        stop(signal = 'SIGTERM') {
          if (child.exitCode === null) child.kill(signal)
          return exited
        },
      })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`crs-mock exited with ${code} before listening: ${err}`))
    })
  })
}
