import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { LinkStatus } from '../../../../shared/countdown'
import { call } from '../../lib/api'
import {
  createLimiter,
  MAX_CONCURRENT_CHECKS,
  RECEIVED_REFRESH_MS,
  receivedKey
} from './received-checks'

const limit = createLimiter(MAX_CONCURRENT_CHECKS)

function checkReceived(linkId: string) {
  return limit(() => call('checkReceived', { id: linkId }))
}

/**
 * What arrived through an upload link, checked when its row shows and every 30 seconds while
 * it does, as long as the link works. Only rows in view are mounted (the list is virtualized),
 * so only they are checked; an expired link is checked only on demand.
 *
 * Its own cache key: a registry change (a bulk share's thousands of links) must not set off a
 * round of checks.
 */
export function useReceivedFiles(linkId: string, status: LinkStatus) {
  const live = status !== 'expired'
  return useQuery({
    queryKey: receivedKey(linkId),
    queryFn: () => checkReceived(linkId),
    enabled: live,
    staleTime: RECEIVED_REFRESH_MS,
    refetchInterval: live ? RECEIVED_REFRESH_MS : false,
    retry: false
  })
}

/** The row's Check button: checks now, whatever the link's status, and says while it runs. */
export function useCheckReceived(linkId: string) {
  const queryClient = useQueryClient()
  const checking = useIsFetching({ queryKey: receivedKey(linkId), exact: true }) > 0
  const check = useCallback(
    () =>
      void queryClient
        .fetchQuery({
          queryKey: receivedKey(linkId),
          queryFn: () => checkReceived(linkId),
          staleTime: 0
        })
        // Shown in the row by the query's own error state.
        .catch(() => undefined),
    [queryClient, linkId]
  )
  return { check, checking }
}
