import type { Schema } from '../ir.ts'
import { modelRuleData, type RuleData, type RuleKind, type RulePart } from './rule-data.ts'
import { key, literal } from './source-file.ts'

/** How a model's rule is written: built as `kind` (see rule-data.ts), a named model through the const `constName`. */
export interface RuleMode {
  kind: RuleKind
  /** The name of the const that holds a model's rule. */
  constName: (schema: string) => string
}

/** A model's rule as TypeScript: its properties (a $ref'd model through a getter, so order and cycles do not matter). */
export function modelRule(
  name: string,
  schemas: Record<string, Schema>,
  need: (ref: string) => void,
  mode: RuleMode,
): string {
  return ruleText(modelRuleData(name, schemas, need, mode.kind), mode)
}

const ruleText = (rule: RuleData, mode: RuleMode): string =>
  `{ ${rule.map((part) => partText(part, mode)).join(', ')} }`

function partText(part: RulePart, mode: RuleMode): string {
  switch (part.kind) {
    case 'value':
      return `${key(part.key)}: ${literal(part.value)}`
    case 'regex':
      return `${key(part.key)}: /${regexBody(part.source)}/u`
    case 'model':
      return `get ${key(part.key)}() { return ${mode.constName(part.model)} }`
    case 'rule':
      return `${key(part.key)}: ${ruleText(part.rule, mode)}`
    case 'fields':
      return part.fields.length
        ? `${key(part.key)}: {\n${part.fields.map((f) => `  ${partText(f, mode)},`).join('\n')}\n}`
        : `${key(part.key)}: {}`
  }
}

/** A pattern as the body of a regex literal: `/` not already escaped gets a backslash, line breaks become escapes. */
function regexBody(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') out += c + (pattern[++i] ?? '')
    else if (c === '/') out += '\\/'
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else out += c
  }
  return out
}
