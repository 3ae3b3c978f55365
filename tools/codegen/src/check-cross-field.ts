// core's validator itself, from its source: it is hand-written and imports nothing generated, so the generator
// runs from a clean checkout (before any build) and whatever state the generated files are in.
import { type Rule, validateWith } from '../../../packages/core/src/validation.ts'
import type { ValuePath } from './check-instance.ts'
import { modelRuleData, type RuleData } from './emit/rule-data.ts'
import type { Schema } from './ir.ts'
import type { Json } from './load-spec.ts'
import { isSchema } from './schema-utils.ts'

/** A value core's request validator refuses by a cross-field rule: where, its message, the keywords behind it. */
export interface CrossFieldIssue {
  path: ValuePath
  /** core's message, e.g. `Offset must be a multiple of Limit (10), got 5`. */
  message: string
  /** The field's cross-field keywords as the spec writes them, e.g. `x-tc-multiple-of: Limit`. */
  keywords: string
}

// A rule keeps only what reaches a field (type, null, properties, items) and the cross-field parts: then every
// InvalidParameterValue core reports comes from x-tc-multiple-of, x-tc-not-before or x-tc-max-span-days, exactly as
// the validator applies them (a divisor's default, calendar times, whole days). The value's own problems (types,
// bounds, enums, patterns, required and unknown fields) are check-instance's, reported with their spec line.
const kept = new Set(['t', 'n', 'p', 'i', 'm', 'b', 's'])

/**
 * The cross-field problems of a request value under the rule core's validators are generated from (the same
 * data rule-text prints into validators.gen.ts), each model's rule built once per run.
 */
export function crossFieldChecker(
  schemas: Record<string, Schema>,
): (requestSchema: string, value: Json) => CrossFieldIssue[] {
  const models = new Map<string, Rule>()
  const model = (name: string): Rule => {
    let rule = models.get(name)
    if (!rule) {
      rule = live(
        modelRuleData(name, schemas, () => {}, 'request'),
        model,
      )
      models.set(name, rule)
    }
    return rule
  }
  return (requestSchema, value) =>
    validateWith(model(requestSchema), value)
      .filter((issue) => issue.code === 'InvalidParameterValue')
      .map((issue) => {
        const path = valuePath(issue.path, value)
        return { path, message: issue.message, keywords: keywordsAt(model(requestSchema), path) }
      })
}

/** A rule core can run, from its data; a named model through a getter, as the printed rule has it. */
function live(data: RuleData, model: (name: string) => Rule): Rule {
  const rule: Record<string, unknown> = {}
  const place = (target: Record<string, unknown>, key: string, part: RuleData[number]) => {
    if (part.kind === 'model')
      Object.defineProperty(target, key, { get: () => model(part.model), enumerable: true })
    else if (part.kind === 'rule') target[key] = live(part.rule, model)
  }
  for (const part of data) {
    if (!kept.has(part.key)) continue
    if (part.kind === 'value') rule[part.key] = part.value
    else if (part.kind === 'fields') {
      const fields: Record<string, unknown> = {}
      for (const field of part.fields) place(fields, field.key, field)
      rule[part.key] = fields
    } else place(rule, part.key, part)
  }
  return rule as unknown as Rule
}

/** core's dotted path (`Filters.0.Offset`) as a value path, an index where the value holds a list. */
function valuePath(dotted: string, value: Json): ValuePath {
  const path: ValuePath = []
  let at: Json | undefined = value
  for (const step of dotted.split('.')) {
    const index: number | undefined = Array.isArray(at) && /^\d+$/.test(step) ? Number(step) : undefined
    path.push(index ?? step)
    at = index !== undefined ? (at as Json[])[index] : isSchema(at) ? at[step] : undefined
  }
  return path
}

/** The cross-field keywords of the field's rule at `path`, as the spec writes them. */
function keywordsAt(rule: Rule, path: ValuePath): string {
  let at: Rule | undefined = rule
  for (const step of path) at = typeof step === 'number' ? at?.i : at?.p?.[step]
  if (!at) return 'a cross-field rule'
  return [
    at.m && `x-tc-multiple-of: ${at.m[0]}`,
    at.b && `x-tc-not-before: ${at.b}`,
    at.s && `x-tc-max-span-days: ${at.s}`,
  ]
    .filter(Boolean)
    .join(', ')
}
