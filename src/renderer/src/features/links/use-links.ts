import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import type { IssuedLink, LinksSnapshot } from '../../../../shared/models'
import { call, subscribe } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

const EMPTY: readonly IssuedLink[] = []

function setLinks(queryClient: QueryClient, snapshot: LinksSnapshot): void {
  // A `listLinks` still in flight started before this event: its answer would be older.
  void queryClient.cancelQueries({ queryKey: queryKeys.links })
  queryClient.setQueryData(queryKeys.links, snapshot)
}

function removeLinks(queryClient: QueryClient, predicate: (link: IssuedLink) => boolean): void {
  queryClient.setQueryData<LinksSnapshot>(queryKeys.links, (current) =>
    current ? { ...current, links: current.links.filter((link) => !predicate(link)) } : current
  )
}

/**
 * Every issued link, kept current.
 *
 * Loads `listLinks` once, then follows `onLinksChanged`, which main sends after every change
 * (including links made in the share dialog). Forget and clear also update the cached list as
 * soon as main confirms, without waiting for the event, which then brings the same state.
 */
export function useLinks() {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: queryKeys.links,
    queryFn: () => call('listLinks'),
    // Events keep the list current while a panel is mounted; one that mounts later may have
    // missed some, so it asks again.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: 'always'
  })

  useEffect(
    () => subscribe('onLinksChanged', (snapshot) => setLinks(queryClient, snapshot)),
    [queryClient]
  )

  const openInBrowser = useCallback(async (link: IssuedLink) => {
    await call('openLinkInBrowser', { id: link.id })
  }, [])

  const forget = useCallback(
    async (link: IssuedLink) => {
      await call('forgetLink', { id: link.id })
      removeLinks(queryClient, (candidate) => candidate.id === link.id)
    },
    [queryClient]
  )

  /** Forgets every expired link; resolves with how many went. */
  const clearExpired = useCallback(async () => {
    const cleared = await call('clearExpiredLinks')
    const now = Date.now()
    removeLinks(queryClient, (link) => Date.parse(link.expiresAt) <= now)
    return cleared
  }, [queryClient])

  const { refetch } = query
  const reload = useCallback(() => {
    void refetch()
  }, [refetch])

  return {
    links: query.data?.links ?? EMPTY,
    recoveredFrom: query.data?.recoveredFrom ?? null,
    loading: query.isPending,
    error: query.error,
    reloading: query.isFetching,
    reload,
    openInBrowser,
    forget,
    clearExpired
  }
}
