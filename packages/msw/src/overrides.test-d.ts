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
