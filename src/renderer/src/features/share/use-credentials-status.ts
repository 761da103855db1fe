import { useQuery } from '@tanstack/react-query'
import { AppError } from '../../../../shared/errors'
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
    staleTime: 0,
    // The same state the profile picker shows; without credentials there is no expiry to cap
    // a link at, and the dialog says why instead. (`needs-mfa` is asked when the link is made.)
    select: (status) => {
      if (status.state === 'missing' || status.state === 'sign-in') {
        throw new AppError(
          'credentials-missing',
          status.detail ?? 'The profile has no credentials.'
        )
      }
      return status
    }
  })
}
