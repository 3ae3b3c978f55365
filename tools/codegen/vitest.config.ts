import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['crs-kit-source'] },
  ssr: { resolve: { conditions: ['crs-kit-source'] } },
  // The CLI tests start real generator processes (about 1-2 s each on this machine, more under load).
  test: {
    name: 'codegen',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
