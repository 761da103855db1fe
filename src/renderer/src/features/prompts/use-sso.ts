import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** Under the profile's scope, so a change of its settings drops it with the rest. */
export const ssoStatusKey = (profileId: string) =>
  [...queryKeys.profileScope(profileId), 'sso'] as const

/** Where the profile's SSO session stands; null when the profile uses no SSO. */
export function useSsoStatus(profileId: string, enabled = true) {
  return useQuery({
    queryKey: ssoStatusKey(profileId),
    queryFn: () => call('getSsoStatus', { profileId }),
    staleTime: 0,
    enabled
  })
}

/**
 * Signs in with the device flow: main opens the browser and shows the code (a prompt); this
 * resolves once the user approved. Everything cached is then fetched again: listings that
 * failed for want of a session, and the credentials' expiry.
 */
export function useSignIn(profileId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => call('signInSso', { profileId }),
    onSuccess: () => client.invalidateQueries()
  })
}
