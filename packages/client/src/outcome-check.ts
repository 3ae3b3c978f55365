import { type ActionName, type ActionTypes, formatTcTime } from '@crs-kit/core'

// How a user finds out whether a non-idempotent call ran. The spec has no field for this yet, so the
// knowledge lives here; an action without an entry gets the generic advice. Each entry reads its action's
// generated request type, so a field the spec renames or drops fails typecheck here instead of leaving the advice.
const checks: { [A in ActionName]?: (input: ActionTypes[A]['request'], since: string) => string } = {
  ManualBackupInstance: (input, since) =>
    `call DescribeInstanceBackups with InstanceId ${JSON.stringify(input.InstanceId)} and BeginTime ` +
    `"${since}" and look for a manual backup (BackupType "0")` +
    (typeof input.Remark === 'string' && input.Remark
      ? ` with Remark ${JSON.stringify(input.Remark)}.`
      : '.'),
}

/**
 * How far before the call the listing starts. The service accepts a signature up to five minutes off its clock
 * (AuthFailure.SignatureExpire past that), so its clock, which stamps the backup's StartTime, may be that far
 * behind ours without the client ever having heard of it; a minute more covers the time the call travelled.
 */
export const outcomeCheckSlackMs = 6 * 60_000

/**
 * What to check before calling `action` again after an unknown outcome at `startedAtMs`, on the server's clock as
 * far as the client knows it (the offset learned from a SignatureExpire applied).
 */
export function outcomeCheck(
  action: ActionName,
  input: Record<string, unknown>,
  startedAtMs: number,
): string {
  // In China Standard Time, as the service writes StartTime and as formatTcTime writes.
  const since = formatTcTime(startedAtMs - outcomeCheckSlackMs)
  const check = checks[action] as ((input: Record<string, unknown>, since: string) => string) | undefined
  return check?.(input, since) ?? `check whether ${action} took effect (its resource's state) first.`
}
