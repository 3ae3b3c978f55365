import { defineProject } from 'vitest/config'

// The handlers again under msw 2 (the peer range is ^2.4.4 || ^3): every `msw` import resolves to msw@2.
export default defineProject({
  resolve: {
    conditions: ['crs-kit-source'],
    alias: [{ find: /^msw(\/node|\/browser|\/package\.json)?$/, replacement: 'msw2$1' }],
  },
  ssr: { resolve: { conditions: ['crs-kit-source'] } },
  test: {
    name: 'msw@2',
    include: ['src/create-handlers.test.ts', 'src/redis-client.test.ts', 'src/msw-version.test.ts'],
    env: { EXPECT_MSW_MAJOR: '2' },
  },
})
