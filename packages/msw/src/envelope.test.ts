import { expect, it } from 'vitest'
import { resultEnvelope, successEnvelope } from './envelope.ts'

it.each([
  ['an empty result', {}],
  ['a task', { TaskId: 1234 }],
  [
    'a page of backups',
    { TotalCount: 1, BackupSet: [{ BackupId: 'b-1', Remark: 'テスト "quoted" \\', Locked: 0 }] },
  ],
  ['an empty page', { TotalCount: 0, BackupSet: [] }],
])('writes %s as the spread envelope does, RequestId last', (_, result) => {
  const requestId = '2d4387ee-2011-449e-a32b-87f9366f3ef4'
  const text = resultEnvelope(result, requestId)
  expect(text).toBe(successEnvelope(result, requestId))
  expect(JSON.parse(text)).toEqual({ Response: { ...result, RequestId: requestId } })
})
