import type { RedisBackupSet } from '@crs-kit/client'

const statusNames: Record<number, string> = {
  1: 'in progress',
  2: 'normal',
  3: 'converting to RDB',
  4: 'RDB ready',
  [-1]: 'expired',
  [-2]: 'deleted',
}
const typeNames: Record<string, string> = { '0': 'manual', '1': 'automatic', '2': 'spec change' }

export function renderBackups(tbody: HTMLElement, backups: readonly RedisBackupSet[]) {
  tbody.replaceChildren(
    ...backups.map((b) => {
      const row = document.createElement('tr')
      row.dataset.backupId = b.BackupId
      const cells = [
        b.BackupId,
        b.StartTime,
        typeNames[b.BackupType] ?? b.BackupType,
        statusNames[b.Status] ?? String(b.Status),
        b.Remark,
      ]
      for (const text of cells) row.append(Object.assign(document.createElement('td'), { textContent: text }))
      row.children[3]!.className = `status-${b.Status}`
      return row
    }),
  )
}
