import { defineProject } from 'vitest/config'

// No crs-kit-source condition: Deno runs the packages' dist, as published.
export default defineProject({ test: { name: 'deno', testTimeout: 60_000, include: ['src/**/*.test.ts'] } })
