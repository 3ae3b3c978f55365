import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['crs-kit-source'] },
  ssr: { resolve: { conditions: ['crs-kit-source'] } },
  test: { name: 'client', testTimeout: 30_000, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
})
