// What a spec change means to the apps that use the generated packages: every difference between two
// versions of the spec, each with the semver level it forces on @crs-kit/* (major: code or calls that worked
// may break; minor: something new or a behaviour change; patch: words only). scripts/changeset-check.ts
// compares the released spec with today's and asks for a changeset of at least that level.
import { buildIr } from './build-ir.ts'
import type { ActionIR, ErrorCodeIR, Schema, SpecIR } from './ir.ts'
import { type Json, loadSpec } from './load-spec.ts'
import { isSchema, properties, refTarget, requiredOf, typesOf } from './schema-utils.ts'

export type Level = 'major' | 'minor' | 'patch'

export interface SpecChange {
  level: Level
  /** Where, e.g. `DescribeInstanceBackups request: Limit`. */
  where: string
  what: string
}

const rank: Record<Level | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 }

/** The highest level among `levels`, 'none' for none. */
export function highest(levels: Iterable<Level | 'none'>): Level | 'none' {
  let top: Level | 'none' = 'none'
  for (const level of levels) if (rank[level] > rank[top]) top = level
  return top
}

export const atLeast = (level: Level | 'none', floor: Level | 'none') => rank[level] >= rank[floor]

/**
 * The bump a change of `level` needs at `version`. From 1.0.0 on, semver's own; before it, an app's `^0.y.z`
 * takes only patches, so a breaking change needs a minor and anything else a patch.
 */
export function bumpNeeded(level: Level | 'none', version: string): Level | 'none' {
  if (!version.startsWith('0.')) return level
  if (level === 'major') return 'minor'
  return level === 'none' ? 'none' : 'patch'
}

/** The packages a changeset file (its text) names in its front matter, each with its bump. */
export function changesetEntries(text: string): [name: string, bump: Level][] {
  const front = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text)?.[1] ?? ''
  const entries: [string, Level][] = []
  for (const line of front.split(/\r?\n/)) {
    const entry = /^\s*["']?([^"':\s]+)["']?\s*:\s*["']?(major|minor|patch)["']?\s*$/.exec(line)
    if (entry) entries.push([entry[1]!, entry[2] as Level])
  }
  return entries
}

/** The biggest bump that changeset files (their text) give any of `packages`. */
export function bumpGiven(changesets: Iterable<string>, packages: readonly string[]): Level | 'none' {
  const levels: Level[] = []
  for (const text of changesets)
    for (const [name, bump] of changesetEntries(text)) if (packages.includes(name)) levels.push(bump)
  return highest(levels)
}

/** Both spec texts loaded and checked as the generator checks them, then compared. */
export function specChanges(before: string, after: string, file: string): SpecChange[] {
  return compareSpecs(buildIr(loadSpec(before, file), file), buildIr(loadSpec(after, file), file))
}

/** Every difference between two checked specs, in a stable order. */
export function compareSpecs(before: SpecIR, after: SpecIR): SpecChange[] {
  const changes: SpecChange[] = []
  const add = (level: Level, where: string, what: string) => changes.push({ level, where, what })
  const was = before.service
  const is = after.service
  if (was.version !== is.version) add('major', 'service', `API version ${was.version} -> ${is.version}`)
  compareSets(was.regions, is.regions, 'region', 'service', add, { removed: 'major', added: 'minor' })
  compareSets(was.financialRegions, is.financialRegions, 'financial region', 'service', add, {
    removed: 'minor',
    added: 'minor',
  })
  for (const key of ['default', 'regional', 'intl'] as const)
    if (was.hosts[key] !== is.hosts[key])
      add('minor', 'service', `${key} host ${was.hosts[key]} -> ${is.hosts[key]}`)
  if (was.maxClockSkewSeconds !== is.maxClockSkewSeconds)
    add('minor', 'service', `clock skew allowed ${was.maxClockSkewSeconds} s -> ${is.maxClockSkewSeconds} s`)
  compareErrors(was.commonErrors, is.commonErrors, 'common errors', add)
  if (was.title !== is.title) add('patch', 'service', 'title reworded')

  const actions = (ir: SpecIR) => new Map(ir.actions.map((a) => [a.name, a]))
  const [old, now] = [actions(before), actions(after)]
  for (const [name] of old)
    if (!now.has(name)) add('major', name, 'action removed: its client method and types are gone')
  for (const [name, action] of now) {
    const previous = old.get(name)
    if (!previous) add('minor', name, 'action added')
    else compareAction(previous, action, before.schemas, after.schemas, add)
  }
  compareParameters(before, after, add)
  return changes
}

/** A header or query parameter, `$ref` followed, keyed `header X-TC-Language`. */
type Parameters = Map<string, { [key: string]: Json }>

function parametersOf(list: Json | undefined, document: { [key: string]: Json }): Parameters {
  const found: Parameters = new Map()
  for (const item of Array.isArray(list) ? list : Object.values(isSchema(list) ? list : {})) {
    const target = isSchema(item) && typeof item.$ref === 'string' ? item.$ref.split('/').slice(1) : []
    let param: Json | undefined = target.length ? document : item
    for (const key of target) param = isSchema(param) ? param[key] : undefined
    if (isSchema(param) && typeof param.name === 'string') found.set(`${param.in} ${param.name}`, param)
  }
  return found
}

/**
 * The common parameters (the X-TC-* headers) and each action's list of them: their schemas are exported with the
 * generated types, so they are rated as inputs, as request fields are.
 */
function compareParameters(before: SpecIR, after: SpecIR, add: Add) {
  const components = (ir: SpecIR) =>
    isSchema(ir.document.components) ? ir.document.components.parameters : undefined
  compareParameterSets(
    parametersOf(components(before), before.document),
    parametersOf(components(after), after.document),
    'common parameter',
    { before, after, add },
  )
  const operations = (ir: SpecIR) => {
    const ops = new Map<string, Json | undefined>()
    for (const item of Object.values(isSchema(ir.document.paths) ? ir.document.paths : {}))
      for (const op of Object.values(isSchema(item) ? item : {}))
        if (isSchema(op) && typeof op.operationId === 'string') ops.set(op.operationId, op.parameters)
    return ops
  }
  const [old, now] = [operations(before), operations(after)]
  for (const [action, list] of now)
    if (old.has(action))
      compareParameterSets(
        parametersOf(old.get(action), before.document),
        parametersOf(list, after.document),
        `${action} parameter`,
        { before, after, add, listOnly: true },
      )
}

function compareParameterSets(
  was: Parameters,
  is: Parameters,
  noun: string,
  context: { before: SpecIR; after: SpecIR; add: Add; listOnly?: boolean },
) {
  const { before, after, add, listOnly } = context
  for (const key of was.keys()) if (!is.has(key)) add('major', noun, `${key} removed`)
  for (const [key, param] of is) {
    const previous = was.get(key)
    if (!previous) {
      add(
        param.required === true ? 'major' : 'minor',
        noun,
        `${param.required === true ? 'required' : 'optional'} ${key} added`,
      )
      continue
    }
    // An action's list names the common parameters, whose content is rated once, above.
    if (listOnly) continue
    if (Boolean(previous.required) !== Boolean(param.required))
      add(
        param.required === true ? 'major' : 'minor',
        `${noun} ${key}`,
        param.required === true ? 'now required' : 'now optional',
      )
    if (previous.description !== param.description) add('patch', `${noun} ${key}`, 'description reworded')
    if (isSchema(previous.schema) && isSchema(param.schema))
      compareSchema(
        { schema: previous.schema, schemas: before.schemas },
        { schema: param.schema, schemas: after.schemas },
        { direction: 'in', where: `${noun} ${key}`, add, seen: new Set() },
      )
  }
}

type Add = (level: Level, where: string, what: string) => void

function compareSets(
  was: readonly string[],
  is: readonly string[],
  noun: string,
  where: string,
  add: Add,
  levels: { removed: Level; added: Level },
) {
  for (const item of was) if (!is.includes(item)) add(levels.removed, where, `${noun} ${item} removed`)
  for (const item of is) if (!was.includes(item)) add(levels.added, where, `${noun} ${item} added`)
}

function compareErrors(was: ErrorCodeIR[], is: ErrorCodeIR[], where: string, add: Add) {
  const byCode = (list: ErrorCodeIR[]) => new Map(list.map((e) => [e.code, e]))
  const [old, now] = [byCode(was), byCode(is)]
  for (const code of old.keys())
    if (!now.has(code)) add('major', where, `error code ${code} removed from the typed union`)
  for (const [code, error] of now) {
    const previous = old.get(code)
    if (!previous) {
      add('minor', where, `error code ${code} added`)
      continue
    }
    for (const flag of ['refused', 'transient'] as const)
      if (Boolean(previous[flag]) !== Boolean(error[flag]))
        add(
          'minor',
          where,
          `${code}: ${flag} ${Boolean(previous[flag])} -> ${Boolean(error[flag])} (retries change)`,
        )
    if (previous.description !== error.description || previous.descriptionJa !== error.descriptionJa)
      add('patch', where, `${code}: description reworded`)
  }
}

function compareAction(
  was: ActionIR,
  is: ActionIR,
  oldSchemas: Record<string, Schema>,
  newSchemas: Record<string, Schema>,
  add: Add,
) {
  const where = was.name
  if (was.idempotent !== is.idempotent)
    add(
      'minor',
      where,
      `idempotent ${was.idempotent} -> ${is.idempotent} (which failures are retried changes)`,
    )
  if (was.rateLimitPerSecond !== is.rateLimitPerSecond)
    add('minor', where, `rate limit ${was.rateLimitPerSecond}/s -> ${is.rateLimitPerSecond}/s`)
  if (was.pagination && !is.pagination) add('major', where, 'pagination removed: its paginate method is gone')
  else if (!was.pagination && is.pagination) add('minor', where, 'pagination added')
  else if (was.pagination && is.pagination) {
    for (const key of ['limit', 'offset', 'total', 'items', 'itemSchema'] as const)
      if (was.pagination[key] !== is.pagination[key])
        add('major', where, `pagination ${key} ${was.pagination[key]} -> ${is.pagination[key]}`)
    // Its page size is the request's Limit, rated there.
  }
  compareErrors(was.errors, is.errors, `${where} errors`, add)
  if (
    was.summary !== is.summary ||
    was.description !== is.description ||
    was.descriptionJa !== is.descriptionJa
  )
    add('patch', where, 'description reworded')
  const walk = (direction: Direction, before: string, after: string) =>
    compareSchema(
      { schema: { $ref: `#/components/schemas/${before}` }, schemas: oldSchemas },
      { schema: { $ref: `#/components/schemas/${after}` }, schemas: newSchemas },
      { direction, where: `${where} ${direction === 'in' ? 'request' : 'response'}`, add, seen: new Set() },
    )
  walk('in', was.requestSchema, is.requestSchema)
  walk('out', was.responseSchema, is.responseSchema)
}

/** `in`: values apps send (narrowing them breaks calls); `out`: values apps read (losing them breaks code). */
type Direction = 'in' | 'out'

interface Side {
  schema: Schema
  schemas: Record<string, Schema>
}

interface Walk {
  direction: Direction
  where: string
  add: Add
  /** Pairs of named schemas already compared on this path: a recursive schema ends there. */
  seen: Set<string>
}

/** The schema with every `$ref` followed, siblings winning over the target's keywords. */
function follow(side: Side, depth = 0): Schema {
  const target = refTarget(side.schema)
  const found = target === undefined ? undefined : side.schemas[target]
  if (!found || depth > 20) return side.schema
  const { $ref: _ref, ...siblings } = side.schema
  return { ...follow({ schema: found, schemas: side.schemas }, depth + 1), ...siblings }
}

// Keywords that only say something to readers (the generator reads none of them): a change to them is a patch.
// So is any vendor keyword other than x-tc-*, which the generator does not read either.
const wordsOnly = new Set([
  'description',
  'x-description-ja',
  'examples',
  'example',
  'title',
  'summary',
  'format',
  'deprecated',
])
const isWordsOnly = (key: string) => wordsOnly.has(key) || (key.startsWith('x-') && !key.startsWith('x-tc-'))
// Lower bounds: raising one refuses values that passed. Upper bounds: lowering one does. (The generator refuses
// the keywords it does not honour, exclusiveMinimum or multipleOf say, so neither spec can hold them.)
const lowerBounds = ['minimum', 'minLength', 'minItems']
const upperBounds = ['maximum', 'maxLength', 'maxItems', 'x-tc-max-span-days']
// Rules that are either there or not: adding or changing one refuses values that passed.
const rules = ['pattern', 'x-tc-multiple-of', 'x-tc-not-before', 'const']
const handled = new Set([
  ...lowerBounds,
  ...upperBounds,
  ...rules,
  '$ref',
  'type',
  'enum',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'default',
  'x-tc-lenient',
])

function compareSchema(before: Side, after: Side, walk: Walk) {
  const pair = `${refTarget(before.schema) ?? ''}|${refTarget(after.schema) ?? ''}`
  if (pair !== '|') {
    if (walk.seen.has(pair)) return
    walk = { ...walk, seen: new Set([...walk.seen, pair]) }
  }
  const was = follow(before)
  const is = follow(after)
  const { direction, where, add } = walk
  const input = direction === 'in'

  const oldTypes = typesOf(was)
  const newTypes = typesOf(is)
  const lost = oldTypes.types.filter((t) => !newTypes.types.includes(t))
  const gained = newTypes.types.filter((t) => !oldTypes.types.includes(t))
  if (lost.length || gained.length) {
    // integer -> number widens what is sent; number -> integer narrows what is read: both safe.
    const widened = lost.every((t) => t === 'integer' && newTypes.types.includes('number'))
    const narrowed = gained.every((t) => t === 'integer' && oldTypes.types.includes('number'))
    const safe = input ? widened && !gained.some((t) => t !== 'number') : narrowed && lost.length === 0
    add(safe ? 'minor' : 'major', where, `type ${describeTypes(oldTypes)} -> ${describeTypes(newTypes)}`)
  }
  if (oldTypes.nullable !== newTypes.nullable) {
    const safe = input ? newTypes.nullable : !newTypes.nullable
    add(safe ? 'minor' : 'major', where, newTypes.nullable ? 'null allowed' : 'null no longer allowed')
  }

  compareEnum(was, is, walk)
  if (input) compareRules(was, is, walk)
  else {
    const tightened = [...lowerBounds, ...upperBounds, ...rules].filter((k) => !same(was[k], is[k]))
    if (tightened.length) add('patch', where, `${tightened.join(', ')} changed (documents what is returned)`)
  }
  if (input && !same(was.default, is.default))
    add('minor', where, `default ${show(was.default)} -> ${show(is.default)} (what an omitted field means)`)
  if (!same(was['x-tc-lenient'], is['x-tc-lenient']))
    add('minor', where, `x-tc-lenient ${show(was['x-tc-lenient'])} -> ${show(is['x-tc-lenient'])}`)

  compareObject(before, after, was, is, walk)
  if (isSchema(was.items) && isSchema(is.items))
    compareSchema(
      { schema: was.items, schemas: before.schemas },
      { schema: is.items, schemas: after.schemas },
      { ...walk, where: `${where}[]` },
    )

  const other = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
    (k) => !handled.has(k) && !same(was[k], is[k]),
  )
  const reworded = other.filter(isWordsOnly)
  if (reworded.length) add('patch', where, `${reworded.join(', ')} changed`)
  // A keyword this rating does not know (anyOf, a new x-tc-* rule, ...) may refuse or drop values: assume it does.
  const unrated = other.filter((k) => !isWordsOnly(k))
  if (unrated.length)
    add('major', where, `${unrated.join(', ')} changed, which this check cannot rate: taken as breaking`)
}

function compareEnum(was: Schema, is: Schema, { direction, where, add }: Walk) {
  const oldValues = Array.isArray(was.enum) ? was.enum : undefined
  const newValues = Array.isArray(is.enum) ? is.enum : undefined
  if (!oldValues && !newValues) return
  if (!oldValues) {
    add(direction === 'in' ? 'major' : 'minor', where, `now limited to ${show(newValues)}`)
    return
  }
  if (!newValues) {
    add(direction === 'in' ? 'minor' : 'major', where, `no longer limited to ${show(oldValues)}`)
    return
  }
  const has = (list: unknown[], v: unknown) => list.some((x) => same(x, v))
  for (const v of oldValues) if (!has(newValues, v)) add('major', where, `value ${show(v)} removed`)
  // A value added to an answer widens a closed union apps receive: an exhaustive switch over it stops compiling.
  for (const v of newValues)
    if (!has(oldValues, v))
      add(
        direction === 'in' ? 'minor' : 'major',
        where,
        direction === 'in'
          ? `value ${show(v)} added`
          : `value ${show(v)} added (apps that switch over every value must handle it)`,
      )
}

/** An input's bounds and rules: tighter refuses calls that passed (major), looser accepts more (minor). */
function compareRules(was: Schema, is: Schema, { where, add }: Walk) {
  for (const key of lowerBounds) {
    const [a, b] = [was[key], is[key]]
    if (same(a, b)) continue
    const tighter = b !== undefined && (a === undefined || Number(b) > Number(a))
    add(tighter ? 'major' : 'minor', where, `${key} ${show(a)} -> ${show(b)}`)
  }
  for (const key of upperBounds) {
    const [a, b] = [was[key], is[key]]
    if (same(a, b)) continue
    const tighter = b !== undefined && (a === undefined || Number(b) < Number(a))
    add(tighter ? 'major' : 'minor', where, `${key} ${show(a)} -> ${show(b)}`)
  }
  for (const key of rules) {
    const [a, b] = [was[key], is[key]]
    if (same(a, b)) continue
    add(b === undefined ? 'minor' : 'major', where, `${key} ${show(a)} -> ${show(b)}`)
  }
  if (was.additionalProperties !== false && is.additionalProperties === false)
    add('major', where, 'unknown fields now refused (additionalProperties: false)')
  else if (was.additionalProperties === false && is.additionalProperties !== false)
    add('minor', where, 'unknown fields now accepted')
}

function compareObject(before: Side, after: Side, was: Schema, is: Schema, walk: Walk) {
  const { direction, where, add } = walk
  const input = direction === 'in'
  const oldProps = new Map(properties(was))
  const newProps = new Map(properties(is))
  const oldRequired = new Set(requiredOf(was))
  const newRequired = new Set(requiredOf(is))
  // `Action request: Field`, then `.Inner` for the fields of a field.
  const at = (name: string) => (where.includes(': ') ? `${where}.${name}` : `${where}: ${name}`)
  for (const name of oldProps.keys())
    if (!newProps.has(name))
      add(
        'major',
        at(name),
        input ? 'field removed: calls that send it are refused' : 'field removed from the answer',
      )
  for (const [name, schema] of newProps) {
    const previous = oldProps.get(name)
    if (!previous) {
      const required = newRequired.has(name)
      add(
        input && required ? 'major' : 'minor',
        at(name),
        `${required ? 'required' : 'optional'} field added`,
      )
      continue
    }
    const [wasRequired, isRequired] = [oldRequired.has(name), newRequired.has(name)]
    if (wasRequired !== isRequired) {
      // A required input breaks calls without it; an optional output breaks code that reads it unchecked.
      const breaking = input ? isRequired : !isRequired
      add(breaking ? 'major' : 'minor', at(name), isRequired ? 'now required' : 'now optional')
    }
    compareSchema(
      { schema: previous, schemas: before.schemas },
      { schema, schemas: after.schemas },
      { ...walk, where: at(name) },
    )
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const show = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v))
const describeTypes = ({ types, nullable }: { types: string[]; nullable: boolean }) =>
  [...types, ...(nullable ? ['null'] : [])].join('|') || 'any'
