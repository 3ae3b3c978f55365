import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  copyTree,
  fixture,
  generateFile,
  positionOf,
  readTree,
  runCli,
  tempDir,
  writeTree,
} from './harness.ts'

// A broken spec fails with `FILE:LINE:COLUMN error [rule] message` at the place in the YAML that is wrong,
// and leaves a previously generated tree exactly as it was. Each case edits widgets.yaml; the expected
// position is found in the edited text, at the key (or, for YAML syntax, the token) that is wrong.
let widgets: string
let pristine: string
beforeAll(async () => {
  widgets = await readFile(fixture('widgets.yaml'), 'utf8')
  pristine = await tempDir()
  await writeTree(pristine, await generateFile(fixture('widgets.yaml')))
})

interface Problem {
  rule: string
  /** Unique text of the edited spec, and the part of it the error must point at. */
  marker: string
  focus?: string
  /** Text the error's message must contain (what is wrong, what is expected). */
  says?: string
}

const replaceOnce = (text: string, from: string, to: string) => {
  expect(text.split(from), `"${from}" occurs once in widgets.yaml`).toHaveLength(2)
  return text.replace(from, to)
}

const cases: [string, (t: string) => string, Problem[]][] = [
  [
    'a span limit that is not a positive integer',
    (t) => replaceOnce(t, 'x-tc-max-span-days: 7', 'x-tc-max-span-days: 0'),
    [{ rule: 'cross-field', marker: 'x-tc-max-span-days: 0', focus: 'x-tc-max-span-days' }],
  ],
  [
    'a span limit without the field it starts from',
    (t) => replaceOnce(t, '          x-tc-not-before: From\n', ''),
    [{ rule: 'cross-field', marker: 'x-tc-max-span-days: 7', focus: 'x-tc-max-span-days' }],
  ],
  [
    'a YAML syntax error',
    (t) => replaceOnce(t, '      summary: Make a widget.', '      summary: Make: a widget.'),
    [{ rule: 'yaml-syntax', marker: 'summary: Make: a widget.', focus: 'Make: a widget.' }],
  ],
  [
    'a duplicate key',
    (t) =>
      replaceOnce(
        t,
        '      summary: List widgets.\n',
        '      summary: List widgets.\n      summary: again\n',
      ),
    [{ rule: 'yaml-syntax', marker: 'summary: again' }],
  ],
  [
    'a missing x-tc-idempotent',
    (t) => replaceOnce(t, '      x-tc-idempotent: false\n', ''),
    [{ rule: 'idempotency', marker: '/#Action=MakeWidget:\n    post:', focus: 'post:' }],
  ],
  [
    'a $ref to a missing schema',
    (t) =>
      replaceOnce(
        t,
        "        To:\n          $ref: '#/components/schemas/Stamp'",
        "        To:\n          $ref: '#/components/schemas/Stmp'",
      ),
    [{ rule: 'ref-resolves', marker: "$ref: '#/components/schemas/Stmp'", focus: '$ref' }],
  ],
  [
    'an unsupported keyword (oneOf) in a request schema',
    (t) =>
      replaceOnce(
        t,
        '        ShelfId:\n          type: string\n',
        '        ShelfId:\n          type: string\n          oneOf:\n            - minLength: 2\n',
      ),
    [{ rule: 'request-keyword', marker: 'oneOf:' }],
  ],
  [
    'an unsupported keyword in a schema a request reaches through $ref',
    (t) =>
      replaceOnce(
        t,
        '        Sizes:\n          type: array\n',
        '        Sizes:\n          type: array\n          uniqueItems: true\n',
      ),
    [{ rule: 'request-keyword', marker: 'uniqueItems: true', focus: 'uniqueItems' }],
  ],
  [
    'an unsupported keyword in a scalar schema two request fields share (reported once)',
    (t) =>
      replaceOnce(t, '    Stamp:\n      type: string\n', '    Stamp:\n      type: string\n      not: {}\n'),
    [{ rule: 'request-keyword', marker: 'not: {}', focus: 'not' }],
  ],
  [
    // The client's token bucket relies on it: a rate of 0 would never refill.
    'a rate limit that is not positive',
    (t) => replaceOnce(t, '        perSecond: 5', '        perSecond: 0'),
    [{ rule: 'rate-limit', marker: '/#Action=ListWidgets:\n    post:', focus: 'post:' }],
  ],
  [
    'a pagination field that does not exist',
    (t) => replaceOnce(t, '        items: Widgets', '        items: Gadgets'),
    [{ rule: 'pagination', marker: 'items: Gadgets', focus: 'items' }],
  ],
  [
    'two problems at once',
    (t) =>
      replaceOnce(
        replaceOnce(t, '      x-tc-idempotent: false\n', ''),
        '        items: Widgets',
        '        items: Gadgets',
      ),
    [
      { rule: 'pagination', marker: 'items: Gadgets', focus: 'items' },
      { rule: 'idempotency', marker: '/#Action=MakeWidget:\n    post:', focus: 'post:' },
    ],
  ],
  // A $ref outside components.schemas used to reach openapi-typescript, which crashed with a stack trace.
  [
    'a $ref to a missing schema in a response',
    (t) =>
      replaceOnce(
        t,
        "                  - $ref: '#/components/schemas/MakeWidgetEnvelope'",
        "                  - $ref: '#/components/schemas/MakeWidgetEnvelop'",
      ),
    [
      {
        rule: 'response-schema',
        marker:
          "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                anyOf:\n                  - $ref: '#/components/schemas/MakeWidgetEnvelop'",
        focus: 'responses',
      },
      {
        rule: 'ref-resolves',
        marker: "$ref: '#/components/schemas/MakeWidgetEnvelop'",
        focus: '$ref',
        says: 'did you mean MakeWidgetEnvelope?',
      },
    ],
  ],
  [
    'a $ref to a missing parameter, a missing file and an anchor',
    (t) =>
      replaceOnce(
        t,
        '      x-tc-errors:\n        - code: ResourceNotFound.Shelf',
        "      parameters:\n        - $ref: '#/components/parameters/Region'\n        - $ref: 'common.yaml#/components/parameters/Token'\n        - $ref: '#Token'\n      x-tc-errors:\n        - code: ResourceNotFound.Shelf",
      ),
    [
      {
        rule: 'ref-resolves',
        marker: "$ref: '#/components/parameters/Region'",
        focus: '$ref',
        says: '#/components/parameters/Region does not resolve',
      },
      {
        rule: 'ref-resolves',
        marker: "$ref: 'common.yaml#",
        focus: '$ref',
        says: 'common.yaml#/components/parameters/Token points into another file',
      },
      { rule: 'ref-resolves', marker: "$ref: '#Token'", focus: '$ref', says: '#Token is not a JSON pointer' },
    ],
  ],
  [
    'a $ref in a request body to something that is not a request body',
    (t) =>
      replaceOnce(
        t,
        "      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/MakeWidgetRequest'\n            examples:\n              first:\n                value:\n                  Spec:\n                    Color: red\n",
        "      requestBody:\n        $ref: '#/components/schemas/MakeWidgetRequest'\n",
      ),
    // The generator reads the body where it is written, so the body it cannot see also lacks its example.
    [
      { rule: 'examples', marker: '/#Action=MakeWidget:\n    post:', focus: 'post:' },
      {
        rule: 'request-schema',
        marker: "requestBody:\n        $ref: '#/components/schemas/MakeWidgetRequest'",
        focus: 'requestBody',
      },
      {
        rule: 'ref-resolves',
        marker: "requestBody:\n        $ref: '#/components/schemas/MakeWidgetRequest'",
        focus: '$ref',
        says: "(expected '#/components/requestBodies/",
      },
    ],
  ],
  // The mock seeds its state from the examples, and its contract test reads both of each action.
  [
    'an action without a request example',
    (t) =>
      replaceOnce(
        t,
        '            examples:\n              first:\n                value:\n                  ShelfId: s-1\n',
        '',
      ),
    [
      {
        rule: 'examples',
        marker: '/#Action=ListWidgets:\n    post:\n      operationId: ListWidgets',
        focus: 'post:',
        says: 'ListWidgets has no request example (expected',
      },
    ],
  ],
  [
    'an action whose response example has no Response',
    (t) =>
      replaceOnce(
        t,
        '                  value:\n                    Response:\n                      TaskId: 7',
        '                  value:\n                    Respons:\n                      TaskId: 7',
      ),
    [
      {
        rule: 'examples',
        marker: '/#Action=MakeWidget:\n    post:',
        focus: 'post:',
        says: 'MakeWidget has no response example (expected',
      },
    ],
  ],
]

describe('a broken spec', () => {
  it.each(cases)(
    'with %s fails at its line and leaves the generated files untouched',
    async (_, edit, problems) => {
      const text = edit(widgets)
      const out = await copyTree(pristine)
      const dir = await tempDir()
      await writeFile(join(dir, 'broken.yaml'), text)
      const before = await readTree(out)

      const run = runCli(['--spec', 'broken.yaml', '--out', out], dir)

      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      const lines = run.stderr.trimEnd().split('\n')
      const expected = problems.map(({ rule, marker, focus }) => {
        const { line, column } = positionOf(text, marker, focus)
        return `broken.yaml:${line}:${column} error [${rule}] `
      })
      const errors = lines.slice(0, -1)
      expect(errors.map((l) => l.slice(0, l.indexOf('] ') + 2))).toEqual(expected)
      for (const [i, { says }] of problems.entries()) if (says) expect(errors[i]).toContain(says)
      for (const error of errors) expect(error).toMatch(/^broken\.yaml:\d+:\d+ error \[[a-z-]+\] \S.*$/)
      expect(lines.at(-1)).toBe(`generate: ${problems.length} problem(s) in broken.yaml; no file was changed`)
      expect(await readTree(out)).toEqual(before)
    },
  )
})
