import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Document, parseDocument } from 'yaml'
import { bumpGiven, bumpNeeded, highest, type SpecChange, specChanges } from '../src/spec-compat.ts'
import { realSpec } from './harness.ts'

// Edits another team might make to the real spec, each rated by what it does to the apps that use the
// generated packages. Every edited spec passes the generator's own checks (specChanges loads both).
let released: string

beforeAll(async () => {
  released = await readFile(realSpec, 'utf8')
})

const schemas = ['components', 'schemas']
const describeOp = ['paths', '/#Action=DescribeInstanceBackups', 'post']
const manualOp = ['paths', '/#Action=ManualBackupInstance', 'post']

/** The real spec after `edit`, rated against the real spec. */
function rate(edit: (doc: Document) => void): SpecChange[] {
  const doc = parseDocument(released)
  edit(doc)
  return specChanges(released, doc.toString({ lineWidth: 0 }), 'redis.yaml')
}

const levelOf = (changes: SpecChange[]) => highest(changes.map((c) => c.level))
const lines = (changes: SpecChange[]) => changes.map((c) => `${c.level} ${c.where}: ${c.what}`)

describe('rating a spec change', () => {
  it('finds nothing between a spec and itself', () => {
    expect(rate(() => {})).toEqual([])
  })

  it('rates reworded descriptions a patch', () => {
    const changes = rate((doc) => {
      doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'properties', 'Remark', 'description'], 'A note.')
      doc.setIn([...manualOp, 'summary'], 'Back an instance up now.')
    })
    expect(lines(changes)).toEqual([
      'patch ManualBackupInstance: description reworded',
      'patch ManualBackupInstance request: Remark: description changed',
    ])
  })

  describe('requests (what apps send)', () => {
    it('rates a new optional field minor, a new required one major', () => {
      const optional = rate((doc) =>
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'properties', 'Tag'], { type: 'string' }),
      )
      expect(lines(optional)).toEqual(['minor ManualBackupInstance request: Tag: optional field added'])
      const required = rate((doc) => {
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'properties', 'Tag'], { type: 'string' })
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'required'], ['InstanceId', 'Tag'])
        doc.setIn(
          [...manualOp, 'requestBody', 'content', 'application/json', 'examples', 'seed', 'value', 'Tag'],
          't',
        )
      })
      expect(lines(required)).toContain('major ManualBackupInstance request: Tag: required field added')
      expect(levelOf(required)).toBe('major')
    })

    it('rates an optional field made required major, the reverse minor', () => {
      // Remark, not Limit: a required field with a default is a required-default error.
      const stricter = rate((doc) => {
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'required'], ['InstanceId', 'Remark'])
      })
      expect(lines(stricter)).toEqual(['major ManualBackupInstance request: Remark: now required'])
      const looser = rate((doc) => {
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'required'], [])
      })
      expect(lines(looser)).toEqual(['minor ManualBackupInstance request: InstanceId: now optional'])
    })

    it('rates a removed field major (calls that send it are refused)', () => {
      const changes = rate((doc) => {
        doc.deleteIn([...schemas, 'ManualBackupInstanceRequest', 'properties', 'Remark'])
        doc.deleteIn([
          ...manualOp,
          'requestBody',
          'content',
          'application/json',
          'examples',
          'seed',
          'value',
          'Remark',
        ])
      })
      expect(lines(changes)).toEqual([
        'major ManualBackupInstance request: Remark: field removed: calls that send it are refused',
      ])
    })

    it('rates a tighter bound major and a looser one minor', () => {
      const limit = [...schemas, 'DescribeInstanceBackupsRequest', 'properties', 'Limit', 'maximum']
      expect(lines(rate((doc) => doc.setIn(limit, 50)))).toEqual([
        'major DescribeInstanceBackups request: Limit: maximum 100 -> 50',
      ])
      expect(lines(rate((doc) => doc.setIn(limit, 200)))).toEqual([
        'minor DescribeInstanceBackups request: Limit: maximum 100 -> 200',
      ])
      const span = [
        ...schemas,
        'DescribeInstanceBackupsRequest',
        'properties',
        'EndTime',
        'x-tc-max-span-days',
      ]
      expect(levelOf(rate((doc) => doc.setIn(span, 7)))).toBe('major')
      expect(levelOf(rate((doc) => doc.deleteIn(span)))).toBe('minor')
    })

    it('rates a new rule on a field major', () => {
      const changes = rate((doc) =>
        doc.setIn([...schemas, 'ManualBackupInstanceRequest', 'properties', 'Remark', 'maxLength'], 64),
      )
      expect(lines(changes)).toEqual(['major ManualBackupInstance request: Remark: maxLength none -> 64'])
    })

    it('rates a changed default minor: an omitted field now means something else', () => {
      const changes = rate((doc) =>
        doc.setIn([...schemas, 'DescribeInstanceBackupsRequest', 'properties', 'Limit', 'default'], 10),
      )
      expect(lines(changes)).toEqual([
        'minor DescribeInstanceBackups request: Limit: default 20 -> 10 (what an omitted field means)',
      ])
    })
  })

  describe('answers (what apps read)', () => {
    it('rates a removed field or a field made optional major, a new field minor', () => {
      const set = [...schemas, 'RedisBackupSet']
      const removed = rate((doc) => {
        doc.deleteIn([...set, 'properties', 'FileType'])
      })
      expect(lines(removed)).toEqual([
        'major DescribeInstanceBackups response: BackupSet[].FileType: field removed from the answer',
      ])
      const optional = rate((doc) => {
        doc.setIn([...set, 'required'], ['StartTime', 'BackupId', 'BackupType', 'Status', 'Remark'])
      })
      expect(lines(optional)).toEqual([
        'major DescribeInstanceBackups response: BackupSet[].Locked: now optional',
      ])
      const added = rate((doc) => doc.setIn([...set, 'properties', 'Compressed'], { type: 'boolean' }))
      expect(lines(added)).toEqual([
        'minor DescribeInstanceBackups response: BackupSet[].Compressed: optional field added',
      ])
    })

    it('rates a field that may now be null major for readers, minor for senders', () => {
      const changes = rate((doc) => doc.setIn([...schemas, 'BackupStatus', 'type'], ['integer', 'null']))
      expect(lines(changes)).toEqual([
        'minor DescribeInstanceBackups request: Status[]: null allowed',
        'major DescribeInstanceBackups response: BackupSet[].Status: null allowed',
      ])
    })
  })

  it('rates an enum value removed major, and one added minor in a request but major in an answer', () => {
    const status = [...schemas, 'BackupStatus']
    const added = rate((doc) => {
      doc.setIn([...status, 'enum'], [1, 2, 3, 4, -1, -2, 5])
      doc.setIn(
        [...status, 'x-enum-names'],
        ['InProgress', 'Normal', 'ConvertingToRdb', 'RdbConverted', 'Expired', 'Deleted', 'Archived'],
      )
    })
    expect(lines(added)).toEqual([
      'minor DescribeInstanceBackups request: Status[]: value 5 added',
      'patch DescribeInstanceBackups request: Status[]: x-enum-names changed',
      'major DescribeInstanceBackups response: BackupSet[].Status: value 5 added (apps that switch over every value must handle it)',
      'patch DescribeInstanceBackups response: BackupSet[].Status: x-enum-names changed',
    ])
    const removed = rate((doc) => {
      doc.setIn([...status, 'enum'], [1, 2, 3, 4, -1])
      doc.setIn(
        [...status, 'x-enum-names'],
        ['InProgress', 'Normal', 'ConvertingToRdb', 'RdbConverted', 'Expired'],
      )
    })
    expect(levelOf(removed)).toBe('major')
    expect(lines(removed)).toContain(
      'major DescribeInstanceBackups response: BackupSet[].Status: value -2 removed',
    )
  })

  it('rates actions, errors and retry behaviour', () => {
    const removed = rate((doc) => {
      doc.deleteIn(['paths', '/#Action=ManualBackupInstance'])
      for (const suffix of ['Request', 'Response', 'Envelope'])
        doc.deleteIn([...schemas, `ManualBackupInstance${suffix}`])
    })
    expect(lines(removed)).toEqual([
      'major ManualBackupInstance: action removed: its client method and types are gone',
    ])

    expect(lines(rate((doc) => doc.setIn([...manualOp, 'x-tc-idempotent'], true)))).toEqual([
      'minor ManualBackupInstance: idempotent false -> true (which failures are retried changes)',
    ])
    expect(lines(rate((doc) => doc.setIn([...describeOp, 'x-tc-rate-limit', 'perSecond'], 10)))).toEqual([
      'minor DescribeInstanceBackups: rate limit 20/s -> 10/s',
    ])
    const errors = [...manualOp, 'x-tc-errors']
    const withoutLocked = rate((doc) => {
      const list = (doc.getIn(errors) as { toJSON(): { code: string }[] }).toJSON()
      doc.setIn(
        errors,
        list.filter((e) => e.code !== 'ResourceUnavailable.InstanceLockedError'),
      )
    })
    expect(lines(withoutLocked)).toEqual([
      'major ManualBackupInstance errors: error code ResourceUnavailable.InstanceLockedError removed from the typed union',
    ])
    const withNew = rate((doc) => {
      const list = (doc.getIn(errors) as { toJSON(): object[] }).toJSON()
      doc.setIn(errors, [
        ...list,
        { code: 'LimitExceeded.BackupQuota', description: 'Too many backups today.' },
      ])
    })
    expect(lines(withNew)).toEqual([
      'minor ManualBackupInstance errors: error code LimitExceeded.BackupQuota added',
    ])
  })

  it("rates the common parameters (the X-TC-* headers) as inputs, and each action's list of them", () => {
    const language = ['components', 'parameters', 'Language']
    expect(lines(rate((doc) => doc.setIn([...language, 'schema', 'enum'], ['zh-CN'])))).toEqual([
      'major common parameter header X-TC-Language: value "en-US" removed',
    ])
    expect(
      lines(
        rate((doc) => {
          doc.setIn([...language, 'schema', 'enum'], ['zh-CN', 'en-US', 'ja-JP'])
          doc.setIn([...language, 'description'], 'The language of messages.')
        }),
      ),
    ).toEqual([
      'patch common parameter header X-TC-Language: description reworded',
      'minor common parameter header X-TC-Language: value "ja-JP" added',
    ])
    expect(lines(rate((doc) => doc.setIn([...language, 'required'], true)))).toEqual([
      'major common parameter header X-TC-Language: now required',
    ])
    const withTrace = rate((doc) => {
      doc.setIn(['components', 'parameters', 'Trace'], {
        name: 'X-TC-TraceId',
        in: 'header',
        required: false,
        schema: { type: 'string' },
      })
      const list = (doc.getIn([...describeOp, 'parameters']) as { toJSON(): object[] }).toJSON()
      doc.setIn([...describeOp, 'parameters'], [...list, { $ref: '#/components/parameters/Trace' }])
    })
    expect(lines(withTrace)).toEqual([
      'minor common parameter: optional header X-TC-TraceId added',
      'minor DescribeInstanceBackups parameter: optional header X-TC-TraceId added',
    ])
    const withoutToken = rate((doc) => {
      const list = (doc.getIn([...manualOp, 'parameters']) as { toJSON(): { $ref: string }[] }).toJSON()
      doc.setIn(
        [...manualOp, 'parameters'],
        list.filter((p) => !p.$ref.endsWith('/Token')),
      )
    })
    expect(lines(withoutToken)).toEqual(['major ManualBackupInstance parameter: header X-TC-Token removed'])
  })

  it('takes a keyword it cannot rate as breaking, and vendor keywords other than x-tc-* as wording', () => {
    const remark = [...schemas, 'RedisBackupSet', 'properties', 'Remark']
    const changes = rate((doc) => {
      doc.setIn([...remark, 'readOnly'], true)
      doc.setIn([...remark, 'x-team-owner'], 'backups')
    })
    expect(lines(changes)).toEqual([
      'patch DescribeInstanceBackups response: BackupSet[].Remark: x-team-owner changed',
      'major DescribeInstanceBackups response: BackupSet[].Remark: readOnly changed, which this check cannot rate: taken as breaking',
    ])
  })

  it('refuses to rate a spec the generator refuses, naming the problem', () => {
    expect(() =>
      specChanges(released, released.replace('x-tc-idempotent: true', 'x-tc-idempotent: yes'), 'redis.yaml'),
    ).toThrow(/x-tc-idempotent/)
  })
})

describe('the bump a spec change needs', () => {
  it('is semver from 1.0.0; before it, a breaking change needs a minor and anything else a patch', () => {
    expect(bumpNeeded('major', '1.4.0')).toBe('major')
    expect(bumpNeeded('minor', '1.4.0')).toBe('minor')
    expect(bumpNeeded('major', '0.3.1')).toBe('minor')
    expect(bumpNeeded('minor', '0.3.1')).toBe('patch')
    expect(bumpNeeded('none', '0.3.1')).toBe('none')
  })

  it('reads the biggest bump changesets give the named packages', () => {
    const core = "---\n'@crs-kit/core': patch\n---\n\nA fix.\n"
    const client = '---\n"@crs-kit/client": major\n"@other/pkg": major\n---\n\nBreaking.\n'
    const other = "---\n'@other/pkg': major\n---\n\nNot ours.\n"
    const empty = '---\n---\n\nTooling only.\n'
    const group = ['@crs-kit/core', '@crs-kit/client', '@crs-kit/msw']
    expect(bumpGiven([core, other, empty], group)).toBe('patch')
    expect(bumpGiven([core, client], group)).toBe('major')
    expect(bumpGiven([other, empty], group)).toBe('none')
    expect(bumpGiven(["---\r\n'@crs-kit/msw': minor\r\n---\r\n"], group)).toBe('minor')
  })
})
