import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { isMap, isSeq, parseDocument } from 'yaml'
import { generate } from '../src/generate.ts'
import { fixture, realSpec } from './harness.ts'

/**
 * The same spec with the order of everything whose order carries no meaning reversed: path items, every
 * components map (schemas, parameters, ...), the service's regions, financial regions and common errors, and
 * each action's error codes. Property order inside a schema is meaningful (it is the order fields are shown
 * in) and stays as written.
 */
function reordered(text: string): string {
  const doc = parseDocument(text)
  const reverse = (path: (string | number)[]) => {
    const node = doc.getIn(path, true)
    if (isMap(node) || isSeq(node)) (node.items as unknown[]).reverse()
  }
  reverse(['paths'])
  const components = doc.get('components', true)
  if (isMap(components)) for (const pair of components.items) reverse(['components', String(pair.key)])
  for (const key of ['regions', 'commonErrors']) reverse(['x-tc-service', key])
  reverse(['x-tc-service', 'financialRegions', 'regions'])
  const paths = doc.get('paths', true)
  if (isMap(paths))
    for (const pair of paths.items) reverse(['paths', String(pair.key), 'post', 'x-tc-errors'])
  return doc.toString({ lineWidth: 0 })
}

describe('determinism', () => {
  it('generates byte-identical files from the real spec, run after run', async () => {
    const text = await readFile(realSpec, 'utf8')
    const first = await generate(text, 'spec/redis.yaml')
    const second = await generate(text, 'spec/redis.yaml')
    expect(first.size).toBe(11)
    expect([...second.entries()]).toEqual([...first.entries()])
  })

  it.each([
    ['the real spec', realSpec],
    ['widgets.yaml', fixture('widgets.yaml')],
  ])(
    'gives the same output for %s with paths, schemas, regions and error codes reordered',
    async (_, path) => {
      const text = await readFile(path, 'utf8')
      const shuffled = reordered(text)
      // The reordering really happened: the first path, schema and error code of the YAML have changed.
      const firstKeys = (t: string) => {
        const d = parseDocument(t).toJS() as {
          paths: object
          components: { schemas: object }
          'x-tc-service': { commonErrors: unknown[]; regions: string[] }
        }
        return [
          Object.keys(d.paths)[0],
          Object.keys(d.components.schemas)[0],
          JSON.stringify(d['x-tc-service'].commonErrors[0]),
          d['x-tc-service'].regions.join(),
        ]
      }
      const [before, after] = [firstKeys(text), firstKeys(shuffled)]
      for (const [i, key] of before.entries()) expect(after[i], `item ${i} was reordered`).not.toBe(key)

      const expected = await generate(text, 'spec.yaml')
      const actual = await generate(shuffled, 'spec.yaml')
      expect([...actual.keys()]).toEqual([...expected.keys()])
      for (const [file, body] of expected) expect(actual.get(file), file).toBe(body)
    },
  )
})
