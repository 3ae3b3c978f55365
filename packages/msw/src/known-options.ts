import { shown } from './shown.ts'

/** Edit distance with adjacent swaps (optimal string alignment): `hsots` is one from `hosts`. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!
    const above = rows[i - 1]!
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1)
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The known option `key` was most likely meant as: the same name in another case (`backupDurationMS`), or one
 * letter off (two for names of 8 letters or more: `backupDuration`), ignoring case.
 */
export function closestOption(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const name of known) {
    const d = distance(key.toLowerCase(), name.toLowerCase())
    if (d <= (name.length >= 8 ? 2 : 1) && d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

/**
 * Refuses options that are not an object, and option names `known` does not list (`hidden` ones are taken but not
 * listed: internal ones), with a TypeError naming each and the known option it is close to: a misspelt option would
 * otherwise be ignored without a word. A key set to undefined (an optional field of a spread config) counts as absent.
 */
export function checkKnownOptions(
  where: string,
  options: unknown,
  known: readonly string[],
  hidden: readonly string[] = [],
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`[crs-kit/msw] ${where}: options must be an object, got ${shown(options)}`)
  const unknown = Object.entries(options)
    .filter(([key, value]) => value !== undefined && !known.includes(key) && !hidden.includes(key))
    .map(([key]) => {
      const close = closestOption(key, known)
      return `"${key}"${close === undefined ? '' : ` (did you mean "${close}"?)`}`
    })
  if (unknown.length > 0)
    throw new TypeError(
      `[crs-kit/msw] ${where}: unknown ${unknown.length > 1 ? 'options' : 'option'} ${unknown.join(', ')}; the options are ${known.join(', ')}`,
    )
}
