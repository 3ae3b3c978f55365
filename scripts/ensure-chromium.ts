// The browser tests (the client in an insecure page, the dashboard's e2e) drive Debian's Chromium: no browser
// download works here. On a fresh Debian machine run as root, as CI's is, it is installed from apt first, so that
// the README's test command needs only Node and npm; elsewhere this says what to install, before the long run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const packages = ['chromium', 'fonts-ipafont-gothic']
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0

if (!existsSync(chromium)) {
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0 || !has('apt-get')) {
    console.error(
      `The browser tests need Chromium at ${chromium}: install Debian's ${packages.join(' and ')} ` +
        '(apt-get install), or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    )
    process.exit(1)
  }
  console.log(`Chromium is not at ${chromium}: installing Debian's ${packages.join(' and ')} with apt-get.`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env })
    if (run.status !== 0) {
      console.error(
        `apt-get ${args.join(' ')} failed (exit ${run.status}): install ${packages.join(' and ')} yourself.`,
      )
      process.exit(1)
    }
  }
  if (!existsSync(chromium)) {
    console.error(`apt-get installed ${packages.join(' and ')}, but there is still no ${chromium}.`)
    process.exit(1)
  }
}
