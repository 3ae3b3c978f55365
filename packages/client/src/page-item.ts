import type { ActionTypes, actions, PaginatedActionName } from '@crs-kit/core'

/** The name of the response field holding a paginated action's items, from the spec (`BackupSet`). */
export type ItemsField<A extends PaginatedActionName> = (typeof actions)[A] extends {
  pagination: { items: infer F extends string }
}
  ? F
  : never

/** One item of a paginated action's pages, e.g. `RedisBackupSet` for DescribeInstanceBackups. */
export type PageItem<A extends PaginatedActionName> = ActionTypes[A]['response'][ItemsField<A> &
  keyof ActionTypes[A]['response']] extends readonly (infer T)[]
  ? T
  : never
