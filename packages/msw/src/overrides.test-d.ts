import { createHandlers } from './create-handlers.ts'

// Checked by `tsc --noEmit`: overrides are typed from the contract's error unions and response types.
const mock = createHandlers()

mock.override('ManualBackupInstance', { error: 'ResourceUnavailable.InstanceLockedError', once: true })
mock.override('DescribeInstanceBackups', { error: 'RequestLimitExceeded', times: 3 })
mock.override('DescribeInstanceBackups', { response: { TotalCount: 0, BackupSet: [] } })
mock.override('ManualBackupInstance', { response: { TaskId: 1 } })
mock.override('ManualBackupInstance', { networkError: true, delayMs: 100 })
mock.override('DescribeInstanceBackups', { delayMs: 2000 })

// @ts-expect-error InstanceLockedError is not an error of DescribeInstanceBackups
mock.override('DescribeInstanceBackups', { error: 'ResourceUnavailable.InstanceLockedError' })
// @ts-expect-error not an error code at all
mock.override('ManualBackupInstance', { error: 'Oops' })
// @ts-expect-error the response of ManualBackupInstance has a TaskId
mock.override('ManualBackupInstance', { response: { TotalCount: 0 } })
// @ts-expect-error not an action
mock.override('DescribeInstances', { delayMs: 1 })

// Exactly one outcome (or a delay alone), and one way to count.
mock.override('DescribeInstanceBackups', { error: 'InternalError', message: 'boom', delayMs: 10, times: 2 })
mock.override('DescribeInstanceBackups', { response: { TotalCount: 0, BackupSet: [] }, once: true })
mock.override('DescribeInstanceBackups', { delayMs: 500, times: 2 })
const empty = { TotalCount: 0, BackupSet: [] }
// @ts-expect-error error and response together (which one would answer?)
mock.override('DescribeInstanceBackups', { error: 'InternalError', response: empty })
// @ts-expect-error error and networkError together
mock.override('DescribeInstanceBackups', { error: 'InternalError', networkError: true })
// @ts-expect-error response and networkError together
mock.override('DescribeInstanceBackups', { response: empty, networkError: true })
// @ts-expect-error nothing to answer
mock.override('DescribeInstanceBackups', {})
// @ts-expect-error a count alone changes nothing
mock.override('DescribeInstanceBackups', { times: 2 })
// @ts-expect-error once and times together
mock.override('DescribeInstanceBackups', { error: 'InternalError', once: true, times: 2 })
// @ts-expect-error a message belongs to an error
mock.override('DescribeInstanceBackups', { response: empty, message: 'x' })
// @ts-expect-error networkError is `true` or absent
mock.override('DescribeInstanceBackups', { networkError: false })
