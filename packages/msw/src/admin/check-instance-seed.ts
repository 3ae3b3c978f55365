import { parseTcTime, type RedisBackupSet, regions } from '@crs-kit/core'
import type { InstanceSeed } from '../state/mock-state.ts'
import { badInput, describe, objectOf, onlyKeys } from './admin-error.ts'

// What JavaScript's type checker proves for `instances` and `addBackup`, checked at run time for a seed that
// comes over HTTP: a seed the state would half-apply, or that no call could ever reach, is refused whole.

const seedKeys = ['InstanceId', 'InstanceName', 'Region', 'status', 'backups'] as const
const backupTypes = ['0', '1', '2']
const backupStatuses = [1, 2, 3, 4, -1, -2]
const nullableStrings = ['InstanceId', 'InstanceName', 'Region', 'FileType'] as const
const nullableIntegers = ['BackupSize', 'FullBackup', 'InstanceType'] as const
const nullableTimes = ['EndTime', 'ExpireTime'] as const

const tcTime = (value: unknown) => typeof value === 'string' && parseTcTime(value) !== undefined

function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '')
    throw badInput(`${path} must be a non-empty string, got ${describe(value)}`)
  return value
}

/**
 * A RedisBackupSet as the service lists it: the six fields of the seed sample are required, the optional
 * ones the live service adds are type-checked, and unknown fields are kept (the service adds fields over time).
 */
export function checkBackup(value: unknown, path: string): RedisBackupSet {
  const b = objectOf(value, path)
  if (!tcTime(b.StartTime))
    throw badInput(`${path}.StartTime must be "YYYY-MM-DD HH:mm:ss" (UTC+8), got ${describe(b.StartTime)}`)
  nonEmptyString(b.BackupId, `${path}.BackupId`)
  if (!backupTypes.includes(b.BackupType as string))
    throw badInput(
      `${path}.BackupType must be one of "0", "1", "2" (a string), got ${describe(b.BackupType)}`,
    )
  if (!backupStatuses.includes(b.Status as number))
    throw badInput(`${path}.Status must be one of ${backupStatuses.join(', ')}, got ${describe(b.Status)}`)
  if (typeof b.Remark !== 'string')
    throw badInput(`${path}.Remark must be a string, got ${describe(b.Remark)}`)
  if (b.Locked !== 0 && b.Locked !== 1)
    throw badInput(`${path}.Locked must be 0 or 1, got ${describe(b.Locked)}`)
  for (const key of nullableStrings)
    if (b[key] != null && typeof b[key] !== 'string')
      throw badInput(`${path}.${key} must be a string or null, got ${describe(b[key])}`)
  for (const key of nullableIntegers)
    if (b[key] != null && !Number.isSafeInteger(b[key]))
      throw badInput(`${path}.${key} must be an integer or null, got ${describe(b[key])}`)
  for (const key of nullableTimes)
    if (b[key] != null && !tcTime(b[key]))
      throw badInput(`${path}.${key} must be "YYYY-MM-DD HH:mm:ss" (UTC+8) or null, got ${describe(b[key])}`)
  if (b.Encrypted != null && typeof b.Encrypted !== 'boolean')
    throw badInput(`${path}.Encrypted must be true, false or null, got ${describe(b.Encrypted)}`)
  return b as unknown as RedisBackupSet
}

/** An InstanceSeed (the shape of `MockServiceOptions.instances`' items) with unique BackupIds. */
export function checkInstanceSeed(value: unknown, path: string): InstanceSeed {
  const seed = objectOf(value, path)
  onlyKeys(seed, seedKeys, path)
  nonEmptyString(seed.InstanceId, `${path}.InstanceId`)
  if (seed.InstanceName !== undefined && typeof seed.InstanceName !== 'string')
    throw badInput(`${path}.InstanceName must be a string, got ${describe(seed.InstanceName)}`)
  if (seed.Region !== undefined && !(regions as readonly unknown[]).includes(seed.Region))
    throw badInput(
      `${path}.Region must be a region of the service (${regions.join(', ')}), or absent to be seen from every region; got ${describe(seed.Region)}`,
    )
  if (seed.status !== undefined && seed.status !== 'normal' && seed.status !== 'abnormal')
    throw badInput(`${path}.status must be "normal" or "abnormal", got ${describe(seed.status)}`)
  if (seed.backups !== undefined) {
    if (!Array.isArray(seed.backups))
      throw badInput(`${path}.backups must be an array, got ${describe(seed.backups)}`)
    const ids = new Set<string>()
    seed.backups.forEach((b, i) => {
      const backup = checkBackup(b, `${path}.backups[${i}]`)
      if (ids.has(backup.BackupId))
        throw badInput(`${path}.backups[${i}].BackupId ${JSON.stringify(backup.BackupId)} is given twice`)
      ids.add(backup.BackupId)
    })
  }
  return seed as unknown as InstanceSeed
}

/** A whole set of instances, as `instances` takes it: valid seeds with unique InstanceIds. */
export function checkInstanceSeeds(value: unknown, path: string): InstanceSeed[] {
  if (!Array.isArray(value)) throw badInput(`${path} must be an array of instances, got ${describe(value)}`)
  const ids = new Set<string>()
  return value.map((v, i) => {
    const seed = checkInstanceSeed(v, `${path}[${i}]`)
    if (ids.has(seed.InstanceId))
      throw badInput(`${path}[${i}].InstanceId ${JSON.stringify(seed.InstanceId)} is given twice`)
    ids.add(seed.InstanceId)
    return seed
  })
}
