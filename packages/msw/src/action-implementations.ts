import { actions } from '@crs-kit/core'
import type { ActionImplementations } from './generated/actions.gen.ts'

const paging = actions.DescribeInstanceBackups.pagination

/** The mock's behaviour per action, on the state machine; the generated interface keeps it in step with the spec. */
export const actionImplementations: ActionImplementations = {
  DescribeInstanceBackups: (input, { state, region }) =>
    state.listBackups({
      InstanceId: input.InstanceId,
      region,
      limit: input.Limit ?? paging.defaultLimit,
      offset: input.Offset ?? 0,
      BeginTime: input.BeginTime,
      EndTime: input.EndTime,
      Status: input.Status,
    }),
  ManualBackupInstance: (input, { state, region }) => ({
    TaskId: state.startManualBackup(input.InstanceId, input.Remark, region).taskId,
  }),
}
