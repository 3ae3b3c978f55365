import { exampleChecker } from './check-examples.ts'
import { extensionChecker } from './check-extensions.ts'
import { parameterExampleChecker } from './check-parameter-examples.ts'
import { refChecker } from './check-refs.ts'
import { checkSchemas } from './check-schemas.ts'
import { vendorExtensionChecker } from './check-vendor-extensions.ts'
import { versionParamChecker } from './check-version-param.ts'
import type { ActionIR, ErrorCodeIR, PaginationIR, Schema, ServiceIR, SpecIR } from './ir.ts'
import type { Json, LoadedSpec, Pointer } from './load-spec.ts'
import { mediaExamples } from './media-examples.ts'
import { resolve, typesOf } from './schema-utils.ts'
import { type SpecError, SpecErrors } from './spec-error.ts'
import { walkSpec } from './spec-walk.ts'
import { closest } from './suggest.ts'

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const refName = (ref: Json | undefined) =>
  typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice(21) : undefined

/** Checks the spec against the rules the generator relies on and turns it into the IR; all problems at once. */
export function buildIr(spec: LoadedSpec, specName: string): SpecIR {
  const errors: SpecError[] = []
  const fail = (pointer: Pointer, rule: string, detail: string) => {
    const error = spec.error(pointer, rule, detail)
    // A schema used by several fields is checked once per use: report each problem once.
    if (!errors.some((e) => e.message === error.message)) errors.push(error)
  }
  const { doc } = spec
  // The shape of every x-tc-* keyword and every $ref first, in one pass: what follows reads them as checked.
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas)
      ? (doc.components.schemas as Record<string, Schema>)
      : {}
  const checkExtensions = extensionChecker(fail)
  const checkVendorExtensions = vendorExtensionChecker(fail)
  const checkRef = refChecker(doc, fail)
  const checkVersionParam = versionParamChecker(doc, schemas, fail)
  const checkParameterExamples = parameterExampleChecker(doc, schemas, fail)
  walkSpec(doc, (node, at, place) => {
    checkExtensions(node, at, place)
    checkVendorExtensions(node, at, place)
    checkRef(node, at, place)
    checkVersionParam(node, at, place)
    checkParameterExamples(node, at, place)
  })
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1'))
    fail(['openapi'], 'openapi-version', 'openapi must be 3.1.x')
  if (Object.keys(schemas).length === 0)
    fail(['components'], 'schemas-present', 'components.schemas must define the models')

  const service = readService(doc, fail)
  const commonCodes = new Set(service?.commonErrors.map((e) => e.code))
  const checkExamples = exampleChecker(doc, schemas, fail)
  const actions: ActionIR[] = []
  const checkMethod = (name: string, pathKey: string, method: string) => {
    if (method !== 'post')
      fail(['paths', pathKey, method], 'action-method', `${name}: Tencent actions are declared as post`)
  }
  const paths = isObject(doc.paths) ? doc.paths : {}
  for (const [pathKey, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const [method, op] of Object.entries(item)) {
      // An x-* key of a path item is no operation (an x-tc-* one there is reported by check-extensions).
      if (!isObject(op) || method.startsWith('x-')) continue
      // An operation copied from another action with only its path key changed: say that, at the operationId, rather
      // than ask for the path key, schemas and envelope of the action it was copied from.
      const named = /^\/#Action=([A-Z][A-Za-z0-9]+)$/.exec(pathKey)?.[1]
      if (named && typeof op.operationId === 'string' && op.operationId !== named) {
        fail(
          ['paths', pathKey, method, 'operationId'],
          'action-path',
          `operationId ${op.operationId} does not match the path key /#Action=${named} (expected the same action name in both: change the one that is left over from a copy)`,
        )
        checkMethod(named, pathKey, method)
        continue
      }
      const action = readAction(['paths', pathKey, method], op, doc, schemas, commonCodes, fail)
      if (!action) continue
      checkExamples(['paths', pathKey, method], op, action.name, [
        ...commonCodes,
        ...action.errors.map((e) => e.code),
      ])
      checkMethod(action.name, pathKey, method)
      if (pathKey !== `/#Action=${action.name}`)
        fail(['paths', pathKey], 'action-path', `path key must be "/#Action=${action.name}"`)
      if (actions.some((a) => a.name === action.name))
        fail(['paths', pathKey], 'action-unique', `${action.name} is declared twice`)
      actions.push(action)
    }
  }
  if (actions.length === 0) fail(['paths'], 'actions-present', 'the spec declares no action')
  checkCodeSpellings(doc, fail)
  checkSchemas(doc, schemas, actions, fail)
  if (errors.length > 0 || !service) {
    // In file order, whichever check found them: a long list reads top to bottom beside the spec.
    errors.sort((a, b) => a.line - b.line || a.column - b.column)
    throw new SpecErrors(errors.length ? errors : [spec.error([], 'service', 'x-tc-service is missing')])
  }
  actions.sort((a, b) => (a.name < b.name ? -1 : 1))
  return { specName, service, actions, schemas, document: doc }
}

type Fail = (pointer: Pointer, rule: string, detail: string) => void

/** The service facts; the types of x-tc-service were checked by check-extensions, what relates them is checked here. */
function readService(doc: { [key: string]: Json }, fail: Fail): ServiceIR | undefined {
  const s = doc['x-tc-service']
  if (!isObject(s)) return undefined
  const strings = (v: Json | undefined) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').sort() : []
  const hosts = isObject(s.hosts) ? s.hosts : {}
  if (typeof hosts.regional === 'string' && !hosts.regional.includes('{region}')) {
    fail(
      ['x-tc-service', 'hosts', 'regional'],
      'service',
      `x-tc-service.hosts.regional is ${hosts.regional} (expected a host with {region} in it)`,
    )
  }
  const fin = isObject(s.financialRegions) ? s.financialRegions.regions : undefined
  const regions = strings(s.regions)
  const financialRegions = strings(fin)
  for (const r of financialRegions)
    if (!regions.includes(r))
      fail(
        ['x-tc-service', 'financialRegions'],
        'service',
        `x-tc-service.financialRegions names ${r}, which is not in x-tc-service.regions (expected a region listed there)`,
      )
  const infoVersion = isObject(doc.info) ? doc.info.version : undefined
  if (typeof s.version === 'string' && s.version !== infoVersion)
    fail(
      ['x-tc-service', 'version'],
      'service',
      `x-tc-service.version is ${s.version} (expected info.version, ${JSON.stringify(infoVersion ?? null)})`,
    )
  return {
    name: String(s.name),
    version: String(s.version),
    title: isObject(doc.info) ? String(doc.info.title) : '',
    maxClockSkewSeconds: typeof s.maxClockSkewSeconds === 'number' ? s.maxClockSkewSeconds : 300,
    hosts: { default: String(hosts.default), regional: String(hosts.regional), intl: String(hosts.intl) },
    regions,
    financialRegions,
    commonErrors: readErrors(s.commonErrors, ['x-tc-service', 'commonErrors'], fail),
  }
}

/**
 * Error codes are compared exactly (the client's retry rules, apps' `error.code === ...`), so two spellings of one
 * code that differ only in case (`ResourceNotFound.Instancenotexists`) are a typo: the first one in the file wins.
 */
function checkCodeSpellings(doc: { [key: string]: Json }, fail: Fail) {
  const lists: [Pointer, Json | undefined][] = []
  const service = doc['x-tc-service']
  if (isObject(service)) lists.push([['x-tc-service', 'commonErrors'], service.commonErrors])
  for (const [pathKey, item] of Object.entries(isObject(doc.paths) ? doc.paths : {}))
    for (const [method, op] of Object.entries(isObject(item) ? item : {}))
      if (isObject(op)) lists.push([['paths', pathKey, method, 'x-tc-errors'], op['x-tc-errors']])
  const first = new Map<string, string>()
  for (const [pointer, list] of lists)
    for (const [i, e] of (Array.isArray(list) ? list : []).entries()) {
      if (!isObject(e) || typeof e.code !== 'string') continue
      const seen = first.get(e.code.toLowerCase())
      if (seen === undefined) first.set(e.code.toLowerCase(), e.code)
      else if (seen !== e.code)
        fail(
          [...pointer, i, 'code'],
          'error-code-unique',
          `${e.code} differs only in case from ${seen}, also declared (expected one spelling: codes are compared exactly, so one of the two is a typo)`,
        )
    }
}

/**
 * A list of error entries; the shape of each entry was checked by check-extensions, its uniqueness is here. An
 * action's list may not repeat a common code: the common entry alone says whether the client retries it, and a
 * second description of the same code in the action's JSDoc could only disagree with the first.
 */
function readErrors(
  list: Json | undefined,
  pointer: Pointer,
  fail: Fail,
  common: ReadonlySet<string> = new Set(),
): ErrorCodeIR[] {
  const out: ErrorCodeIR[] = []
  for (const [i, e] of (Array.isArray(list) ? list : []).entries()) {
    if (!isObject(e) || typeof e.code !== 'string') continue
    if (common.has(e.code)) {
      fail(
        [...pointer, i, 'code'],
        'error-code-unique',
        `${e.code} is already in x-tc-service.commonErrors (expected only codes of this action: every action answers the common ones)`,
      )
      continue
    }
    if (out.some((o) => o.code === e.code)) {
      fail(
        [...pointer, i],
        'error-code-unique',
        `${e.code} is listed twice (expected each code once per list)`,
      )
      continue
    }
    out.push({
      code: e.code,
      description: typeof e.description === 'string' ? e.description : '',
      ...(typeof e['x-description-ja'] === 'string' ? { descriptionJa: e['x-description-ja'] } : {}),
      ...(e.refused === true ? { refused: true } : {}),
      ...(e.transient === true ? { transient: true } : {}),
    })
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1))
}

/** Every answer of the service carries a RequestId: the client's errors and the mock's answers read it. */
function checkRequestId(
  name: string,
  named: Schema | undefined,
  schemas: Record<string, Schema>,
  fail: Fail,
) {
  if (!isObject(named)) return
  // Through $refs, the response's own (two actions may share one shape) and RequestId's; a loop is ref-resolves'.
  const response = resolve(named, schemas)
  if (typeof response.$ref === 'string') return
  const props = isObject(response.properties) ? response.properties : {}
  const names = Array.isArray(response.required) ? response.required : []
  const given = isObject(props.RequestId) ? resolve(props.RequestId, schemas) : undefined
  // RequestId required without its property, or a misspelt RequestID in required, is required-exists' to report;
  // a loop, ref-resolves'.
  const misspelt = names.some(
    (n) => typeof n === 'string' && n !== 'RequestId' && n.toLowerCase() === 'requestid',
  )
  if ((!given && names.includes('RequestId')) || misspelt || typeof given?.$ref === 'string') return
  const types = given && typesOf(given)
  const problem = !given
    ? 'has no RequestId'
    : types!.types.length !== 1 || types!.types[0] !== 'string' || types!.nullable
      ? 'has a RequestId that is not type: string (without null)'
      : names.includes('RequestId')
        ? undefined
        : 'does not list RequestId in required'
  if (problem)
    fail(
      ['components', 'schemas', `${name}Response`, ...(given ? ['properties', 'RequestId'] : [])],
      'response-request-id',
      `${name}Response ${problem} (expected properties.RequestId: { type: string } and RequestId in required: every answer of the service carries one, and the client's errors and the mock read it)`,
    )
}

function readAction(
  at: Pointer,
  op: { [key: string]: Json },
  doc: { [key: string]: Json },
  schemas: Record<string, Schema>,
  commonCodes: ReadonlySet<string>,
  fail: Fail,
): ActionIR | undefined {
  const name = op.operationId
  if (typeof name !== 'string' || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    fail(
      [...at, 'operationId'],
      'operation-id',
      'operationId must be the Tencent action name, e.g. DescribeInstanceBackups',
    )
    return undefined
  }
  const rate = isObject(op['x-tc-rate-limit']) ? op['x-tc-rate-limit'].perSecond : undefined
  const body =
    isObject(op.requestBody) && isObject(op.requestBody.content)
      ? op.requestBody.content['application/json']
      : undefined
  const requestSchema = isObject(body) && isObject(body.schema) ? refName(body.schema.$ref) : undefined
  if (requestSchema !== `${name}Request`)
    fail(
      [...at, 'requestBody'],
      'request-schema',
      `${name}: the JSON body must be $ref: '#/components/schemas/${name}Request'`,
    )
  const ok = isObject(op.responses) && isObject(op.responses['200']) ? op.responses['200'] : undefined
  const okBody =
    ok && isObject(ok.content) && isObject(ok.content['application/json'])
      ? ok.content['application/json']
      : undefined
  const okSchema = okBody && isObject(okBody.schema) ? okBody.schema : undefined
  const variants =
    okSchema && Array.isArray(okSchema.anyOf)
      ? okSchema.anyOf.map((v) => (isObject(v) ? refName(v.$ref) : undefined))
      : []
  if (!variants.includes(`${name}Envelope`) || !variants.includes('ErrorEnvelope')) {
    fail(
      [...at, 'responses'],
      'response-schema',
      `${name}: the 200 response must be anyOf ${name}Envelope and ErrorEnvelope`,
    )
  }
  // The client reads a success or an error: another variant would be typed, and never read or checked.
  else
    for (const [i, variant] of variants.entries()) {
      const other = variant !== `${name}Envelope` && variant !== 'ErrorEnvelope'
      if (!other && variants.indexOf(variant) === i) continue
      fail(
        [...at, 'responses', '200', 'content', 'application/json', 'schema', 'anyOf', i],
        'response-schema',
        `${name}: the 200 response's anyOf ${other ? `has a variant other than ${name}Envelope and ErrorEnvelope` : `lists ${variant} twice`} (expected exactly $ref: '#/components/schemas/${name}Envelope' and $ref: '#/components/schemas/ErrorEnvelope': the client reads a success or an error, nothing else)`,
      )
    }
  for (const s of [`${name}Request`, `${name}Response`, `${name}Envelope`, 'ErrorEnvelope']) {
    if (!schemas[s])
      fail(['components', 'schemas'], 'schema-missing', `${name} needs components.schemas.${s}`)
  }
  checkRequestId(name, schemas[`${name}Response`], schemas, fail)
  // The first example of each, through its $ref to components.examples if it has one.
  const requestExample = mediaExamples(body, [], doc)[0]?.value
  const responseExample = mediaExamples(okBody, [], doc)[0]?.value
  const responseValue = isObject(responseExample) ? responseExample.Response : undefined
  // The mock seeds its state from these, its contract test replays each pair, and the client's JSDoc shows the
  // request: an action without them generated a fixtures file that broke @crs-kit/msw's types.
  if (!isObject(requestExample))
    fail(
      at,
      'examples',
      `${name} has no request example (expected requestBody.content.application/json.examples.<name>.value, a mapping of the request's fields)`,
    )
  if (!isObject(responseValue))
    fail(
      at,
      'examples',
      `${name} has no response example (expected responses.200.content.application/json.examples.<name>.value, a mapping { Response: { ... } })`,
    )
  return {
    name,
    method: name[0]!.toLowerCase() + name.slice(1),
    summary: typeof op.summary === 'string' ? op.summary : name,
    description: typeof op.description === 'string' ? op.description : '',
    descriptionJa: typeof op['x-description-ja'] === 'string' ? op['x-description-ja'] : undefined,
    idempotent: op['x-tc-idempotent'] === true,
    rateLimitPerSecond: typeof rate === 'number' ? rate : 0,
    pagination: readPagination([...at, 'x-tc-pagination'], op['x-tc-pagination'], name, schemas, fail),
    errors: readErrors(op['x-tc-errors'] ?? [], [...at, 'x-tc-errors'], fail, commonCodes),
    requestSchema: `${name}Request`,
    responseSchema: `${name}Response`,
    requestExample,
    responseExample: responseValue,
  }
}

/** The page size of a paginator whose limit property has no default (documented in spec/README.md). */
const defaultPageSize = 20

function readPagination(
  at: Pointer,
  p: Json | undefined,
  name: string,
  schemas: Record<string, Schema>,
  fail: Fail,
): PaginationIR | undefined {
  if (!isObject(p)) return undefined
  const req = schemas[`${name}Request`]?.properties
  const res = schemas[`${name}Response`]?.properties
  const prop = (props: Json | undefined, key: Json | undefined) =>
    isObject(props) && typeof key === 'string' && isObject(props[key]) ? props[key] : undefined
  const limitProp = prop(req, p.limit)
  const limit = limitProp && resolve(limitProp, schemas)
  const items = prop(res, p.items)
  for (const [key, props, side] of [
    ['limit', req, 'request'],
    ['offset', req, 'request'],
    ['total', res, 'response'],
    ['items', res, 'response'],
  ] as const) {
    const named = p[key]
    // A missing or non-string key was reported with the shape of x-tc-pagination.
    if (typeof named !== 'string') continue
    const target = prop(props, named)
    if (!target) {
      const known = isObject(props) ? Object.keys(props) : []
      const guess = known.length ? closest(named, known) : undefined
      fail(
        [...at, key],
        'pagination',
        `x-tc-pagination.${key} names ${named}, which is not a property of ${name}'s ${side} (${guess ? `did you mean ${guess}? ` : ''}expected one of ${known.join(', ') || 'its properties'})`,
      )
      continue
    }
    // The paginator does arithmetic on limit, offset and total: a string there would concatenate.
    const [type] = typesOf(resolve(target, schemas)).types
    if (key !== 'items' && type !== 'integer')
      fail(
        [...at, key],
        'pagination',
        `x-tc-pagination.${key} names ${named}, ${type ? `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}` : 'a property without a type'} (expected an integer property)`,
      )
  }
  const itemSchema = items && isObject(items.items) ? refName(items.items.$ref) : undefined
  // A $ref that is not into components.schemas (another file, say) is reported by check-refs, where it is written.
  const unresolvedRef = items && isObject(items.items) && typeof items.items.$ref === 'string'
  if (items && !itemSchema && !unresolvedRef)
    fail(
      [...at, 'items'],
      'pagination',
      `x-tc-pagination.items names ${String(p.items)}, which is not a list of a named schema (expected type: array with items: { $ref: '#/components/schemas/Name' })`,
    )
  if (!limit || !itemSchema) return undefined
  // Without a default the client asks for pages of defaultPageSize, which the limit's own bounds must allow (a
  // default that breaks them is reported by check-constraints): otherwise every paginate call fails validation.
  const { minimum, maximum } = limit
  if (
    limit.default === undefined &&
    ((typeof minimum === 'number' && defaultPageSize < minimum) ||
      (typeof maximum === 'number' && defaultPageSize > maximum))
  )
    fail(
      ['components', 'schemas', `${name}Request`, 'properties', String(p.limit)],
      'pagination',
      `${String(p.limit)} has no default, so the client's pages hold ${defaultPageSize}, outside its bounds ${typeof minimum === 'number' ? minimum : '-'}..${typeof maximum === 'number' ? maximum : '-'} (expected a default within them)`,
    )
  return {
    limit: String(p.limit),
    offset: String(p.offset),
    total: String(p.total),
    items: String(p.items),
    defaultLimit: typeof limit.default === 'number' ? limit.default : defaultPageSize,
    maxLimit: typeof limit.maximum === 'number' ? limit.maximum : undefined,
    itemSchema,
  }
}
