import { defineProject } from 'vitest/config'

// No crs-kit-source condition: the worker is bundled from the packages' dist, as published.
export default defineProject({ test: { name: 'edge', testTimeout: 60_000, include: ['src/**/*.test.ts'] } })
