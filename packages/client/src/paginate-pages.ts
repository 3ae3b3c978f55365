import { type ActionTypes, actions, type PaginatedActionName } from '@crs-kit/core'
import type { PageItem } from './page-item.ts'

type Send<A extends PaginatedActionName> = (
  input: ActionTypes[A]['request'],
) => Promise<ActionTypes[A]['response']>

interface Pagination {
  limit: string
  offset: string
  total: string
  items: string
  defaultLimit: number
}

/**
 * Yields every item across pages, using the spec's pagination fields. Stops when the items seen
 * reach TotalCount or a page comes back short (or empty), whichever comes first, so a total that
 * changes while paging can neither loop forever nor cut the listing short of what the pages hold.
 */
export async function* paginatePages<A extends PaginatedActionName>(
  action: A,
  input: Omit<ActionTypes[A]['request'], 'Offset'>,
  send: Send<A>,
): AsyncGenerator<PageItem<A>, void, undefined> {
  const p = (actions[action] as { pagination?: Pagination }).pagination
  if (!p) throw new TypeError(`${action} is not paginated`)
  const request = input as Record<string, unknown>
  const limit = typeof request[p.limit] === 'number' ? (request[p.limit] as number) : p.defaultLimit
  for (let offset = 0; ; ) {
    const page = (await send({
      ...request,
      [p.limit]: limit,
      [p.offset]: offset,
    } as ActionTypes[A]['request'])) as Record<string, unknown>
    const items = Array.isArray(page[p.items]) ? (page[p.items] as PageItem<A>[]) : []
    yield* items
    offset += limit
    const total = page[p.total]
    if (items.length < limit || (typeof total === 'number' && offset >= total)) return
  }
}
