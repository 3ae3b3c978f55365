import { describe, expect, it } from 'vitest'
import { ResponseError, TencentCloudError } from './errors.ts'
import { readEnvelope } from './read-envelope.ts'

const http = (body: string, status = 200) => ({ status, date: null, body })

describe('readEnvelope', () => {
  it('names a redirect where it pointed, without credentials, query or fragment, and keeps a RequestId', () => {
    const redirect = (location: string, body = '') =>
      readEnvelope('DescribeInstanceBackups', { status: 302, date: null, location, body }) as ResponseError
    expect(redirect('https://user:hunter2@portal.example/login?session=abc#x').message).toBe(
      'DescribeInstanceBackups: HTTP 302, a redirect to https://portal.example/login, not followed (check the endpoint): ""',
    )
    expect(redirect('/moved').message).toContain('a redirect to /moved, not followed')
    const long = redirect(`https://portal.example/${'a'.repeat(3000)}`).message
    expect(long.length).toBeLessThan(200)
    // A gateway that answers 3xx with the service's envelope: still a redirect, but the RequestId is kept.
    const envelope = redirect(
      'https://x.example/',
      '{"Response":{"Error":{"Code":"InternalError"},"RequestId":"r9"}}',
    )
    expect(envelope).toBeInstanceOf(ResponseError)
    expect(envelope.requestId).toBe('r9')
  })

  it('reads a success leniently: numeric-string TaskId, null and extra fields kept', () => {
    const manual = readEnvelope(
      'ManualBackupInstance',
      http('{"Response":{"TaskId":"6954227","RequestId":"r1"}}'),
    )
    expect(manual).toEqual({ TaskId: 6954227, RequestId: 'r1' })
    const backup = {
      StartTime: '2018-09-04 12:51:21',
      BackupId: 'b',
      BackupType: '0',
      Status: 2,
      Remark: '',
      Locked: 0,
    }
    const body = JSON.stringify({
      Response: { TotalCount: 1, BackupSet: [{ ...backup, BackupSize: null, Future: 'x' }], RequestId: 'r2' },
    })
    const outcome = readEnvelope('DescribeInstanceBackups', http(body))
    expect(outcome).not.toBeInstanceOf(Error)
    expect((outcome as { BackupSet: unknown[] }).BackupSet[0]).toMatchObject({
      BackupSize: null,
      Future: 'x',
    })
  })

  it('turns Response.Error into a TencentCloudError with code, message, requestId and action', () => {
    const body =
      '{"Response":{"Error":{"Code":"ResourceUnavailable.InstanceLockedError","Message":"locked"},"RequestId":"r3"}}'
    const error = readEnvelope('ManualBackupInstance', http(body))
    expect(error).toBeInstanceOf(TencentCloudError)
    expect(error).toMatchObject({
      name: 'TencentCloudError',
      code: 'ResourceUnavailable.InstanceLockedError',
      message: 'locked',
      requestId: 'r3',
      action: 'ManualBackupInstance',
    })
  })

  it.each([
    ['an HTML 502 page', '<html><body><h1>502 Bad Gateway</h1></body></html>', 502, /not JSON/],
    ['truncated JSON', '{"Response":{"TaskId":69', 200, /not JSON/],
    ['an empty body', '', 200, /empty body/],
    // What a browser's fetch gives for a 3xx with redirect: 'manual': status 0 and no body, whatever the 3xx said.
    ['a redirect in a browser', '', 0, /HTTP 0, a redirect, not followed \(check the endpoint\)/],
    ['JSON without Response', '{"ok":true}', 200, /not a Tencent Cloud API response/],
    ['a success envelope with a 500', '{"Response":{"TaskId":1,"RequestId":"r"}}', 500, /without an error/],
    ['a success missing a required field', '{"Response":{"RequestId":"r"}}', 200, /breaks the contract/],
  ])('reports %s as a ResponseError with status and excerpt', (_, body, status, problem) => {
    const error = readEnvelope('ManualBackupInstance', http(body, status)) as ResponseError
    expect(error).toBeInstanceOf(ResponseError)
    expect(error.status).toBe(status)
    expect(error.excerpt).toBe(body.slice(0, 160))
    expect(error.message).toMatch(problem)
  })
})
