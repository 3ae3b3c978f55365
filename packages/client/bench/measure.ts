/** Median of `rounds` timings of `iterations` calls, in microseconds per call, after a warm-up. */
export function microsPerCall(fn: (i: number) => unknown, iterations = 50_000, rounds = 7): number {
  for (let i = 0; i < iterations / 5; i++) fn(i)
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) fn(i)
    samples.push(((performance.now() - start) * 1000) / iterations)
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!
}

export const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`)
