import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import { rowsOfPages } from './entries'

/**
 * One folder's listing, a page at a time.
 *
 * The first page shows as soon as it arrives; `fetchNextPage` loads the next one. `rows` holds
 * every loaded folder and object in S3's order.
 */
export function useObjects(profileId: string, bucket: string, prefix: string) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.objects(profileId, bucket, prefix),
    queryFn: ({ pageParam }) =>
      call('listObjects', { profileId, bucket, prefix, token: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextToken,
    staleTime: 5 * MINUTE_MS
  })
  const pages = query.data?.pages
  const rows = useMemo(() => rowsOfPages(pages ?? []), [pages])
  return { query, rows }
}
