import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import { useDeadline, useNowSelect } from '../../lib/use-now'

const sessionKey = (profileId: string) => [...queryKeys.profileScope(profileId), 'session'] as const

/**
 * Where a profile's session stands, for the picker: main answers without asking the user
 * anything (an MFA code, an SSO sign-in), so it is safe to ask often. Asked again each minute,
 * since browsing or sharing may have started a session, and at the moment it ends.
 */
export function useSessionState(profileId: string) {
  const query = useQuery({
    queryKey: sessionKey(profileId),
    queryFn: () => call('getCredentialsStatus', { profileId }),
    staleTime: 15_000,
    refetchInterval: 60_000
  })
  const expiresAt = query.data?.expiresAt ? Date.parse(query.data.expiresAt) : null
  const active = query.data?.state === 'active'
  useDeadline(active ? expiresAt : null)
  const ended = useNowSelect((now) => active && expiresAt !== null && now >= expiresAt)
  const { refetch } = query
  useEffect(() => {
    if (ended) void refetch()
  }, [ended, refetch])
  return { ...query, ended }
}
