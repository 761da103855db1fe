import { expiringSoonAt, toMs } from '../../../../shared/countdown'
import type {
  LinkListRow,
  LinkQuery,
  LinkSortField,
  LinkSortOrder
} from '../../../../shared/models'
import { queryKeys } from '../../lib/query-keys'

/** What a list asks main for, without the window onto it. */
export type LinkFilter = Omit<LinkQuery, 'offset' | 'limit'>

/**
 * Rows per `queryLinks` call.
 *
 * A screenful is 15-25 rows, so a page covers several screens and a scroll usually needs at
 * most two pages; small enough that one answer stays a few tens of kilobytes.
 */
export const PAGE_SIZE = 100

export const DEFAULT_SORT: LinkSortOrder = { field: 'created', direction: 'desc' }

/**
 * Query keys of the Links view, under `queryKeys.links` so that one invalidation of that key
 * (after a change event, or a link made in the share dialog) refreshes all of it.
 */
export const linkKeys = {
  all: queryKeys.links,
  /** Every page of every list, the nested batch lists included. */
  pages: [...queryKeys.links, 'pages'] as const,
  page: (filter: LinkFilter, index: number) => [...linkKeys.pages, filter, index] as const,
  registry: [...queryKeys.links, 'registry'] as const
}

/** The filter without the fields left unset, as it crosses IPC and keys the cache. */
export function compactFilter(filter: LinkFilter): LinkFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== '')
  ) as LinkFilter
}

/** The page indexes holding rows `first` to `last` (inclusive); none for an empty range. */
export function pagesInRange(first: number | undefined, last: number | undefined): number[] {
  if (first === undefined || last === undefined || last < first) return []
  const pages: number[] = []
  for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
    pages.push(page)
  }
  return pages
}

/** Text columns read best A to Z; times read best newest (created) or soonest (expiry) first. */
const FIRST_DIRECTION: Record<LinkSortField, LinkSortOrder['direction']> = {
  created: 'desc',
  expires: 'asc',
  name: 'asc',
  bucket: 'asc',
  profile: 'asc',
  label: 'asc'
}

/** The order after a click on a column header: the other way round on the sorted column. */
export function nextSortOrder(current: LinkSortOrder, field: LinkSortField): LinkSortOrder {
  if (current.field !== field) return { field, direction: FIRST_DIRECTION[field] }
  return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' }
}

/** The times at which a row's status changes: expiring soon, then expired. */
function statusChanges(row: LinkListRow): number[] {
  const times =
    row.kind === 'link'
      ? { createdAt: row.link.createdAt, expiresAt: row.link.expiresAt }
      : { createdAt: row.batch.createdAt, expiresAt: row.batch.expiresAt }
  return [expiringSoonAt(times), toMs(times.expiresAt)]
}

/**
 * The first moment after `after` at which one of the rows changes status; null if none will.
 *
 * Main judged statuses at `after`; from that moment on, a shown row may be in the wrong status
 * tab, and the counts may be off, until the list is asked for again.
 */
export function nextStatusChange(rows: readonly LinkListRow[], after: number): number | null {
  let next: number | null = null
  for (const row of rows) {
    for (const at of statusChanges(row)) {
      if (Number.isFinite(at) && at > after && (next === null || at < next)) next = at
    }
  }
  return next
}
