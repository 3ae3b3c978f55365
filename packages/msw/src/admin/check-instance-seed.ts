import {
  actionNames,
  type RedisBackupSet,
  regions,
  requestFields,
  type ValidationIssue,
  validateRedisBackupSet,
  validateRequest,
} from '@crs-kit/core'
import type { InstanceSeed } from '../state/mock-state.ts'
import { AdminError, badInput, describe, objectOf, onlyKeys } from './admin-error.ts'

// A seed comes over HTTP or from JavaScript without a type checker (or past one, with a cast), so it is checked at
// run time: a seed the state would half-apply, or that no call could ever reach, is refused whole. What the spec
// says (a backup's fields, an InstanceId's form) is checked with the rules generated from it, so the check follows
// the spec; only what the spec cannot say (the seed's own keys, status, unique ids) is written here.

const seedKeys = ['InstanceId', 'InstanceName', 'Region', 'status', 'backups'] as const

// The actions an InstanceId is sent to: an id that every one of them refuses names an instance no call reaches.
const instanceIdActions = actionNames.filter((action) => Object.hasOwn(requestFields[action], 'InstanceId'))

/** Refuses `value` at `path` with the spec's issues; each core message starts with the field's path. */
function refuseIssues(issues: ValidationIssue[], path: string, why = ''): void {
  if (issues.length > 0) throw badInput(issues.map((issue) => `${path}.${issue.message}${why}`).join('; '))
}

/**
 * A RedisBackupSet as the service lists it, checked with the rule generated from the spec: required fields,
 * types, enums, formats. Unknown fields are kept (the service adds fields over time). Its InstanceId, when it
 * has one, must be `instanceId`'s: the state lists it under that instance whatever it says; its Region, when it
 * and the instance have one, the instance's.
 */
export function checkBackup(
  value: unknown,
  path: string,
  instanceId: string,
  region?: string,
): RedisBackupSet {
  const backup = objectOf(value, path)
  refuseIssues(validateRedisBackupSet(backup), path)
  if (typeof backup.InstanceId === 'string' && backup.InstanceId !== instanceId)
    throw badInput(
      `${path}.InstanceId ${JSON.stringify(backup.InstanceId)} names another instance than ${JSON.stringify(instanceId)}, the one it is added to (leave it out, or name that one)`,
    )
  if (typeof backup.Region === 'string' && region !== undefined && backup.Region !== region)
    throw badInput(
      `${path}.Region ${JSON.stringify(backup.Region)} is not the region of instance ${JSON.stringify(instanceId)}, ${JSON.stringify(region)} (leave it out, or name that one)`,
    )
  // Sound: the rule and the type are generated from the same schema in the same run.
  return backup as unknown as RedisBackupSet
}

/** An InstanceId some action would take (the request schemas' own rule: length, pattern, ...). */
function checkInstanceId(value: unknown, path: string): string {
  if (typeof value !== 'string') throw badInput(`${path}.InstanceId must be a string, got ${describe(value)}`)
  const refusals = instanceIdActions.map((action) =>
    validateRequest(action, { InstanceId: value }).filter((issue) => issue.path === 'InstanceId'),
  )
  if (refusals.length > 0 && refusals.every((issues) => issues.length > 0))
    refuseIssues(
      refusals[0]!,
      path,
      ` (as ${instanceIdActions.join(' and ')} check it: no call could reach this instance)`,
    )
  return value
}

/** An InstanceSeed (the shape of `MockServiceOptions.instances`' items) with unique BackupIds. */
export function checkInstanceSeed(value: unknown, path: string): InstanceSeed {
  const seed = objectOf(value, path)
  onlyKeys(seed, seedKeys, path)
  const instanceId = checkInstanceId(seed.InstanceId, path)
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
      const backup = checkBackup(b, `${path}.backups[${i}]`, instanceId, seed.Region as string | undefined)
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

/**
 * One of these checks for a seed given in JavaScript (`instances`, `state.addInstance`, `state.addBackup`): the
 * same words, as the TypeError every other bad option of the library throws.
 */
export function checkedInJavaScript<T>(check: () => T): T {
  try {
    return check()
  } catch (e) {
    if (e instanceof AdminError) throw new TypeError(`[crs-kit/msw] ${e.message}`)
    throw e
  }
}
