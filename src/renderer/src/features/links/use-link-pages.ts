import {
  keepPreviousData,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryObserverResult
} from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { LinkListRow, LinkPage } from '../../../../shared/models'
import { SECOND_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { useDeadline, useNowSelect } from '../../lib/use-now'
import {
  compactFilter,
  linkKeys,
  nextStatusChange,
  pagesInRange,
  PAGE_SIZE,
  type LinkFilter
} from './link-query'

/**
 * How often the first page is asked for again while shown.
 *
 * Links beyond the loaded pages also change status as time passes; this keeps the status
 * counts close without a timer per link. Loaded rows are exact: see `useRefetchAtStatusChange`.
 */
const REFRESH_MS = 30 * SECOND_MS

function fetchPage(filter: LinkFilter, index: number): Promise<LinkPage> {
  return call('queryLinks', { ...filter, offset: index * PAGE_SIZE, limit: PAGE_SIZE })
}

/**
 * The first page of a list: its rows, the total and the counts per status.
 *
 * While a new filter's first page loads, the previous one stays (`isPlaceholderData`), so the
 * counts and the rows do not flash empty on every keystroke. Pages are never considered fresh:
 * the Links view keeps them current through change events while it is shown, and asks again
 * when it comes back.
 */
export function useLinkHead(filter: LinkFilter) {
  const compact = compactFilter(filter)
  return useQuery({
    queryKey: linkKeys.page(compact, 0),
    queryFn: () => fetchPage(compact, 0),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: REFRESH_MS
  })
}

/**
 * Links per status in the whole registry, for "Clear expired" while a search or a menu narrows
 * the list (the list's own counts then cover only what matches). One row is the least main
 * sends; only the counts are used.
 */
export function useRegistryCounts(enabled: boolean) {
  return useQuery({
    queryKey: [...linkKeys.pages, 'counts'],
    queryFn: () => call('queryLinks', { groupBatches: true, offset: 0, limit: 1 }),
    select: (page) => page.counts,
    enabled,
    staleTime: 0,
    refetchInterval: REFRESH_MS
  })
}

function splitKey(pagesKey: string): number[] {
  return pagesKey === '' ? [] : pagesKey.split(',').map(Number)
}

export interface LinkRows {
  /** The row at an index of the whole list; undefined while its page loads. */
  rowAt: (index: number) => LinkListRow | undefined
  /** The first moment a loaded row changes status; see `nextStatusChange`. */
  nextChangeAt: number | null
  /** Why a page in view could not be loaded, if one could not. */
  error: unknown
}

/**
 * The rows `first` to `last` of a list, asking main only for the pages that hold them.
 *
 * The first page comes from `useLinkHead` (pass its data); the others are fetched as they come
 * into view and kept in the query cache, so scrolling back is instant.
 */
export function useLinkRows(
  filter: LinkFilter,
  head: LinkPage | undefined,
  first: number | undefined,
  last: number | undefined
): LinkRows {
  const compact = compactFilter(filter)
  // The pages in view after the first, as a key: stable while the same pages are in view.
  const pagesKey = pagesInRange(first, last)
    .filter((index) => index > 0)
    .join(',')
  const combine = useCallback(
    (results: QueryObserverResult<LinkPage>[]) => {
      const indexes = splitKey(pagesKey)
      const byIndex = new Map<number, LinkPage>()
      results.forEach((result, position) => {
        const index = indexes[position]
        if (result.data && index !== undefined) byIndex.set(index, result.data)
      })
      return { byIndex, error: results.find((result) => result.error)?.error ?? null }
    },
    [pagesKey]
  )
  const loaded = useQueries({
    queries: splitKey(pagesKey).map((index) => ({
      queryKey: linkKeys.page(compact, index),
      queryFn: () => fetchPage(compact, index),
      staleTime: 0
    })),
    combine
  })

  const pages = useMemo(() => {
    const byIndex = new Map(loaded.byIndex)
    if (head) byIndex.set(0, head)
    return byIndex
  }, [head, loaded])

  const rowAt = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE],
    [pages]
  )

  // Every loaded page, not only the rows in view: a link off screen that expires changes the
  // counts too, and a count that moved only when the next action refreshed them would seem to
  // be moved by that action (forgetting one link raised the Expired count by one).
  // And main says when the first link anywhere changes (`nextStatusChangeAt`): beyond the
  // loaded pages, only that keeps the counts right to the second.
  const nextChangeAt = useMemo(() => {
    let next: number | null = head?.nextStatusChangeAt ?? null
    for (const page of pages.values()) {
      const at = nextStatusChange(page.rows, page.now)
      if (at !== null && (next === null || at < next)) next = at
    }
    return next
  }, [head, pages])

  return {
    rowAt,
    nextChangeAt,
    error: loaded.error
  }
}

/**
 * Asks for the shown pages again the moment a shown row changes status.
 *
 * Main judged each row's status when it answered; a link that has since expired must leave the
 * Active tab and move to the Expired count at its real expiry, not at the next event.
 */
export function useRefetchAtStatusChange(at: number | null): void {
  const queryClient = useQueryClient()
  useDeadline(at)
  const reached = useNowSelect((now) => at !== null && now >= at)
  const handled = useRef<number | null>(null)
  useEffect(() => {
    if (!reached || handled.current === at) return
    handled.current = at
    void queryClient.invalidateQueries({ queryKey: linkKeys.pages })
  }, [reached, at, queryClient])
}
