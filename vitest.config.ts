import { defineConfig } from 'vitest/config'

// One entry point for editors and `pnpm vitest`: each package keeps its own project config.
export default defineConfig({
  test: { projects: ['packages/*', 'tools/*', 'examples/node-service', 'tests/edge', 'tests/deno'] },
})
