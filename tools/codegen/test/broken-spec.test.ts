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
    // It used to overflow the stack instead.
    'a named schema that is only a $ref to itself',
    (t) =>
      replaceOnce(
        t,
        '    Stamp:\n      type: string\n      format: tc-datetime\n',
        "    Stamp:\n      $ref: '#/components/schemas/Stamp'\n",
      ),
    [
      { rule: 'request-type', marker: '    Stamp:', focus: 'Stamp:' },
      {
        rule: 'ref-resolves',
        marker: "Stamp:\n      $ref: '#/components/schemas/Stamp'",
        focus: '$ref',
        says: 'loops back: Stamp -> Stamp',
      },
    ],
  ],
  [
    'two named schemas whose $refs loop',
    (t) =>
      replaceOnce(
        t,
        '    Stamp:\n      type: string\n      format: tc-datetime\n',
        "    Stamp:\n      $ref: '#/components/schemas/Stamp2'\n    Stamp2:\n      $ref: '#/components/schemas/Stamp'\n",
      ),
    [
      {
        rule: 'ref-resolves',
        marker: "$ref: '#/components/schemas/Stamp2'",
        focus: '$ref',
        says: 'loops back: Stamp -> Stamp2 -> Stamp',
      },
      { rule: 'request-type', marker: '    Stamp2:', focus: 'Stamp2:' },
      {
        rule: 'ref-resolves',
        marker: "Stamp2:\n      $ref: '#/components/schemas/Stamp'",
        focus: '$ref',
        says: 'loops back: Stamp2 -> Stamp -> Stamp2',
      },
    ],
  ],
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
    [
      {
        rule: 'yaml-syntax',
        marker: 'summary: Make: a widget.',
        focus: 'Make: a widget.',
        says: "Nested mappings are not allowed in compact mappings (expected each key indented as far as the keys beside it, and a value holding ': ' quoted, e.g. summary: 'Make: a widget.')",
      },
    ],
  ],
  [
    // It used to be three errors, the last two set off by the first.
    'a line indented one column too little',
    (t) => replaceOnce(t, '      summary: List widgets.\n', '     summary: List widgets.\n'),
    [
      {
        rule: 'yaml-syntax',
        marker: '     summary: List widgets.',
        says: 'All mapping items must start at the same column (expected the line indented with spaces to the same column as the keys beside it)',
      },
    ],
  ],
  [
    // It used to be a screenful of errors down to the end of the file.
    'a line indented with a tab',
    (t) => replaceOnce(t, '      summary: List widgets.\n', '\tsummary: List widgets.\n'),
    [
      {
        rule: 'yaml-syntax',
        marker: '\tsummary: List widgets.',
        says: 'Tabs are not allowed as indentation (expected spaces: YAML does not indent with tabs); ',
      },
    ],
  ],
  [
    'a duplicate key',
    (t) =>
      replaceOnce(
        t,
        '      summary: List widgets.\n',
        '      summary: List widgets.\n      summary: again\n',
      ),
    [
      {
        rule: 'yaml-syntax',
        marker: 'summary: again',
        says: 'the key "summary" appears twice in one mapping (expected each key once: remove or rename one)',
      },
    ],
  ],
  [
    // A repeated key sets off no other error, so each is reported, named as YAML reads it (quotes off, colons kept).
    'two repeated keys, one quoted with a colon in it',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '      summary: List widgets.\n',
          '      summary: List widgets.\n      summary: again\n',
        ),
        '      summary: Make a widget.\n',
        "      summary: Make a widget.\n      'x-note:a': 1\n      'x-note:a': 2\n",
      ),
    [
      {
        rule: 'yaml-syntax',
        marker: 'summary: again',
        says: 'the key "summary" appears twice in one mapping (expected each key once: remove or rename one)',
      },
      { rule: 'yaml-syntax', marker: "'x-note:a': 2", says: 'the key "x-note:a" appears twice' },
    ],
  ],
  [
    // The listed items' rule writes it as a regex literal: one that does not compile would break core.
    'a pattern that is not a regular expression, in a listed item',
    (t) =>
      replaceOnce(
        t,
        '        Id:\n          type: string\n',
        "        Id:\n          type: string\n          pattern: '^(w'\n",
      ),
    [{ rule: 'pattern', marker: "pattern: '^(w'", focus: 'pattern', says: 'not a valid regular expression' }],
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
  // Keywords nothing generated honours (not the types, the validators or the readers) are refused wherever they
  // are, under one rule, with what to write instead: they used to vanish without a word outside request schemas.
  [
    'an unsupported keyword (oneOf) in a request schema',
    (t) =>
      replaceOnce(
        t,
        '        ShelfId:\n          type: string\n',
        '        ShelfId:\n          type: string\n          oneOf:\n            - minLength: 2\n',
      ),
    [
      {
        rule: 'unsupported-keyword',
        marker: 'oneOf:',
        says: "oneOf is not supported: the generated validators and readers would ignore it (expected one schema: type: [T, 'null'] for a value that may be null, enum for a choice of values",
      },
    ],
  ],
  [
    'an unsupported keyword in a schema a request reaches through $ref',
    (t) =>
      replaceOnce(
        t,
        '        Sizes:\n          type: array\n',
        '        Sizes:\n          type: array\n          uniqueItems: true\n',
      ),
    [
      {
        rule: 'unsupported-keyword',
        marker: 'uniqueItems: true',
        focus: 'uniqueItems',
        says: 'uniqueItems is not supported: the generated validators and readers would ignore it (expected a description saying so: no generated code compares items)',
      },
    ],
  ],
  [
    'an unsupported keyword in a scalar schema two request fields share (reported once)',
    (t) =>
      replaceOnce(t, '    Stamp:\n      type: string\n', '    Stamp:\n      type: string\n      not: {}\n'),
    [{ rule: 'unsupported-keyword', marker: 'not: {}', focus: 'not' }],
  ],
  // A format nothing checks would document a shape no validator enforces: a request field would take any string.
  [
    'formats the generated code does not check, and a known format on the wrong type',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '        ShelfId:\n          type: string\n',
          '        ShelfId:\n          type: string\n          format: date-time\n',
        ),
        '        Id:\n          type: string\n',
        '        Id:\n          type: string\n          format: int64\n',
      ),
    [
      {
        rule: 'unsupported-format',
        marker: 'format: date-time',
        focus: 'format',
        says: 'format "date-time" is not one the generated code knows, so nothing would check it (expected tc-datetime on a string',
      },
      {
        rule: 'unsupported-format',
        marker: 'format: int64',
        focus: 'format',
        says: 'format int64 is for integer values, and this schema\'s type is "string" (expected type: integer, or no format)',
      },
    ],
  ],
  [
    // A format beside a $ref would seem to hold while nothing checks it against the referenced type.
    'a format beside a $ref',
    (t) =>
      replaceOnce(
        t,
        "          $ref: '#/components/schemas/ListWidgetsResponse'\n",
        "          $ref: '#/components/schemas/ListWidgetsResponse'\n          format: int64\n",
      ),
    [
      {
        rule: 'unsupported-format',
        marker: "$ref: '#/components/schemas/ListWidgetsResponse'\n          format: int64",
        focus: 'format',
        says: 'format needs a type beside it (expected the format in the schema that has the type, the one the $ref names)',
      },
    ],
  ],
  [
    'unsupported keywords in a response schema, an item schema and the error envelope (one error each)',
    (t) =>
      replaceOnce(
        replaceOnce(
          replaceOnce(
            replaceOnce(
              t,
              '        Widgets:\n          type: array\n',
              '        Widgets:\n          type: array\n          uniqueItems: true\n',
            ),
            '        Id:\n          type: string\n',
            '        Id:\n          type: string\n          multipleOf: 2\n',
          ),
          "        Weight:\n          type: [integer, 'null']\n",
          "        Weight:\n          type: [integer, 'null']\n          exclusiveMinimum: 0\n",
        ),
        '            Error:\n              type: object\n',
        '            Error:\n              anyOf:\n                - type: object\n',
      ),
    [
      { rule: 'unsupported-keyword', marker: 'uniqueItems: true', focus: 'uniqueItems' },
      {
        rule: 'unsupported-keyword',
        marker: 'multipleOf: 2',
        focus: 'multipleOf',
        says: 'multipleOf is not supported: the generated validators and readers would ignore it (expected a description saying so; x-tc-multiple-of: Field makes a request field a multiple of another field)',
      },
      {
        rule: 'unsupported-keyword',
        marker: 'exclusiveMinimum: 0',
        focus: 'exclusiveMinimum',
        says: 'exclusiveMinimum is not supported: the generated validators and readers would ignore it (expected minimum; for an integer, exclusiveMinimum: n is minimum: n + 1)',
      },
      {
        rule: 'unsupported-keyword',
        marker: '            Error:\n              anyOf:',
        focus: 'anyOf',
        says: 'anyOf is not supported: the generated validators and readers would ignore it (expected one schema',
      },
    ],
  ],
  [
    'allOf, $defs and a misspelled keyword in a response schema',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '    MakeWidgetResponse:\n      type: object\n',
          "    MakeWidgetResponse:\n      type: object\n      allOf:\n        - $ref: '#/components/schemas/ListWidgetsEnvelope'\n      $defs:\n        Extra:\n          type: string\n",
        ),
        '        TaskId:\n          type: integer\n',
        '        TaskId:\n          type: integer\n          maximun: 10\n',
      ),
    [
      {
        rule: 'unsupported-keyword',
        marker: 'allOf:',
        says: 'allOf is not supported: the generated validators and readers would ignore it (expected one schema: the properties written together, or a $ref to one model',
      },
      {
        rule: 'unsupported-keyword',
        marker: '$defs:',
        focus: '$defs',
        says: "$defs is not supported: the generated validators and readers would ignore it (expected the schema in components.schemas, named by $ref: '#/components/schemas/Name')",
      },
      {
        rule: 'unsupported-keyword',
        marker: 'maximun: 10',
        focus: 'maximun',
        says: 'maximun is not a schema keyword the generator reads (did you mean maximum? expected a keyword such as',
      },
    ],
  ],
  [
    // The client reads a success or an error: a third variant of the 200 response would be typed and never read.
    "a 200 response's anyOf with a variant beside the two envelopes",
    (t) =>
      replaceOnce(
        t,
        "                  - $ref: '#/components/schemas/MakeWidgetEnvelope'\n                  - $ref: '#/components/schemas/ErrorEnvelope'\n",
        "                  - $ref: '#/components/schemas/MakeWidgetEnvelope'\n                  - $ref: '#/components/schemas/ErrorEnvelope'\n                  - type: string\n",
      ),
    [
      {
        rule: 'response-schema',
        marker: '                  - type: string',
        focus: 'type',
        says: "MakeWidget: the 200 response's anyOf has a variant other than MakeWidgetEnvelope and ErrorEnvelope (expected exactly $ref: '#/components/schemas/MakeWidgetEnvelope' and $ref: '#/components/schemas/ErrorEnvelope': the client reads a success or an error, nothing else)",
      },
    ],
  ],
  [
    // The request validators read a null field as absent: OpenAPI 3.1 writes a nullable type as a list.
    'a keyword a response may carry but a request may not (nullable)',
    (t) =>
      replaceOnce(
        t,
        "        Note:\n          type: [string, 'null']\n",
        '        Note:\n          type: string\n          nullable: true\n',
      ),
    [
      {
        rule: 'request-keyword',
        marker: 'nullable: true',
        focus: 'nullable',
        says: `request schemas cannot use "nullable": the generated validators would not enforce it (expected type: [T, 'null'])`,
      },
    ],
  ],
  [
    // The client's token bucket relies on it: a rate of 0 would never refill.
    'a rate limit that is not positive',
    (t) => replaceOnce(t, '        perSecond: 5', '        perSecond: 0'),
    [
      {
        rule: 'rate-limit',
        marker: 'perSecond: 0',
        focus: 'perSecond',
        says: 'ListWidgets: x-tc-rate-limit.perSecond is the number 0 (expected a positive integer)',
      },
    ],
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
  // Misspelled and mistyped x-tc-* keywords: each used to be accepted, silently changing what the client does.
  [
    'a misspelled x-tc-pagination (the paginator would silently be gone)',
    (t) => replaceOnce(t, '      x-tc-pagination:\n', '      x-tc-paginaton:\n'),
    [
      {
        rule: 'unknown-key',
        marker: 'x-tc-paginaton:',
        focus: 'x-tc-paginaton',
        says: 'ListWidgets: x-tc-paginaton is not a keyword of an operation (did you mean x-tc-pagination?',
      },
    ],
  ],
  [
    'retry flags of a common error written as strings',
    (t) =>
      replaceOnce(
        replaceOnce(t, '      refused: true\n', "      refused: 'yes'\n"),
        '      transient: true\n',
        "      transient: 'true'\n",
      ),
    [
      {
        rule: 'errors',
        marker: "refused: 'yes'",
        focus: 'refused',
        says: 'x-tc-service.commonErrors[0].refused is the string "yes" (expected true or false)',
      },
      {
        rule: 'errors',
        marker: "transient: 'true'",
        focus: 'transient',
        says: 'x-tc-service.commonErrors[1].transient is the string "true" (expected true or false)',
      },
    ],
  ],
  [
    'a clock skew written as a string',
    (t) =>
      replaceOnce(
        t,
        "  version: '2020-01-01'\n  hosts:",
        "  version: '2020-01-01'\n  maxClockSkewSeconds: '600'\n  hosts:",
      ),
    [
      {
        rule: 'service',
        marker: "maxClockSkewSeconds: '600'",
        focus: 'maxClockSkewSeconds',
        says: 'x-tc-service.maxClockSkewSeconds is the string "600" (expected a positive integer)',
      },
    ],
  ],
  [
    'a misspelled key in an x-tc-errors entry',
    (t) => replaceOnce(t, '          description: No such shelf.', '          descripton: No such shelf.'),
    [
      {
        rule: 'unknown-key',
        marker: 'descripton:',
        focus: 'descripton',
        says: 'x-tc-errors[0] has an unknown key descripton (did you mean description?',
      },
    ],
  ],
  [
    // The client's retry sets are built from x-tc-service.commonErrors only: a per-action flag did nothing.
    'a retry flag on a per-action error',
    (t) =>
      replaceOnce(
        t,
        '          x-description-ja: 棚がありません。\n',
        '          x-description-ja: 棚がありません。\n          transient: true\n',
      ),
    [
      {
        rule: 'errors',
        marker: 'x-description-ja: 棚がありません。\n          transient: true',
        focus: 'transient',
        says: 'x-tc-errors[0].transient is not read on a per-action error (expected only in x-tc-service.commonErrors',
      },
    ],
  ],
  [
    'a misspelled x-tc-* keyword on a schema property',
    (t) => replaceOnce(t, '          x-tc-multiple-of: Limit', '          x-tc-multiple-off: Limit'),
    [
      {
        rule: 'unknown-key',
        marker: 'x-tc-multiple-off',
        says: 'x-tc-multiple-off is not a keyword of a schema property (did you mean x-tc-multiple-of?',
      },
    ],
  ],
  [
    'an x-tc-* keyword where the generator does not read it',
    (t) =>
      replaceOnce(
        t,
        '  /#Action=MakeWidget:\n    post:\n',
        '  /#Action=MakeWidget:\n    x-tc-idempotent: true\n    post:\n',
      ),
    [
      {
        rule: 'unknown-key',
        marker: '    x-tc-idempotent: true\n    post:',
        focus: 'x-tc-idempotent',
        says: 'x-tc-idempotent is not read on a path item (expected on an operation)',
      },
    ],
  ],
  [
    'a misspelled host key in x-tc-service (one error, not also a missing key)',
    (t) => replaceOnce(t, '    intl: widget.intl.example.com', '    intll: widget.intl.example.com'),
    [{ rule: 'unknown-key', marker: 'intll', says: 'did you mean intl?' }],
  ],
  [
    'a misspelled pagination key',
    (t) => replaceOnce(t, '        total: Total', '        totl: Total'),
    [
      {
        rule: 'unknown-key',
        marker: 'totl',
        says: 'x-tc-pagination has an unknown key totl (did you mean total?',
      },
    ],
  ],
  [
    'a pagination field that names a property of the wrong type',
    (t) => replaceOnce(t, '        total: Total', '        total: RequestId'),
    [
      {
        rule: 'pagination',
        marker: 'total: RequestId',
        focus: 'total',
        says: 'x-tc-pagination.total names RequestId, a string (expected an integer property',
      },
    ],
  ],
  [
    'a host with a scheme and a region listed twice',
    (t) =>
      replaceOnce(
        replaceOnce(t, '    default: widget.example.com', '    default: https://widget.example.com'),
        '  regions: [ap-b, ap-a, ap-fin]',
        '  regions: [ap-b, ap-a, ap-fin, ap-a]',
      ),
    [
      { rule: 'service', marker: 'default: https://', focus: 'default', says: '(expected a host name' },
      {
        rule: 'service',
        marker: '  regions: [ap-b, ap-a, ap-fin, ap-a]',
        focus: 'ap-a]',
        says: 'x-tc-service.regions[3] repeats "ap-a"',
      },
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
  // `required` naming a property that is not there: checked in request schemas only, until now.
  [
    'a response schema and an item schema whose required name a missing property',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '      required: [Total, Widgets, RequestId]',
          '      required: [Total, Widgets, RequestID]',
        ),
        '      required: [Id]\n',
        '      required: [Idd]\n',
      ),
    [
      {
        rule: 'required-exists',
        marker: '      required: [Total, Widgets, RequestID]',
        focus: 'required',
        says: 'required names RequestID, which is not a property (did you mean RequestId?',
      },
      { rule: 'required-exists', marker: '      required: [Idd]', focus: 'required' },
    ],
  ],
  [
    'an enum that lists a value twice',
    (t) => replaceOnce(t, '      enum: [1, 2, -1]', '      enum: [1, 2, 1]'),
    [{ rule: 'enum', marker: 'enum: [1, 2, 1]', focus: 'enum', says: 'enum lists 1 twice' }],
  ],
  [
    // Only request schemas get validators: on a response field the rule was silently never enforced.
    'a cross-field keyword on a response property',
    (t) =>
      replaceOnce(
        t,
        '    TaskId:\n          type: integer\n',
        '    TaskId:\n          type: integer\n          x-tc-multiple-of: RequestId\n',
      ),
    [
      {
        rule: 'cross-field',
        marker: 'x-tc-multiple-of: RequestId',
        focus: 'x-tc-multiple-of',
        says: 'x-tc-multiple-of is not enforced here (expected on a property of a schema an action',
      },
    ],
  ],
  [
    // Readers take a numeric string for an integer only: on a string or a number the keyword promised nothing.
    'x-tc-lenient on a property that is not an integer',
    (t) =>
      replaceOnce(
        t,
        '    TaskId:\n          type: integer\n',
        '    TaskId:\n          type: number\n          x-tc-lenient: numeric-string\n',
      ),
    [
      {
        rule: 'lenient',
        marker: 'x-tc-lenient: numeric-string',
        focus: 'x-tc-lenient',
        says: 'x-tc-lenient reads a numeric string as an integer; this property is number (expected type integer)',
      },
    ],
  ],
  [
    // The validator compares integers or tc-datetime times and skips any other pair: the rule was never enforced.
    'cross-field rules between fields they cannot compare',
    (t) =>
      replaceOnce(
        replaceOnce(t, '          x-tc-multiple-of: Limit', '          x-tc-multiple-of: ShelfId'),
        '          x-tc-not-before: From',
        '          x-tc-not-before: Offset',
      ),
    [
      {
        rule: 'cross-field',
        marker: 'x-tc-multiple-of: ShelfId',
        focus: 'x-tc-multiple-of',
        says: 'x-tc-multiple-of relates Offset (integer) to ShelfId (string) (expected two integer properties)',
      },
      {
        rule: 'cross-field',
        marker: 'x-tc-not-before: Offset',
        focus: 'x-tc-not-before',
        says: 'x-tc-not-before relates To (tc-datetime) to Offset (integer) (expected two string properties of format tc-datetime)',
      },
    ],
  ],
  [
    // An operation copied with only its path key changed: one error at the operationId, not a request to turn the
    // copy back into the action it came from (its path key, schemas and envelope).
    'two operations with the same operationId',
    (t) => replaceOnce(t, '      operationId: MakeWidget', '      operationId: ListWidgets'),
    [
      {
        rule: 'action-path',
        marker: '  /#Action=MakeWidget:\n    post:\n      operationId: ListWidgets',
        focus: 'operationId',
        says: 'operationId ListWidgets does not match the path key /#Action=MakeWidget (expected the same action name in both: change the one that is left over from a copy)',
      },
    ],
  ],
  [
    'a copied operation under get with the operationId of another: both mistakes in one run',
    (t) =>
      replaceOnce(
        t,
        '  /#Action=MakeWidget:\n    post:\n      operationId: MakeWidget',
        '  /#Action=MakeWidget:\n    get:\n      operationId: ListWidgets',
      ),
    [
      {
        rule: 'action-method',
        marker: '    get:\n      operationId: ListWidgets',
        focus: 'get:',
        says: 'MakeWidget: Tencent actions are declared as post',
      },
      {
        rule: 'action-path',
        marker: '    get:\n      operationId: ListWidgets',
        focus: 'operationId',
      },
    ],
  ],
  [
    // Still reported when the path key is not of the /#Action= form, so no name can be read from it.
    'an operation under a path key that names no action, with the operationId of another',
    (t) =>
      replaceOnce(
        replaceOnce(t, '      operationId: MakeWidget', '      operationId: ListWidgets'),
        '  /#Action=MakeWidget:',
        '  /widgets/make:',
      ),
    [
      { rule: 'action-path', marker: '  /widgets/make:', focus: '/widgets/make' },
      { rule: 'action-unique', marker: '  /widgets/make:', focus: '/widgets/make' },
      {
        rule: 'request-schema',
        marker:
          "      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/MakeWidgetRequest'",
        focus: 'requestBody',
      },
      {
        rule: 'response-schema',
        marker:
          "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                anyOf:\n                  - $ref: '#/components/schemas/MakeWidgetEnvelope'",
        focus: 'responses',
      },
    ],
  ],
  [
    // Followed through the response's own $ref (two actions may share one shape), and null is not a RequestId.
    'a response that is a $ref to a shape whose RequestId may be null',
    (t) =>
      replaceOnce(
        t,
        '    MakeWidgetResponse:\n      type: object\n      required: [TaskId, RequestId]\n      properties:\n        TaskId:\n          type: integer\n        RequestId:\n          type: string\n',
        "    MakeWidgetResponse:\n      $ref: '#/components/schemas/TaskAnswer'\n    TaskAnswer:\n      type: object\n      required: [TaskId, RequestId]\n      properties:\n        TaskId:\n          type: integer\n        RequestId:\n          type: [string, 'null']\n",
      ),
    [
      {
        rule: 'response-request-id',
        marker: "    MakeWidgetResponse:\n      $ref: '#/components/schemas/TaskAnswer'",
        focus: 'MakeWidgetResponse',
        says: 'MakeWidgetResponse has a RequestId that is not type: string (without null)',
      },
    ],
  ],
  [
    // Codes are compared exactly: a second spelling would be typed and retried as another code.
    'an error code that differs from a common one only in case',
    (t) =>
      replaceOnce(
        t,
        '        - code: ResourceNotFound.Shelf\n',
        '        - code: Internalerror\n          description: Oops.\n        - code: ResourceNotFound.Shelf\n',
      ),
    [
      {
        rule: 'error-code-unique',
        marker: 'code: Internalerror',
        says: 'Internalerror differs only in case from InternalError, also declared (expected one spelling: codes are compared exactly, so one of the two is a typo)',
      },
    ],
  ],
  [
    // Every answer carries one; the spec said so only in prose.
    'a response without RequestId, and one whose RequestId is optional',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '      required: [TaskId, RequestId]\n      properties:\n        TaskId:\n          type: integer\n        RequestId:\n          type: string\n',
          '      required: [TaskId]\n      properties:\n        TaskId:\n          type: integer\n        RequestId:\n          type: string\n',
        ),
        "          items:\n            $ref: '#/components/schemas/Widget'\n        RequestId:\n          type: string\n",
        "          items:\n            $ref: '#/components/schemas/Widget'\n",
      ).replace('      required: [Total, Widgets, RequestId]', '      required: [Total, Widgets]'),
    [
      {
        rule: 'response-request-id',
        marker: '    ListWidgetsResponse:',
        focus: 'ListWidgetsResponse',
        says: 'ListWidgetsResponse has no RequestId (expected properties.RequestId: { type: string } and RequestId in required',
      },
      {
        rule: 'response-request-id',
        marker: '        TaskId:\n          type: integer\n        RequestId:',
        focus: 'RequestId',
        says: 'MakeWidgetResponse does not list RequestId in required',
      },
    ],
  ],
  // Schemas that contradict themselves: each used to generate, and to fail only when used.
  [
    // The paginator asked for pages of 80 and core's validator refused every one of them.
    'a default above its own maximum',
    (t) => replaceOnce(t, '          default: 10', '          default: 80'),
    [
      {
        rule: 'default-value',
        marker: 'default: 80',
        focus: 'default',
        says: 'default is the number 80 (expected at most 50, its maximum)',
      },
    ],
  ],
  [
    'bounds that cross, in a request and a response schema',
    (t) =>
      replaceOnce(
        replaceOnce(t, '          maxItems: 3\n', '          minItems: 4\n          maxItems: 3\n'),
        "        Weight:\n          type: [integer, 'null']\n",
        "        Weight:\n          type: [integer, 'null']\n          minimum: 5\n          maximum: 1\n",
      ),
    [
      {
        rule: 'constraint',
        marker: 'minimum: 5',
        focus: 'minimum',
        says: 'minimum 5 is above maximum 1 (expected minimum <= maximum',
      },
      {
        rule: 'constraint',
        marker: 'minItems: 4',
        focus: 'minItems',
        says: 'minItems 4 is above maxItems 3',
      },
    ],
  ],
  [
    'enum values of the wrong type, in a request and a response schema',
    (t) =>
      replaceOnce(
        replaceOnce(t, '          enum: [red, blue]', '          enum: [red, 1]'),
        '        Total:\n          type: integer\n',
        "        Total:\n          type: integer\n          enum: [1, '2']\n",
      ),
    [
      {
        rule: 'enum-value',
        marker: "enum: [1, '2']",
        focus: "'2'",
        says: 'enum[1] is the string "2" (expected an integer)',
      },
      {
        rule: 'enum-value',
        marker: 'enum: [red, 1]',
        focus: '1',
        says: 'enum[1] is the number 1 (expected a string)',
      },
    ],
  ],
  [
    // Neither JSON Schema nor the generated validators enforce a keyword of another type: it was silently ignored.
    'keywords that do not apply to the type',
    (t) =>
      replaceOnce(
        replaceOnce(
          replaceOnce(t, '          default: 10\n', '          default: 10\n          pattern: ^[0-9]+$\n'),
          '          maxLength: 8\n',
          '          maxLength: 8\n          minimum: 1\n',
        ),
        '    TaskId:\n          type: integer\n',
        '    TaskId:\n          type: integer\n          minLength: 2\n',
      ),
    [
      {
        rule: 'keyword-type',
        marker: '          maxLength: 8\n          minimum: 1',
        focus: 'minimum',
        says: 'minimum does not apply to a string (expected on an integer or a number',
      },
      {
        rule: 'keyword-type',
        marker: 'pattern: ^[0-9]+$',
        focus: 'pattern',
        says: 'pattern does not apply to an integer (expected on a string',
      },
      { rule: 'keyword-type', marker: 'minLength: 2', focus: 'minLength' },
    ],
  ],
  [
    'a default outside its enum or format, and an example longer than its maxLength',
    (t) =>
      replaceOnce(
        replaceOnce(
          replaceOnce(
            t,
            '          enum: [red, blue]\n',
            '          enum: [red, blue]\n          default: green\n',
          ),
          '      format: tc-datetime\n',
          '      format: tc-datetime\n      default: yesterday\n',
        ),
        '          maxLength: 8\n',
        '          maxLength: 8\n          examples: [shelf-number-nine]\n',
      ),
    [
      {
        rule: 'default-value',
        marker: 'default: yesterday',
        focus: 'default',
        says: 'default is "yesterday" (expected a time YYYY-MM-DD HH:mm:ss)',
      },
      {
        rule: 'example-value',
        marker: 'examples: [shelf-number-nine]',
        focus: 'shelf-number-nine',
        says: 'examples[0] is "shelf-number-nine" (expected at most 8 characters)',
      },
      // Color is required as well: its default could never apply, whatever its value.
      { rule: 'required-default', marker: '      required: [Color]', focus: 'required' },
      {
        rule: 'default-value',
        marker: 'default: green',
        focus: 'default',
        says: 'default is "green" (expected one of "red", "blue")',
      },
    ],
  ],
  [
    // A response field typed `strng` became Record<string, never> and lost its reader line.
    'a misspelled type name in a response schema',
    (t) =>
      replaceOnce(
        replaceOnce(t, '        Id:\n          type: string\n', '        Id:\n          type: strng\n'),
        "          type: [integer, 'null']",
        "          type: [integr, 'null']",
      ),
    [
      {
        rule: 'schema-type',
        marker: 'type: strng',
        focus: 'type',
        says: 'type strng is not a JSON Schema type (did you mean string? expected one of string, integer, number, boolean, array, object, null)',
      },
      {
        rule: 'schema-type',
        marker: 'integr',
        says: 'type integr is not a JSON Schema type (did you mean integer?',
      },
    ],
  ],
  [
    // A name from another language gets the JSON Schema spelling meant, where the edit distance finds nothing.
    'a type name of another language',
    (t) =>
      replaceOnce(
        replaceOnce(t, '        Shiny:\n          type: boolean\n', '        Shiny:\n          type: bool\n'),
        '        Id:\n          type: string\n',
        '        Id:\n          type: date\n',
      ),
    [
      {
        rule: 'schema-type',
        marker: 'type: date',
        focus: 'type',
        says: 'type date is not a JSON Schema type (did you mean string with format tc-datetime, the service\'s "YYYY-MM-DD HH:mm:ss"?',
      },
      {
        rule: 'schema-type',
        marker: 'type: bool',
        focus: 'type',
        says: 'type bool is not a JSON Schema type (did you mean boolean?',
      },
    ],
  ],
  [
    'a request schema with two types',
    (t) =>
      replaceOnce(
        t,
        '        ShelfId:\n          type: string\n',
        '        ShelfId:\n          type: [string, integer]\n',
      ),
    [
      {
        rule: 'request-type',
        marker: 'type: [string, integer]',
        focus: 'type',
        says: 'each request schema needs exactly one type (plus "null" at most); got type [string, integer]',
      },
    ],
  ],
  // Examples the schema refuses: written into the mock's fixtures and the client's docs, they failed only in the
  // mock's contract test, without a spec line.
  [
    'a request example with a value of the wrong type and an unknown key',
    (t) =>
      replaceOnce(
        t,
        '                  Spec:\n                    Color: red\n',
        '                  Spec:\n                    Color: red\n                  Note: 42\n                  Notes: hi\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Note: 42',
        focus: 'Note',
        says: 'MakeWidget: request example "first": Note is the number 42 (expected a string or null)',
      },
      {
        rule: 'example-value',
        marker: 'Notes: hi',
        focus: 'Notes',
        says: 'MakeWidget: request example "first": Notes is not a property (did you mean Note? expected one of Spec, Note: additionalProperties is false)',
      },
    ],
  ],
  [
    // A header parameter's examples were not checked at all: people copy them into their requests.
    "a header parameter's example and examples that its schema refuses",
    (t) =>
      replaceOnce(
        t,
        '      operationId: ListWidgets\n',
        '      operationId: ListWidgets\n      parameters:\n        - name: X-TC-Timestamp\n          in: header\n          required: true\n          schema:\n            type: integer\n          example: soon\n          examples:\n            now:\n              value: 1.5\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'example: soon',
        focus: 'example',
        says: 'X-TC-Timestamp: example is the string "soon" (expected an integer)',
      },
      {
        rule: 'example-value',
        marker: 'value: 1.5',
        focus: 'value',
        says: 'X-TC-Timestamp: example "now" is the number 1.5 (expected an integer)',
      },
    ],
  ],
  [
    // Responses besides 200 are documentation (the service answers with 200), and their examples went unchecked.
    "a 502 response's example that its own schema refuses",
    (t) =>
      replaceOnce(
        t,
        '                  ShelfId: s-1\n      responses:\n',
        "                  ShelfId: s-1\n      responses:\n        '502':\n          description: A gateway's answer.\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [Reason]\n                properties:\n                  Reason:\n                    type: string\n              examples:\n                gateway:\n                  value:\n                    Reason: 502\n",
      ),
    [
      {
        rule: 'example-value',
        marker: 'Reason: 502',
        focus: 'Reason',
        says: 'ListWidgets: 502 response example "gateway": Reason is the number 502 (expected a string)',
      },
    ],
  ],
  [
    'a request example without a required field, and one with a nested value outside its enum',
    (t) =>
      replaceOnce(
        replaceOnce(t, '                  ShelfId: s-1\n', '                  Limit: 5\n'),
        '                    Color: red\n',
        '                    Color: green\n',
      ),
    [
      {
        rule: 'example-value',
        marker: '                value:\n                  Limit: 5',
        focus: 'value',
        says: 'ListWidgets: request example "first" has no ShelfId (expected every required property: ShelfId)',
      },
      {
        rule: 'example-value',
        marker: 'Color: green',
        focus: 'Color',
        says: 'MakeWidget: request example "first": Spec.Color is "green" (expected one of "red", "blue")',
      },
    ],
  ],
  [
    'response examples with a value of the wrong type, nested in a list',
    (t) =>
      replaceOnce(
        replaceOnce(t, '                      TaskId: 7', '                      TaskId: lots'),
        '                        - Id: w-1',
        '                        - Id: 5',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Id: 5',
        focus: 'Id',
        says: 'ListWidgets: response example "first": Widgets[0].Id is the number 5 (expected a string)',
      },
      {
        rule: 'example-value',
        marker: 'TaskId: lots',
        focus: 'TaskId',
        says: 'MakeWidget: response example "first": TaskId is the string "lots" (expected an integer)',
      },
    ],
  ],
  [
    'a response example without a required field',
    (t) => replaceOnce(t, '                      TaskId: 7\n', ''),
    [
      {
        rule: 'example-value',
        marker: '                    Response:\n                      RequestId: r-2',
        focus: 'Response',
        says: 'MakeWidget: response example "first" has no TaskId (expected every required property: TaskId, RequestId)',
      },
    ],
  ],
  // Every example is read by someone (docs, other teams' fixtures), not only the first one the generator emits.
  [
    'a second request example and a second response example the schemas refuse',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  ShelfId: s-1\n',
          '                  ShelfId: s-1\n              second:\n                value:\n                  ShelfId: shelf-number-nine\n',
        ),
        '                      TaskId: 7\n                      RequestId: r-2\n',
        "                      TaskId: 7\n                      RequestId: r-2\n                second:\n                  value:\n                    Response:\n                      TaskId: '7'\n                      RequestId: r-3\n",
      ),
    [
      {
        rule: 'example-value',
        marker: 'ShelfId: shelf-number-nine',
        focus: 'ShelfId',
        says: 'ListWidgets: request example "second": ShelfId is "shelf-number-nine" (expected at most 8 characters)',
      },
      {
        rule: 'example-value',
        marker: "TaskId: '7'",
        focus: 'TaskId',
        says: 'MakeWidget: response example "second": TaskId is the string "7" (expected an integer)',
      },
    ],
  ],
  [
    'an example under components.examples, referenced by $ref, that the schema refuses',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  ShelfId: s-1\n',
          "                  ShelfId: s-1\n              big:\n                $ref: '#/components/examples/BigShelf'\n",
        ),
        'components:\n  schemas:\n',
        'components:\n  examples:\n    BigShelf:\n      value:\n        ShelfId: shelf-number-nine\n        Limit: 0\n  schemas:\n',
      ),
    [
      {
        rule: 'example-value',
        marker: '        ShelfId: shelf-number-nine',
        focus: 'ShelfId',
        says: 'ListWidgets: request example "big" (components.examples.BigShelf): ShelfId is "shelf-number-nine" (expected at most 8 characters)',
      },
      {
        rule: 'example-value',
        marker: 'Limit: 0',
        focus: 'Limit',
        says: 'ListWidgets: request example "big" (components.examples.BigShelf): Limit is the number 0 (expected at least 1, its minimum)',
      },
    ],
  ],
  [
    'a $ref to an example that does not exist',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  ShelfId: s-1\n',
          "                  ShelfId: s-1\n              big:\n                $ref: '#/components/examples/Nope'\n",
        ),
        'components:\n  schemas:\n',
        'components:\n  examples:\n    BigShelf:\n      value:\n        ShelfId: s-9\n  schemas:\n',
      ),
    [
      {
        rule: 'ref-resolves',
        marker: "$ref: '#/components/examples/Nope'",
        focus: '$ref',
        says: '#/components/examples/Nope does not resolve (no components.examples.Nope; expected one of BigShelf)',
      },
    ],
  ],
  [
    'examples that refer to each other in a loop',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  ShelfId: s-1\n',
          "                  ShelfId: s-1\n              loop:\n                $ref: '#/components/examples/Ping'\n",
        ),
        'components:\n  schemas:\n',
        "components:\n  examples:\n    Ping:\n      $ref: '#/components/examples/Pong'\n    Pong:\n      $ref: '#/components/examples/Ping'\n  schemas:\n",
      ),
    [
      {
        rule: 'ref-resolves',
        marker: "    Pong:\n      $ref: '#/components/examples/Ping'",
        focus: '$ref',
        says: 'ListWidgets: request example "loop" never reaches a value: its $refs go round Ping -> Pong -> Ping (expected a chain that ends at an example with a value)',
      },
    ],
  ],
  [
    'a second example without a value (an externalValue is not read)',
    (t) =>
      replaceOnce(
        t,
        '                  ShelfId: s-1\n',
        '                  ShelfId: s-1\n              remote:\n                externalValue: https://example.com/shelf.json\n',
      ),
    [
      {
        rule: 'examples',
        marker: 'remote:',
        focus: 'remote',
        says: 'ListWidgets: request example "remote" has no value (expected value: the example itself; externalValue is not read, the generator reads one file)',
      },
    ],
  ],
  [
    'a response example that is not an envelope, after the first',
    (t) =>
      replaceOnce(
        t,
        '                      TaskId: 7\n                      RequestId: r-2\n',
        '                      TaskId: 7\n                      RequestId: r-2\n                bare:\n                  value:\n                    TaskId: 8\n',
      ),
    [
      {
        rule: 'example-value',
        marker: '                bare:\n                  value:',
        focus: 'value',
        says: 'MakeWidget: response example "bare" is not an envelope (expected { Response: { ... } }, as the service sends it)',
      },
    ],
  ],
  [
    // The client reads a Response holding an Error as the service's error; the example is held to ErrorEnvelope.
    'an error-envelope example the error envelope schema refuses',
    (t) =>
      replaceOnce(
        t,
        '                      TaskId: 7\n                      RequestId: r-2\n',
        '                      TaskId: 7\n                      RequestId: r-2\n                failed:\n                  value:\n                    Response:\n                      Error:\n                        Code: 5\n                        Message: no shelf\n                      RequestId: r-3\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Code: 5',
        focus: 'Code',
        says: 'MakeWidget: response example "failed" (an error envelope): Response.Error.Code is the number 5 (expected a string)',
      },
    ],
  ],
  [
    // The client types an error's code from the action's codes and the common ones: an example with another (here
    // ListWidgets' own) shows an answer no app is written for.
    "an error-envelope example whose code is not one of the action's",
    (t) =>
      replaceOnce(
        t,
        '                      TaskId: 7\n                      RequestId: r-2\n',
        '                      TaskId: 7\n                      RequestId: r-2\n                failed:\n                  value:\n                    Response:\n                      Error:\n                        Code: ResourceNotFound.Shelf\n                        Message: no shelf\n                      RequestId: r-3\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Code: ResourceNotFound.Shelf',
        focus: 'Code',
        says: 'MakeWidget: response example "failed" (an error envelope): Response.Error.Code "ResourceNotFound.Shelf" is not one of MakeWidget\'s error codes',
      },
    ],
  ],
  // The cross-field keywords, as core's request validator applies them: the example would be refused by the client.
  [
    'request examples that break x-tc-multiple-of, with and without the divisor (its default counts then)',
    (t) =>
      replaceOnce(
        t,
        '                  ShelfId: s-1\n',
        '                  ShelfId: s-1\n                  Limit: 10\n                  Offset: 5\n              defaulted:\n                value:\n                  ShelfId: s-2\n                  Offset: 15\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Offset: 5',
        focus: 'Offset',
        says: 'ListWidgets: request example "first": Offset must be a multiple of Limit (10), got 5 (expected an example the request validator accepts: Offset has x-tc-multiple-of: Limit)',
      },
      {
        rule: 'example-value',
        marker: 'Offset: 15',
        focus: 'Offset',
        says: 'ListWidgets: request example "defaulted": Offset must be a multiple of Limit (10), got 15',
      },
    ],
  ],
  [
    'request examples whose time range ends before it starts, or spans more than x-tc-max-span-days',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  ShelfId: s-1\n',
          "                  ShelfId: s-1\n              backwards:\n                value:\n                  ShelfId: s-2\n                  From: '2024-03-02 00:00:00'\n                  To: '2024-03-01 00:00:00'\n              long:\n                $ref: '#/components/examples/LongRange'\n",
        ),
        'components:\n  schemas:\n',
        "components:\n  examples:\n    LongRange:\n      value:\n        ShelfId: s-3\n        From: '2024-03-01 00:00:00'\n        To: '2024-03-08 00:00:01'\n  schemas:\n",
      ),
    [
      {
        rule: 'example-value',
        marker: "To: '2024-03-01 00:00:00'",
        focus: 'To',
        says: 'ListWidgets: request example "backwards": To must not be before From (2024-03-02 00:00:00), got "2024-03-01 00:00:00" (expected an example the request validator accepts: To has x-tc-not-before: From, x-tc-max-span-days: 7)',
      },
      {
        rule: 'example-value',
        marker: "To: '2024-03-08 00:00:01'",
        focus: 'To',
        says: 'ListWidgets: request example "long" (components.examples.LongRange): To must be at most 7 days after From (2024-03-01 00:00:00), got "2024-03-08 00:00:01"',
      },
    ],
  ],
  [
    // The examples' cross-field check builds the validator's rule from a spec that may be broken.
    'an x-tc-multiple-of naming no sibling, beside a request example that sets the field',
    (t) =>
      replaceOnce(
        replaceOnce(t, '          x-tc-multiple-of: Limit', '          x-tc-multiple-of: Limt'),
        '                  ShelfId: s-1\n',
        '                  ShelfId: s-1\n                  Offset: 5\n',
      ),
    [
      {
        rule: 'cross-field',
        marker: 'x-tc-multiple-of: Limt',
        focus: 'x-tc-multiple-of',
        says: 'x-tc-multiple-of names Limt, which is not a sibling property (did you mean Limit?',
      },
    ],
  ],
  [
    'a request example that breaks a cross-field rule of a nested model',
    (t) =>
      replaceOnce(
        replaceOnce(
          t,
          '                  Spec:\n                    Color: red\n',
          '                  Spec:\n                    Color: red\n                    Batch: 4\n                    Count: 6\n',
        ),
        '        Sizes:\n          type: array\n',
        '        Batch:\n          type: integer\n        Count:\n          type: integer\n          x-tc-multiple-of: Batch\n        Sizes:\n          type: array\n',
      ),
    [
      {
        rule: 'example-value',
        marker: 'Count: 6',
        focus: 'Count',
        says: 'MakeWidget: request example "first": Spec.Count must be a multiple of Batch (4), got 6',
      },
    ],
  ],
  [
    // The mock's fixtures take the first response example as the action's answer.
    'an error envelope as the first response example',
    (t) =>
      replaceOnce(
        t,
        '                      TaskId: 7\n                      RequestId: r-2\n',
        '                      Error:\n                        Code: InternalError\n                        Message: try again\n                      RequestId: r-2\n',
      ),
    [
      {
        rule: 'examples',
        marker:
          '                first:\n                  value:\n                    Response:\n                      Error:',
        focus: 'first',
        says: 'MakeWidget: the first response example, "first", is an error envelope (expected a success { Response: { ..., RequestId } } first: the mock answers with the first example; put the error envelope after a success)',
      },
    ],
  ],
  // The yaml package threw a bare ReferenceError with a stack trace for these.
  [
    'an alias to no anchor',
    (t) => replaceOnce(t, '      x-tc-idempotent: true\n', '      x-tc-idempotent: *nope\n'),
    [
      {
        rule: 'yaml-alias',
        marker: '*nope',
        says: 'the alias *nope names no anchor (expected &nope on a node before it)',
      },
    ],
  ],
  [
    'an alias inside the node it names (the data would contain itself)',
    (t) =>
      replaceOnce(
        t,
        '      x-tc-rate-limit:\n        perSecond: 5\n',
        '      x-tc-rate-limit: &rl\n        perSecond: 5\n        again: *rl\n',
      ),
    [{ rule: 'yaml-alias', marker: '*rl', says: 'the alias *rl is inside the node &rl names' }],
  ],
  [
    // The Japanese text silently vanished from the JSDoc.
    'a misspelled x-description-ja',
    (t) =>
      replaceOnce(
        t,
        '      x-description-ja: ウィジェット一覧。',
        '      x-descripton-ja: ウィジェット一覧。',
      ),
    [
      {
        rule: 'unknown-key',
        marker: 'x-descripton-ja',
        says: 'x-descripton-ja is not read by the generator (did you mean x-description-ja?',
      },
    ],
  ],
  [
    'a Version parameter whose const is not info.version',
    (t) =>
      replaceOnce(
        t,
        'components:\n  schemas:\n',
        "components:\n  parameters:\n    Version:\n      name: X-TC-Version\n      in: header\n      schema:\n        type: string\n        const: '2019-09-09'\n  schemas:\n",
      ),
    [
      {
        rule: 'version',
        marker: "const: '2019-09-09'",
        focus: 'const',
        says: `X-TC-Version's const is "2019-09-09" (expected info.version, "2020-01-01"`,
      },
    ],
  ],
  [
    'an action error repeating a common error',
    (t) =>
      replaceOnce(
        t,
        '        - code: ResourceNotFound.Shelf\n',
        '        - code: InternalError\n        - code: ResourceNotFound.Shelf\n',
      ),
    [
      {
        rule: 'error-code-unique',
        marker: '        - code: InternalError',
        focus: 'code',
        says: 'InternalError is already in x-tc-service.commonErrors',
      },
    ],
  ],
  [
    // A default applies only to an absent field, which a required one never is: the spec said two things.
    'a required field that has a default',
    (t) =>
      replaceOnce(
        replaceOnce(t, '      required: [ShelfId]\n', '      required: [ShelfId, Limit]\n'),
        '                  ShelfId: s-1\n',
        '                  ShelfId: s-1\n                  Limit: 10\n',
      ),
    [
      {
        rule: 'required-default',
        marker: '      required: [ShelfId, Limit]',
        focus: 'required',
        says: 'required lists Limit, which has a default (10) that can never apply (expected one or the other: take Limit out of required, or drop its default)',
      },
    ],
  ],
  [
    // YAML 1.2 has no merge keys: << was read as a property named "<<" holding the whole aliased node, which
    // then failed as misplaced x-tc-* keywords and an unknown keyword, none of them saying what was wrong.
    'a YAML merge key',
    (t) =>
      replaceOnce(
        replaceOnce(t, '    ListWidgetsResponse:\n', '    ListWidgetsResponse: &listed\n'),
        '    Widget:\n      type: object\n',
        '    Widget:\n      <<: *listed\n      type: object\n',
      ),
    [
      {
        rule: 'yaml-merge',
        marker: '<<: *listed',
        focus: '<<',
        says: 'merge keys (<<) are not YAML 1.2 and are not merged (expected the keys written out, or a $ref to a shared schema in components)',
      },
    ],
  ],
  [
    // It also failed as "not a list of a named schema", which it is: the $ref's own error says what is wrong.
    "a listed item's $ref into another file",
    (t) => replaceOnce(t, "$ref: '#/components/schemas/Widget'", "$ref: './widget.yaml#/Widget'"),
    [
      {
        rule: 'ref-resolves',
        marker: "$ref: './widget.yaml#/Widget'",
        focus: '$ref',
        says: 'points into another file',
      },
    ],
  ],
  [
    // The client's pages would hold 20, which the limit's own maximum refuses.
    'a page size without a default whose maximum is below the default page size',
    (t) => replaceOnce(t, '          maximum: 50\n          default: 10\n', '          maximum: 10\n'),
    [
      {
        rule: 'pagination',
        marker: '        Limit:\n          type: integer',
        focus: 'Limit',
        says: "Limit has no default, so the client's pages hold 20, outside its bounds 1..10 (expected a default within them)",
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

describe('a spec that is not broken', () => {
  // Vendor extensions the generator does not read stay allowed, unless they are a slip of one it reads.
  it("may carry other x-* keys and another language's description", async () => {
    const text = replaceOnce(
      widgets,
      '      x-description-ja: ウィジェット一覧。\n',
      '      x-description-ja: ウィジェット一覧。\n      x-description-zh: 列出小部件。\n      x-internal-note: keep\n',
    )
    const dir = await tempDir()
    await writeFile(join(dir, 'extended.yaml'), text)
    expect((await generateFile(join(dir, 'extended.yaml'))).size).toBe(11)
  })

  it('may hold more examples, an error envelope after a success, and examples from components.examples', async () => {
    const referenced = replaceOnce(
      replaceOnce(
        replaceOnce(
          widgets,
          '              first:\n                value:\n                  ShelfId: s-1\n',
          "              first:\n                $ref: '#/components/examples/FirstShelf'\n              paged:\n                value:\n                  ShelfId: s-2\n                  Limit: 20\n                  Offset: 40\n",
        ),
        '                      TaskId: 7\n                      RequestId: r-2\n',
        "                      TaskId: 7\n                      RequestId: r-2\n                locked:\n                  $ref: '#/components/examples/Locked'\n",
      ),
      'components:\n  schemas:\n',
      'components:\n  examples:\n    FirstShelf:\n      value:\n        ShelfId: s-1\n    Locked:\n      value:\n        Response:\n          Error:\n            Code: InternalError\n            Message: try again\n          RequestId: r-3\n  schemas:\n',
    )
    const dir = await tempDir()
    await writeFile(join(dir, 'referenced.yaml'), referenced)
    // The first example, read through its $ref, is what the mock's fixtures and the client's docs show.
    expect(await generateFile(join(dir, 'referenced.yaml'), 'widgets.yaml')).toEqual(
      await generateFile(fixture('widgets.yaml')),
    )
  })
})
