import type { ActionName } from '@crs-kit/core'

// How a user finds out whether a non-idempotent call ran. The spec has no field for this yet, so the
// knowledge lives here; an action without an entry gets the generic advice.
const checks: Partial<Record<ActionName, (input: Record<string, unknown>, since: string) => string>> = {
  ManualBackupInstance: (input, since) =>
    `call DescribeInstanceBackups with InstanceId ${JSON.stringify(input.InstanceId)} and BeginTime ` +
    `"${since}" and look for a manual backup (BackupType "0").`,
}

/** `YYYY-MM-DD HH:mm:ss` in China Standard Time (UTC+8), the clock the service's StartTime uses. */
export function chinaStandardTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** What to check before calling `action` again after an unknown outcome at `startedAtMs`. */
export function outcomeCheck(
  action: ActionName,
  input: Record<string, unknown>,
  startedAtMs: number,
): string {
  // A minute of slack covers the gap between our clock and the time the service stamps.
  const since = chinaStandardTime(startedAtMs - 60_000)
  return checks[action]?.(input, since) ?? `check whether ${action} took effect (its resource's state) first.`
}
