import type { Json, Pointer } from './load-spec.ts'

/**
 * What an object of the document is, as far as the checks care: where x-tc-* keywords are read, what a `$ref`
 * there must point to, and which objects are schemas.
 */
export type Place =
  | 'root'
  | 'operation'
  | 'path-item'
  | 'schema'
  | 'property'
  | 'parameter'
  | 'request-body'
  | 'response'
  | 'media-type'
  | 'example'
  | 'header'
  | 'components'
  | 'other'

export type JsonObject = { [key: string]: Json }
export type Visit = (node: JsonObject, at: Pointer, place: Place) => void

// A map's keys are names chosen by the author (paths, schema and property names, status codes), never keywords:
// its values are walked with the element place, and its own keys are not checked.
type MapOf = { map: Place }
type Child = Place | MapOf | 'skip'

const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const componentMaps: Record<string, Place> = {
  schemas: 'schema',
  parameters: 'parameter',
  requestBodies: 'request-body',
  responses: 'response',
  examples: 'example',
  headers: 'header',
  pathItems: 'path-item',
}
const subschema = new Set([
  'items',
  'not',
  'additionalProperties',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  // lists of schemas: a list is walked with its elements' place
  'allOf',
  'anyOf',
  'oneOf',
  'prefixItems',
])
const schemaMaps = new Set(['$defs', 'patternProperties', 'dependentSchemas'])
// Instance data inside a schema: an example may well hold a key that looks like a keyword.
const schemaData = new Set(['examples', 'example', 'default', 'enum', 'const'])

function childOf(place: Place, key: string): Child {
  switch (place) {
    case 'root':
      if (key === 'paths' || key === 'webhooks') return { map: 'path-item' }
      return key === 'components' ? 'components' : 'other'
    case 'path-item':
      if (methods.has(key)) return 'operation'
      return key === 'parameters' ? 'parameter' : 'other'
    case 'operation':
      if (key === 'parameters') return 'parameter'
      if (key === 'requestBody') return 'request-body'
      return key === 'responses' ? { map: 'response' } : 'other'
    case 'parameter':
    case 'header':
      if (key === 'schema') return 'schema'
      if (key === 'content') return { map: 'media-type' }
      if (key === 'examples') return { map: 'example' }
      return key === 'example' ? 'skip' : 'other'
    case 'request-body':
      return key === 'content' ? { map: 'media-type' } : 'other'
    case 'response':
      if (key === 'content') return { map: 'media-type' }
      return key === 'headers' ? { map: 'header' } : 'other'
    case 'media-type':
      if (key === 'schema') return 'schema'
      if (key === 'examples') return { map: 'example' }
      return key === 'example' ? 'skip' : 'other'
    case 'example':
      return key === 'value' ? 'skip' : 'other'
    case 'schema':
    case 'property':
      if (key === 'properties') return { map: 'property' }
      if (subschema.has(key)) return 'schema'
      if (schemaMaps.has(key)) return { map: 'schema' }
      return schemaData.has(key) ? 'skip' : 'other'
    case 'components': {
      const element = componentMaps[key]
      return element ? { map: element } : 'other'
    }
    default:
      return 'other'
  }
}

/**
 * Calls `visit` on every object of the document that is not a map, with its pointer and place, in document
 * order: one pass, linear in the size of the document. Example values and the values of `x-*` extensions are
 * data and are not entered (the checks of x-tc-* keywords read those values themselves).
 */
export function walkSpec(doc: JsonObject, visit: Visit): void {
  walk(doc, [], 'root', visit)
}

// Scalars are never visited: skipping them before a pointer is built keeps the walk cheap on big specs.
const isNode = (v: Json): v is JsonObject | Json[] => typeof v === 'object' && v !== null

function walk(node: JsonObject | Json[], at: Pointer, place: Place, visit: Visit): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i]!
      if (isNode(item)) walk(item, [...at, i], place, visit)
    }
    return
  }
  visit(node, at, place)
  for (const key in node) {
    const value = node[key]!
    if (!isNode(value) || key.startsWith('x-')) continue
    const child = childOf(place, key)
    if (child === 'skip') continue
    if (typeof child === 'object') {
      if (Array.isArray(value)) continue
      for (const name in value) {
        const element = value[name]!
        if (isNode(element)) walk(element, [...at, key, name], child.map, visit)
      }
      continue
    }
    walk(value, [...at, key], child, visit)
  }
}
