import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/**
 * When the credentials of a profile stop working, checked afresh each time a dialog asks:
 * SSO and assume-role sessions are renewed behind the scenes, so yesterday's answer is stale.
 */
export function useCredentialsStatus(profileId: string) {
  return useQuery({
    queryKey: queryKeys.credentials(profileId),
    queryFn: () => call('getCredentialsStatus', { profileId }),
    staleTime: 0
  })
}
