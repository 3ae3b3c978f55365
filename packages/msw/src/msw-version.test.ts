import mswPackage from 'msw/package.json' with { type: 'json' }
import { expect, it } from 'vitest'

// Proves which msw major a run uses: vitest.config.ts runs msw 3, vitest.msw2.config.ts msw 2.
it('runs on the msw major the config names', () => {
  expect(mswPackage.version.split('.')[0]).toBe(process.env.EXPECT_MSW_MAJOR)
})
