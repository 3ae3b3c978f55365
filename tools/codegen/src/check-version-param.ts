import type { Schema } from './ir.ts'
import type { Json, Pointer } from './load-spec.ts'
import { resolve } from './schema-utils.ts'
import type { JsonObject, Visit } from './spec-walk.ts'

type Fail = (pointer: Pointer, rule: string, detail: string) => void

// Tencent's common Version parameter: the X-TC-Version header, or Version in the query form.
const isVersion = (name: Json | undefined) => typeof name === 'string' && /^(x-tc-)?version$/i.test(name)

/**
 * A visitor for walkSpec: a Version parameter whose const, enum or default leaves out info.version is an error.
 * The client always sends info.version (x-tc-service.version equals it), so such a spec contradicts itself: its
 * own calls would break the parameter's schema.
 */
export function versionParamChecker(doc: JsonObject, schemas: Record<string, Schema>, fail: Fail): Visit {
  const info = doc.info
  const version = typeof info === 'object' && info !== null && !Array.isArray(info) ? info.version : undefined
  return (node, at, place) => {
    if (place !== 'parameter' || !isVersion(node.name) || typeof version !== 'string') return
    const raw = node.schema
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return
    const schema = resolve(raw, schemas)
    const where = (key: string): Pointer => (key in raw ? [...at, 'schema', key] : [...at, 'schema'])
    const expected = `(expected info.version, ${JSON.stringify(version)}: the client sends it)`
    for (const key of ['const', 'default'])
      if (key in schema && schema[key] !== version)
        fail(where(key), 'version', `${node.name}'s ${key} is ${JSON.stringify(schema[key])} ${expected}`)
    if (Array.isArray(schema.enum) && !schema.enum.includes(version))
      fail(where('enum'), 'version', `${node.name}'s enum lists ${JSON.stringify(schema.enum)} ${expected}`)
  }
}
