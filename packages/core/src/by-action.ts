import type { ActionName, ActionTypes } from './generated/actions.gen.ts'
import { responseFields } from './generated/readers.gen.ts'
import { requestValidators } from './generated/validators.gen.ts'
import { readFields } from './read-fields.ts'
import type { ValidationIssue } from './validation.ts'

// Own keys only: 'toString' must be an unknown action, not Object.prototype's method.
function entryOf<T>(table: Readonly<Record<ActionName, T>>, action: ActionName): T {
  if (!Object.hasOwn(table, action)) throw new TypeError(`unknown action ${String(action)}`)
  return table[action]
}

/**
 * Every problem of an action's input, as the service would name it; [] when the input is valid.
 * @example validateRequest('DescribeInstanceBackups', { Limit: 0 }) // MissingParameter InstanceId, InvalidParameterValue Limit
 */
export function validateRequest(action: ActionName, input: unknown): ValidationIssue[] {
  return entryOf(requestValidators, action)(input)
}

/** Reads an action's `Response` object leniently (numeric strings, nulls, extra fields); throws ResponseShapeError. */
export function readResponse<A extends ActionName>(action: A, raw: unknown): ActionTypes[A]['response'] {
  return readFields(raw, '', entryOf(responseFields, action)) as ActionTypes[A]['response']
}
