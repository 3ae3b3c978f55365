/**
 * The known name closest to a misspelled one, if it is close enough to be what was meant: at most a third of
 * its letters changed (so `x-tc-paginaton` finds `x-tc-pagination`, and `Limit` does not find `Total`). Case
 * differences count half, since `RequestID` for `RequestId` is the commonest slip.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const d = distance(name, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(1, name.length / 3)
    ? best
    : undefined
}

/** Levenshtein distance, two rows; only run when a check has already failed. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!
      const y = b[j - 1]!
      const substitution = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution)
    }
    previous = current
  }
  return previous[b.length]!
}
