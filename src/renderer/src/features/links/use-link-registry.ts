import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { call, subscribe } from '../../lib/api'
import { linkKeys } from './link-query'

/**
 * Where the registry came from and what it holds: the notices above the list (an import from
 * `links.json`, a database moved aside, unreadable rows) and the values of the filter menus.
 */
export function useLinkRegistry() {
  return useQuery({
    queryKey: linkKeys.registry,
    queryFn: () => call('getLinkRegistryStatus'),
    staleTime: 0
  })
}

/**
 * At most one refresh per this interval while changes pour in.
 *
 * A bulk share records thousands of links in chunks, each chunk an event; the view needs the
 * state after the last one, not a refetch per chunk.
 */
const REFRESH_GAP_MS = 250

/**
 * Refreshes what the Links view shows whenever the registry changes.
 *
 * The event says only that something changed (and its version); the shown pages, the counts and
 * the registry status are asked for again. A burst of events costs one refresh at once and one
 * after the burst, so the final state is always shown.
 */
export function useRefreshOnLinksChanged(): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    let lastRefresh = Number.NEGATIVE_INFINITY
    const refresh = () => {
      timer = null
      lastRefresh = Date.now()
      void queryClient.invalidateQueries({ queryKey: linkKeys.all })
    }
    const unsubscribe = subscribe('onLinksChanged', () => {
      if (timer !== null) return
      const wait = lastRefresh + REFRESH_GAP_MS - Date.now()
      if (wait <= 0) refresh()
      else timer = setTimeout(refresh, wait)
    })
    return () => {
      unsubscribe()
      if (timer !== null) clearTimeout(timer)
    }
  }, [queryClient])
}
