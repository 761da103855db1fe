import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { AppError } from '../../../../shared/errors'
import type { ObjectPage } from '../../../../shared/models'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import { rowsOfPages } from './entries'

/**
 * The page request of each folder still waiting for its answer, by query key.
 *
 * Module-wide rather than per component: a request outlives the component that started it
 * (the query cache keeps it), and Cancel must reach it whichever browser shows the folder.
 */
const waiting = new Map<string, AbortController>()

function listingId(profileId: string, bucket: string, prefix: string): string {
  return JSON.stringify(queryKeys.objects(profileId, bucket, prefix))
}

/**
 * Stops waiting for the folder's page being fetched: the query fails at once with a
 * `cancelled` AppError, which the browser shows like any failure, with "Try again".
 *
 * Main cannot be told yet (IPC carries no cancellation), so its answer still arrives; it is
 * ignored. The error, not TanStack's revert, is what the user sees: a reverted query would sit
 * "loading" with nothing loading.
 */
export function cancelListing(profileId: string, bucket: string, prefix: string): void {
  waiting.get(listingId(profileId, bucket, prefix))?.abort()
}

/** `call('listObjects')` that a `cancelListing` for the same folder can stop waiting for. */
async function listPage(
  profileId: string,
  bucket: string,
  prefix: string,
  token: string | null
): Promise<ObjectPage> {
  const id = listingId(profileId, bucket, prefix)
  const controller = new AbortController()
  waiting.set(id, controller)
  try {
    return await new Promise<ObjectPage>((resolve, reject) => {
      controller.signal.addEventListener('abort', () =>
        reject(
          new AppError(
            'cancelled',
            'Listing cancelled: the app stopped waiting for the server. Try again when it is back.'
          )
        )
      )
      call('listObjects', { profileId, bucket, prefix, token }).then(resolve, reject)
    })
  } finally {
    if (waiting.get(id) === controller) waiting.delete(id)
  }
}

/**
 * One folder's listing, a page at a time.
 *
 * The first page shows as soon as it arrives; `fetchNextPage` loads the next one. `rows` holds
 * every loaded folder and object in S3's order. `cancelListing` stops waiting for a page.
 */
export function useObjects(profileId: string, bucket: string, prefix: string) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.objects(profileId, bucket, prefix),
    queryFn: ({ pageParam }) => listPage(profileId, bucket, prefix, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextToken,
    staleTime: 5 * MINUTE_MS
  })
  const pages = query.data?.pages
  const rows = useMemo(() => rowsOfPages(pages ?? []), [pages])
  return { query, rows }
}
