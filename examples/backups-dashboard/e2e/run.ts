// End-to-end: the built dashboard in Debian's Chromium, with the mock service in its service worker.
// Prints `N passed, N failed` and saves test-results/dashboard.png.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { preview } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
mkdirSync(results, { recursive: true })
const seedIds = ['2e4127f8-affe-11e8-941e-4846fb00c75d', '6cbbf53a-affe-11e8-905b-4846fb00c75d']
let passed = 0
let failed = 0

async function step(name: string, fn: () => Promise<void>) {
  try {
    await fn()
    passed++
    console.log(`ok ${name}`)
  } catch (error) {
    failed++
    console.log(
      `not ok ${name}\n  ${String((error as Error).message ?? error)
        .split('\n')
        .join('\n  ')}`,
    )
  }
}

const rowStatus = (page: Page, remark: string) =>
  page.locator('#rows tr', { hasText: remark }).locator('td').nth(3)

const server = await preview({
  root,
  preview: { port: 0, host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
})
const url = server.resolvedUrls?.local[0]
if (!url) throw new Error('vite preview did not report a URL')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 720 } })
  page.setDefaultTimeout(15_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(url)

  await step('lists the two seed backups', async () => {
    for (const id of seedIds) await page.locator(`#rows tr[data-backup-id="${id}"]`).waitFor()
    const text = await page.locator('#page').textContent()
    if (!text?.includes('2 backups')) throw new Error(`page line says ${text}`)
  })

  await step('starting a backup adds an in-progress row', async () => {
    await page.fill('#start input[name=remark]', 'e2e nightly')
    await page.click('#start button')
    await page.locator('#message', { hasText: 'Backup started: task' }).waitFor()
    await rowStatus(page, 'e2e nightly').filter({ hasText: 'in progress' }).waitFor()
  })

  await step('a second backup while the first runs shows the lock error', async () => {
    await page.fill('#start input[name=remark]', 'too soon')
    await page.click('#start button')
    await page.locator('#message.error', { hasText: 'ResourceUnavailable.InstanceLockedError' }).waitFor()
    if ((await page.locator('#rows tr', { hasText: 'too soon' }).count()) !== 0)
      throw new Error('a row was added')
  })

  await step('the new backup turns normal by itself', async () => {
    await rowStatus(page, 'e2e nightly').filter({ hasText: 'normal' }).waitFor()
  })

  await step('pages with Limit 1 and filters by status', async () => {
    await page.selectOption('#filters select[name=limit]', '1')
    await page.click('#filters button')
    await page.locator('#page', { hasText: 'page 1 of 3 · 3 backups' }).waitFor()
    await page.locator(`#rows tr[data-backup-id="${seedIds[0]}"]`).waitFor()
    await page.click('#next')
    await page.locator('#page', { hasText: 'page 2 of 3' }).waitFor()
    await page.locator(`#rows tr[data-backup-id="${seedIds[1]}"]`).waitFor()
    await page.click('#next')
    await page.locator('#rows tr', { hasText: 'e2e nightly' }).waitFor()
    if (!(await page.locator('#next').isDisabled())) throw new Error('Next is enabled on the last page')
    await page.click('#prev')
    await page.locator('#page', { hasText: 'page 2 of 3' }).waitFor()
    await page.selectOption('#filters select[name=limit]', '5')
    await page.selectOption('#filters select[name=status]', '2')
    await page.click('#filters button')
    await page.locator('#page', { hasText: 'page 1 of 1 · 3 backups' }).waitFor()
    await page.selectOption('#filters select[name=status]', '1')
    await page.click('#filters button')
    await page.locator('#page', { hasText: '0 backups' }).waitFor()
    await page.selectOption('#filters select[name=status]', '')
    await page.click('#filters button')
    await page.locator('#page', { hasText: '3 backups' }).waitFor()
  })

  await step('the page raised no errors', async () => {
    if (pageErrors.length > 0) throw new Error(pageErrors.join('\n'))
  })
  await page.screenshot({ path: join(results, 'dashboard.png'), fullPage: true })
} finally {
  await browser.close()
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
}
writeFileSync(join(results, 'e2e.json'), JSON.stringify({ passed, failed }))
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
