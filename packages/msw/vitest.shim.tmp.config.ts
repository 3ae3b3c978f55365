import { defineProject } from 'vitest/config'
export default defineProject({
  resolve: {
    conditions: ['crs-kit-source'],
    alias: [{ find: /^@crs-kit\/core$/, replacement: '/tmp/mswtmp/core-shim.ts' }],
  },
  ssr: { resolve: { conditions: ['crs-kit-source'] } },
  test: { name: 'shim', include: ['src/**/*.test.ts'], env: { EXPECT_MSW_MAJOR: '3' } },
})
