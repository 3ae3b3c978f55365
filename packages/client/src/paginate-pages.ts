import {
  type ActionTypes,
  actionPolicies,
  isRecord,
  type PaginatedActionName,
  validateRequest,
} from '@crs-kit/core'
import { AbortError, ValidationError } from './errors.ts'
import type { PageItem } from './page-item.ts'

type Send<A extends PaginatedActionName> = (
  input: ActionTypes[A]['request'],
) => Promise<ActionTypes[A]['response']>

/**
 * Yields every item across pages, using the spec's pagination fields, from the input's offset (default 0). Stops when the items seen
 * reach TotalCount or a page comes back short (or empty), whichever comes first, so a total that
 * changes while paging cannot make it loop forever (the service fills every page but the last). An abort of
 * `signal` ends the listing with an AbortError, between two items as well as during a request.
 */
export async function* paginatePages<A extends PaginatedActionName>(
  action: A,
  input: ActionTypes[A]['request'],
  send: Send<A>,
  signal?: AbortSignal,
): AsyncGenerator<PageItem<A>, void, undefined> {
  const paging = actionPolicies[action].paging
  if (!paging) throw new TypeError(`${action} is not paginated`)
  const [limitField, offsetField, totalField, itemsField, defaultLimit] = paging
  // Read below before any request is made: what is not an object gets the ValidationError a direct call gets.
  if (!isRecord(input)) throw new ValidationError(action, validateRequest(action, input))
  const request: Record<string, unknown> = input
  // Passed as given, so that a bad Limit or Offset gets the ValidationError a direct call gets. A given Offset
  // is where the listing starts (resuming one, say); it was once overwritten with 0, repeating what was seen.
  const limit = (request[limitField] ?? defaultLimit) as number
  for (let offset = (request[offsetField] ?? 0) as number; ; ) {
    const page = (await send({
      ...request,
      [limitField]: limit,
      [offsetField]: offset,
    } as ActionTypes[A]['request'])) as Record<string, unknown>
    const items = Array.isArray(page[itemsField]) ? (page[itemsField] as PageItem<A>[]) : []
    // A page already read still ends at the abort: the caller stops seeing items as soon as it aborts.
    for (const item of items) {
      if (signal?.aborted) throw new AbortError(action, signal.reason)
      yield item
    }
    offset += limit
    const total = page[totalField]
    if (items.length < limit || (typeof total === 'number' && offset >= total)) return
  }
}
