import { isRecord, type Rule, type ValidationIssue, validateWith } from './validation.ts'

/**
 * Every problem of a model the service sends (a listed item) under its generated rule; [] when valid.
 * The rule is a request's, read with one difference: a request's null field is left out by the client (so a
 * required one is missing), but the service may send a required field whose type allows null as null, and the
 * response readers take it. Such a null is not a problem here.
 */
export function validateModel(rule: Rule, value: unknown): ValidationIssue[] {
  return validateWith(rule, value).filter(
    (issue) => !(issue.code === 'MissingParameter' && nullAllowedAt(rule, value, issue.path)),
  )
}

/** Is the value at `path` (a validator's dotted path) a null that the rule at that path allows? */
function nullAllowedAt(rule: Rule, value: unknown, path: string): boolean {
  let at: Rule | undefined = rule
  let v = value
  for (const step of path.split('.')) {
    at = at?.t === 'array' ? at.i : at?.p && Object.hasOwn(at.p, step) ? at.p[step] : undefined
    v = Array.isArray(v) || isRecord(v) ? (v as Record<string, unknown>)[step] : undefined
  }
  return v === null && at?.n === 1
}
