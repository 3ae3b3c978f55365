import { type ActionName, type ActionTypes, actions } from '@crs-kit/core'
import type { ActionImplementations } from './generated/actions.gen.ts'

const paging = actions.DescribeInstanceBackups.pagination

/** The mock's behaviour per action, on the state machine; the generated interface keeps it in step with the spec. */
export const actionImplementations: ActionImplementations = {
  DescribeInstanceBackups: (input, { state, region }) =>
    state.listBackupsJson({
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

/**
 * `applied`: the implementation above acts on the field. `ignored`: the field is validated, then has no effect
 * on the answer (the mock warns the first time a call sends it).
 */
export type FieldUse = 'applied' | 'ignored'

/**
 * What the mock does with every request field of every action. A field the spec adds is optional, so the
 * implementations above still compile without it, and a mock that validated it and then answered as if it
 * were absent would pass a test that relies on it: here, typecheck fails until someone decides. Apply the new
 * field above and mark it `applied`, or mark it `ignored`.
 */
export const requestFieldUse = {
  DescribeInstanceBackups: {
    InstanceId: 'applied',
    Limit: 'applied',
    Offset: 'applied',
    BeginTime: 'applied',
    EndTime: 'applied',
    Status: 'applied',
  },
  ManualBackupInstance: { InstanceId: 'applied', Remark: 'applied' },
} as const satisfies { [A in ActionName]: { [F in keyof Required<ActionTypes[A]['request']>]: FieldUse } }
