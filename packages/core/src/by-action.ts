import type { ActionName, ActionTypes } from './generated/actions.gen.ts'
import { responseReaders } from './generated/readers.gen.ts'
import { requestValidators } from './generated/validators.gen.ts'
import type { ValidationIssue } from './validation.ts'

/**
 * Every problem of an action's input, as the service would name it; [] when the input is valid.
 * @example validateRequest('DescribeInstanceBackups', { Limit: 0 }) // MissingParameter InstanceId, InvalidParameterValue Limit
 */
export function validateRequest(action: ActionName, input: unknown): ValidationIssue[] {
  const validate = Object.hasOwn(requestValidators, action) ? requestValidators[action] : undefined
  if (!validate) throw new TypeError(`unknown action ${String(action)}`)
  return validate(input)
}

/** Reads an action's `Response` object leniently (numeric strings, nulls, extra fields); throws ResponseShapeError. */
export function readResponse<A extends ActionName>(action: A, raw: unknown): ActionTypes[A]['response'] {
  const read = Object.hasOwn(responseReaders, action) ? responseReaders[action] : undefined
  if (!read) throw new TypeError(`unknown action ${String(action)}`)
  return read(raw) as ActionTypes[A]['response']
}
