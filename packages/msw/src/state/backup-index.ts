import type { RedisBackupSet } from '@crs-kit/core'

/**
 * One stored backup: its sort key (start time in ms, then insertion sequence), the live record and, once
 * listed, the record's JSON. Whatever changes the record clears `json` (`changeRecord`, `BackupIndex.setStatus`).
 */
export interface IndexEntry {
  readonly startMs: number
  readonly seq: number
  readonly backup: RedisBackupSet
  json: string | undefined
}

/** The entry's record as JSON, written once and kept until the record changes. */
export const recordJson = (entry: IndexEntry): string => (entry.json ??= JSON.stringify(entry.backup))

/** Changes fields of an entry's record (not its Status or StartTime, which order the index: see setStatus). */
export function changeRecord(
  entry: IndexEntry,
  fields: Partial<Omit<RedisBackupSet, 'Status' | 'StartTime'>>,
) {
  Object.assign(entry.backup, fields)
  entry.json = undefined
}

export interface IndexQuery {
  /** Inclusive bounds on the start time, epoch milliseconds. */
  beginMs?: number | undefined
  endMs?: number | undefined
  statuses?: readonly number[] | undefined
  offset: number
  limit: number
}

type Slice = { list: IndexEntry[]; lo: number; hi: number }

const before = (a: IndexEntry, startMs: number, seq: number) =>
  a.startMs < startMs || (a.startMs === startMs && a.seq < seq)

/** First position in `list` whose entry is not before (startMs, seq). */
function lowerBound(list: IndexEntry[], startMs: number, seq: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(list[mid]!, startMs, seq)) lo = mid + 1
    else hi = mid
  }
  return lo
}

function insertSorted(list: IndexEntry[], entry: IndexEntry) {
  // New backups start "now", so the common case is an append; splice only for out-of-order seeds.
  const last = list[list.length - 1]
  if (!last || before(last, entry.startMs, entry.seq)) list.push(entry)
  else list.splice(lowerBound(list, entry.startMs, entry.seq), 0, entry)
}

function removeSorted(list: IndexEntry[], entry: IndexEntry) {
  const at = lowerBound(list, entry.startMs, entry.seq)
  if (list[at] === entry) list.splice(at, 1)
}

/**
 * An instance's backups ordered by start time, then by the order they were added (the documented listing
 * order). A sorted array per status next to the full one lets a page be found by binary search, so listing
 * costs O(log n + page) whatever the number of backups, with or without filters.
 */
export class BackupIndex {
  readonly #all: IndexEntry[] = []
  readonly #byStatus = new Map<number, IndexEntry[]>()
  readonly #byId = new Map<string, IndexEntry>()
  #seq = 0

  get size(): number {
    return this.#all.length
  }

  get(backupId: string): IndexEntry | undefined {
    return this.#byId.get(backupId)
  }

  insert(backup: RedisBackupSet, startMs: number): IndexEntry {
    const entry: IndexEntry = { startMs, seq: this.#seq++, backup, json: undefined }
    insertSorted(this.#all, entry)
    insertSorted(this.#statusList(backup.Status), entry)
    this.#byId.set(backup.BackupId, entry)
    return entry
  }

  remove(backupId: string): boolean {
    const entry = this.#byId.get(backupId)
    if (!entry) return false
    removeSorted(this.#all, entry)
    removeSorted(this.#statusList(entry.backup.Status), entry)
    this.#byId.delete(backupId)
    return true
  }

  setStatus(backupId: string, status: RedisBackupSet['Status']): void {
    const entry = this.#byId.get(backupId)
    if (!entry || entry.backup.Status === status) return
    removeSorted(this.#statusList(entry.backup.Status), entry)
    entry.backup.Status = status
    entry.json = undefined
    insertSorted(this.#statusList(status), entry)
  }

  /** Every entry in listing order (O(n): for inspection, not for serving pages). */
  entries(): readonly IndexEntry[] {
    return this.#all
  }

  query(q: IndexQuery): { total: number; items: IndexEntry[] } {
    const lists = q.statuses ? [...new Set(q.statuses)].map((s) => this.#byStatus.get(s) ?? []) : [this.#all]
    const slices: Slice[] = lists.map((list) => ({
      list,
      lo: q.beginMs === undefined ? 0 : lowerBound(list, q.beginMs, -1),
      hi: q.endMs === undefined ? list.length : lowerBound(list, q.endMs + 1, -1),
    }))
    const live = slices.filter((s) => s.lo < s.hi)
    const total = live.reduce((sum, s) => sum + (s.hi - s.lo), 0)
    if (q.offset >= total || q.limit <= 0) return { total, items: [] }
    if (live.length === 1) {
      const only = live[0]!
      return {
        total,
        items: only.list.slice(only.lo + q.offset, Math.min(only.hi, only.lo + q.offset + q.limit)),
      }
    }
    return { total, items: mergePage(live, q.offset, q.limit) }
  }

  #statusList(status: number): IndexEntry[] {
    const list = this.#byStatus.get(status) ?? []
    this.#byStatus.set(status, list)
    return list
  }
}

/** Where `e` would sit in each slice: its position there, absolute. */
function positionsOf(slices: Slice[], e: IndexEntry): number[] {
  return slices.map((s) => lowerBound(s.list, e.startMs, e.seq, s.lo, s.hi))
}

/** How many entries of all slices sort before `e` (its rank in the merged order). */
function rankOf(slices: Slice[], positions: number[]): number {
  return positions.reduce((sum, p, i) => sum + p - slices[i]!.lo, 0)
}

/**
 * The page [offset, offset+limit) of the merge of several sorted slices, without walking the skipped part:
 * the entry of rank `offset` is found by binary search in each slice (O(k² log² n)), then `limit` entries
 * are merged from there.
 */
function mergePage(slices: Slice[], offset: number, limit: number): IndexEntry[] {
  // Offset 0 (the first page, the common case) starts at each slice's beginning.
  let cursors: number[] | undefined = offset === 0 ? slices.map((s) => s.lo) : undefined
  for (const s of cursors ? [] : slices) {
    let lo = s.lo
    let hi = s.hi
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (rankOf(slices, positionsOf(slices, s.list[mid]!)) < offset) lo = mid + 1
      else hi = mid
    }
    if (lo === s.hi) continue
    const positions = positionsOf(slices, s.list[lo]!)
    if (rankOf(slices, positions) === offset) {
      cursors = positions
      break
    }
  }
  if (!cursors) return []
  const page: IndexEntry[] = []
  while (page.length < limit) {
    let pick = -1
    let best: IndexEntry | undefined
    for (let i = 0; i < slices.length; i++) {
      const s = slices[i]!
      const e = cursors[i]! < s.hi ? s.list[cursors[i]!] : undefined
      if (e && (!best || before(e, best.startMs, best.seq))) {
        pick = i
        best = e
      }
    }
    if (!best) break
    page.push(best)
    cursors[pick]!++
  }
  return page
}
