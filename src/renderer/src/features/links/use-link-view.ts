import { useMemo } from 'react'
import type { IssuedLink } from '../../../../shared/models'
import { useDeadline, useNowSelect } from '../../lib/use-now'
import {
  countAtOrBefore,
  searchEntries,
  sortEntries,
  sortedExpiries,
  toEntry,
  type LinkEntry,
  type LinkFilter,
  type LinkSort
} from './link-list'

export interface LinkView {
  /** The rows to show, filtered, searched and sorted. */
  rows: readonly LinkEntry[]
  /** Links matching the search, by status. */
  counts: Record<LinkFilter, number>
  /** Expired links overall, whatever the search: what "Clear expired" removes. */
  expiredTotal: number
}

/**
 * The links panel's rows.
 *
 * Search and sort depend only on the list and the controls, so they run when those change.
 * Which links are expired depends on time, but the expired set only grows as links cross their
 * `expiresAt`: counting the expiry times at or before now (a binary search over sorted times,
 * every tick) identifies it, and the rows are recomputed only when that count changes, at the
 * exact moment thanks to `useDeadline`.
 */
export function useLinkView(
  links: readonly IssuedLink[],
  filter: LinkFilter,
  query: string,
  sort: LinkSort
): LinkView {
  const entries = useMemo(() => links.map(toEntry), [links])
  const sorted = useMemo(() => sortEntries(entries, sort), [entries, sort])
  const searched = useMemo(() => searchEntries(sorted, query), [sorted, query])

  const allTimes = useMemo(() => sortedExpiries(entries), [entries])
  const searchedTimes = useMemo(
    () => (searched === sorted ? allTimes : sortedExpiries(searched)),
    [searched, sorted, allTimes]
  )

  const expiredTotal = useNowSelect((now) => countAtOrBefore(allTimes, now))
  const expiredInSearch = useNowSelect((now) => countAtOrBefore(searchedTimes, now))
  useDeadline(allTimes[expiredTotal] ?? null)

  // Every entry expiring at or before the latest expired time is expired, and no other.
  const cutoff = expiredInSearch > 0 ? (searchedTimes[expiredInSearch - 1] ?? -Infinity) : -Infinity

  const rows = useMemo(() => {
    if (filter === 'all') return searched
    if (filter === 'expired') return searched.filter((entry) => entry.expiresAtMs <= cutoff)
    return searched.filter((entry) => entry.expiresAtMs > cutoff)
  }, [searched, filter, cutoff])

  return {
    rows,
    counts: {
      all: searched.length,
      expired: expiredInSearch,
      active: searched.length - expiredInSearch
    },
    expiredTotal
  }
}
