import { defineProject } from 'vitest/config'
export default defineProject({
  resolve: {
    conditions: ['crs-kit-source'],
    alias: [
      { find: /^@crs-kit\/core$/, replacement: '/tmp/mswtmp/core-shim.ts' },
      { find: /^msw(\/node|\/browser|\/package\.json)?$/, replacement: 'msw2$1' },
    ],
  },
  ssr: { resolve: { conditions: ['crs-kit-source'] } },
  test: {
    name: 'shim2',
    include: ['src/create-handlers.test.ts', 'src/msw-version.test.ts'],
    env: { EXPECT_MSW_MAJOR: '2' },
  },
})
