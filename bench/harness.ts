// Shared by every measurement: alternate rounds of ours and theirs so drift on a shared machine hits both,
// then compare medians.

export interface Row {
  measurement: string
  ours: string
  theirs: string
  /** How many times better we are (higher is better), already oriented. */
  ratio: number
  target: string
  pass: boolean
  note?: string
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Runs each contender once per round, in alternating order, and returns the median of each. */
export async function alternate<K extends string>(
  rounds: number,
  contenders: Record<K, () => number | Promise<number>>,
): Promise<Record<K, number>> {
  const names = Object.keys(contenders) as K[]
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse()
    for (const name of order) samples[name].push(await contenders[name]())
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>
}

/** Microseconds per call of a synchronous or promise-returning function, over `count` calls. */
export async function microsPerCall(count: number, fn: (i: number) => unknown): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < count; i++) {
    const r = fn(i)
    if (r instanceof Promise) await r
  }
  return ((performance.now() - start) * 1000) / count
}

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
