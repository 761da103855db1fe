import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { IssuedLink } from '../../../../shared/models'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** Rows asked for at a time: a few screens of the result table. */
export const BATCH_PAGE_SIZE = 200

/**
 * The links of one batch, by object key, a page at a time from the registry.
 *
 * Only pages scrolled to are asked for, so a batch of 100,000 links costs a few kilobytes until
 * someone scrolls through it.
 */
export function useBatchLinks(batchId: string | null) {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.links, 'batch', batchId] as const,
    enabled: batchId !== null,
    queryFn: ({ pageParam }) =>
      call('queryLinks', {
        batchId: batchId ?? '',
        sort: { field: 'name', direction: 'asc' },
        offset: pageParam,
        limit: BATCH_PAGE_SIZE
      }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.rows.length, 0)
      return last.rows.length > 0 && loaded < last.total ? loaded : undefined
    }
  })
  const pages = query.data?.pages
  const links = useMemo(
    () =>
      (pages ?? []).flatMap((page) =>
        page.rows.flatMap((row): IssuedLink[] => (row.kind === 'link' ? [row.link] : []))
      ),
    [pages]
  )
  return { query, links, total: pages?.[0]?.total ?? null }
}
