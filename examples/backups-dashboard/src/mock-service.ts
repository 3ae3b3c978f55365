import { createHandlers } from '@crs-kit/msw'
import { setupWorker } from 'msw/browser'

export const demoCredentials = { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' }

/**
 * The service, mocked in a service worker: the page's real fetches to redis.tencentcloudapi.com are answered
 * by @crs-kit/msw, signatures checked against the demo key. Backups take 3 s so progress is visible.
 */
export async function startMockService() {
  const mock = createHandlers({ credentials: [demoCredentials], backupDurationMs: 3000 })
  await setupWorker(...mock.handlers).start({ quiet: true })
  return mock
}
