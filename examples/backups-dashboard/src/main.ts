import { RedisClient, TencentCloudError } from '@crs-kit/client'
import { demoCredentials, startMockService } from './mock-service.ts'
import { renderBackups } from './render-backups.ts'

const InstanceId = 'crs-5a4py64p'
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const message = $<HTMLParagraphElement>('message')
const say = (text: string, error = false) => {
  message.textContent = text
  message.className = error ? 'error' : ''
}

await startMockService()
$('instance').textContent = InstanceId
$('mode').textContent = 'mocked by @crs-kit/msw in a service worker'
const client = new RedisClient({ region: 'ap-guangzhou', credentials: demoCredentials })

const filters = $<HTMLFormElement>('filters')
function readFilters() {
  const form = new FormData(filters)
  return {
    limit: Number(form.get('limit')),
    status: String(form.get('status')),
    begin: String(form.get('begin')).trim(),
    end: String(form.get('end')).trim(),
  }
}
// The filters as last applied: paging and the automatic refresh keep them while the form is edited, until Apply
// (reading the form there paged by a Per page not applied yet: an Offset that is no multiple of the Limit).
let applied = readFilters()
let offset = 0
let refresh: ReturnType<typeof setTimeout> | undefined
// Only the newest listing is drawn: an automatic refresh that answers late must not overwrite a newer page.
let latest = 0

async function load() {
  clearTimeout(refresh)
  const call = ++latest
  const { limit, status, begin, end } = applied
  try {
    const page = await client.describeInstanceBackups({
      InstanceId,
      Limit: limit,
      Offset: offset,
      ...(status ? { Status: [Number(status) as 1 | 2 | -1] } : {}),
      ...(begin ? { BeginTime: begin } : {}),
      ...(end ? { EndTime: end } : {}),
    })
    if (call !== latest) return
    renderBackups($('rows'), page.BackupSet)
    const pages = Math.max(1, Math.ceil(page.TotalCount / limit))
    const count = `${page.TotalCount} backup${page.TotalCount === 1 ? '' : 's'}`
    $('page').textContent = `page ${Math.floor(offset / limit) + 1} of ${pages} · ${count}`
    $<HTMLButtonElement>('prev').disabled = offset === 0
    $<HTMLButtonElement>('next').disabled = offset + limit >= page.TotalCount
    // Keep watching while a backup runs, so its row turns from in-progress to normal by itself.
    if (page.BackupSet.some((b) => b.Status === 1)) refresh = setTimeout(load, 1000)
  } catch (error) {
    if (call === latest) say(error instanceof Error ? error.message : String(error), true)
  }
}

filters.addEventListener('submit', (event) => {
  event.preventDefault()
  applied = readFilters()
  offset = 0
  say('')
  void load()
})
$('prev').addEventListener('click', () => {
  offset = Math.max(0, offset - applied.limit)
  say('')
  void load()
})
$('next').addEventListener('click', () => {
  offset += applied.limit
  say('')
  void load()
})
$<HTMLFormElement>('start').addEventListener('submit', async (event) => {
  event.preventDefault()
  const Remark = String(new FormData(event.target as HTMLFormElement).get('remark'))
  try {
    const { TaskId } = await client.manualBackupInstance({ InstanceId, Remark })
    say(`Backup started: task ${TaskId}`)
    await load()
  } catch (error) {
    say(error instanceof TencentCloudError ? `${error.code}: ${error.message}` : String(error), true)
  }
})
await load()
