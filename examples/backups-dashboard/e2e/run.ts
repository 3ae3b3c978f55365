// End-to-end: the built dashboard in Debian's Chromium, with the mock service in its service worker.
// Prints `N passed, N failed` and saves test-results/dashboard.png (the end state) and locked.png.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
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

/** The table shows exactly these rows, each named by its BackupId or Remark. */
async function expectRows(page: Page, expected: string[]) {
  const rows = await page.locator('#rows tr').allTextContents()
  const match = rows.length === expected.length && expected.every((e, i) => rows[i]?.includes(e))
  if (!match) throw new Error(`rows ${JSON.stringify(rows)}, expected ${JSON.stringify(expected)}`)
}

await step('the browser bundle has the web runtime: no Node built-in imported', async () => {
  const assets = join(root, 'dist/assets')
  const code = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n')
  const builtins = code.match(/["'`]node:[a-z_/]+["'`]/g)
  if (builtins) throw new Error(`the bundle imports ${[...new Set(builtins)].join(', ')}`)
})

const server = await preview({
  root,
  preview: { port: 0, host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
})
// A fresh, empty profile for every run: no service worker or storage left over from a previous one.
const profile = mkdtempSync(join(tmpdir(), 'crs-dashboard-profile-'))
let browser: BrowserContext | undefined
try {
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report a URL')
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    viewport: { width: 1000, height: 720 },
    timeout: 60_000,
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
  const page = browser.pages()[0] ?? (await browser.newPage())
  page.setDefaultTimeout(15_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`)
  })
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
    // The moment worth seeing: the running backup and the service's refusal of a second one.
    await page.screenshot({ path: join(results, 'locked.png'), fullPage: true })
  })

  await step('the new backup turns normal by itself', async () => {
    await rowStatus(page, 'e2e nightly').filter({ hasText: 'normal' }).waitFor()
  })

  await step('pages with Limit 1 and filters by status', async () => {
    await page.selectOption('#filters select[name=limit]', '1')
    await page.click('#filters button')
    await page.locator('#page', { hasText: 'page 1 of 3 · 3 backups' }).waitFor()
    const stale = await page.locator('#message').textContent()
    if (stale) throw new Error(`the earlier message is still shown: ${stale}`)
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

  await step('filters by start time (From / To)', async () => {
    // The seed backups started at 12:51:21 and 12:53:06 on 2018-09-04; the new one started today.
    await page.fill('#filters input[name=begin]', '2018-09-04 12:52:00')
    await page.click('#filters button')
    await page.locator('#page', { hasText: '2 backups' }).waitFor()
    await expectRows(page, [seedIds[1]!, 'e2e nightly'])
    await page.fill('#filters input[name=begin]', '')
    await page.fill('#filters input[name=end]', '2018-09-04 12:52:00')
    await page.click('#filters button')
    await page.locator('#page', { hasText: '1 backup' }).waitFor()
    await expectRows(page, [seedIds[0]!])
    await page.fill('#filters input[name=end]', '')
    await page.click('#filters button')
    await page.locator('#page', { hasText: '3 backups' }).waitFor()
  })

  await step('paging keeps the applied filters while the form is edited but not applied', async () => {
    await page.selectOption('#filters select[name=limit]', '1')
    await page.click('#filters button')
    await page.locator('#page', { hasText: 'page 1 of 3 · 3 backups' }).waitFor()
    await page.click('#next')
    await page.locator('#page', { hasText: 'page 2 of 3' }).waitFor()
    // Edited, not applied: Next still pages by 1 with every status, as the page line says.
    await page.selectOption('#filters select[name=limit]', '5')
    await page.selectOption('#filters select[name=status]', '1')
    await page.click('#next')
    await page.locator('#page', { hasText: 'page 3 of 3 · 3 backups' }).waitFor()
    await expectRows(page, ['e2e nightly'])
    const message = await page.locator('#message').textContent()
    if (message) throw new Error(`the page shows: ${message}`)
    await page.selectOption('#filters select[name=status]', '')
    await page.click('#filters button')
    await page.locator('#page', { hasText: 'page 1 of 1 · 3 backups' }).waitFor()
  })

  await step('the page raised no errors', async () => {
    if (pageErrors.length > 0) throw new Error(pageErrors.join('\n'))
  })
  await page.screenshot({ path: join(results, 'dashboard.png'), fullPage: true })
} catch (error) {
  failed++
  console.log(`not ok the dashboard opens in Chromium\n  ${(error as Error).message}`)
} finally {
  await browser?.close()
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
  rmSync(profile, { recursive: true, force: true })
}
writeFileSync(join(results, 'e2e.json'), JSON.stringify({ passed, failed }))
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
