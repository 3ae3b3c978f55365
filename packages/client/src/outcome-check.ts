import { type ActionName, formatTcTime } from '@crs-kit/core'

// How a user finds out whether a non-idempotent call ran. The spec has no field for this yet, so the
// knowledge lives here; an action without an entry gets the generic advice.
const checks: Partial<Record<ActionName, (input: Record<string, unknown>, since: string) => string>> = {
  ManualBackupInstance: (input, since) =>
    `call DescribeInstanceBackups with InstanceId ${JSON.stringify(input.InstanceId)} and BeginTime ` +
    `"${since}" and look for a manual backup (BackupType "0").`,
}

/** What to check before calling `action` again after an unknown outcome at `startedAtMs`. */
export function outcomeCheck(
  action: ActionName,
  input: Record<string, unknown>,
  startedAtMs: number,
): string {
  // A minute of slack covers the gap between our clock and the time the service stamps (its StartTime is in
  // China Standard Time, as formatTcTime writes).
  const since = formatTcTime(startedAtMs - 60_000)
  return checks[action]?.(input, since) ?? `check whether ${action} took effect (its resource's state) first.`
}
