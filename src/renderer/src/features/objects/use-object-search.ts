import { skipToken, useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { AppError } from '../../../../shared/errors'
import type { ObjectPage } from '../../../../shared/models'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import { rowsOfPages } from './entries'

/** The cache key of one search: under the folder's own key, so a refresh or reset drops it too. */
export function searchKey(profileId: string, bucket: string, folder: string, text: string) {
  return [...queryKeys.objects(profileId, bucket, folder), 'search', text] as const
}

/**
 * One page of a search; `signal` stops waiting for it.
 *
 * TanStack aborts the signal when the search is no longer shown (the user typed on), so a stale
 * answer is dropped. Main cannot be told (IPC carries no cancellation); its answer is ignored.
 */
function searchPage(
  profileId: string,
  bucket: string,
  prefix: string,
  token: string | null,
  signal: AbortSignal
): Promise<ObjectPage> {
  return new Promise<ObjectPage>((resolve, reject) => {
    signal.addEventListener('abort', () =>
      reject(new AppError('cancelled', 'Search cancelled: a newer search replaced it.'))
    )
    call('listObjects', { profileId, bucket, prefix, token }).then(resolve, reject)
  })
}

/**
 * Searches a whole folder on the server: the names that start with `text`, as S3's `Prefix`
 * finds them (exact case), a page at a time. Idle for empty text.
 *
 * The rows of the previous search stay shown while the next one loads, so the table does not
 * flash empty at each keystroke.
 */
export function useObjectSearch(profileId: string, bucket: string, folder: string, text: string) {
  const query = useInfiniteQuery({
    queryKey: searchKey(profileId, bucket, folder, text),
    queryFn:
      text === ''
        ? skipToken
        : ({ pageParam, signal }) =>
            searchPage(profileId, bucket, `${folder}${text}`, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextToken,
    // Only a search of the same folder: another folder's rows must never show here.
    placeholderData: (previous, previousQuery) =>
      previousQuery &&
      JSON.stringify(previousQuery.queryKey.slice(0, 5)) ===
        JSON.stringify(queryKeys.objects(profileId, bucket, folder))
        ? previous
        : undefined,
    staleTime: 5 * MINUTE_MS
  })
  const pages = query.data?.pages
  const rows = useMemo(() => rowsOfPages(pages ?? [], folder), [pages, folder])
  return { query, rows }
}
