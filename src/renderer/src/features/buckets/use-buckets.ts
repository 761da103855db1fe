import { skipToken, useQuery } from '@tanstack/react-query'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** The buckets a profile can list; idle until there is a profile. */
export function useBuckets(profileId: string | null) {
  return useQuery({
    queryKey: queryKeys.buckets(profileId ?? ''),
    queryFn: profileId === null ? skipToken : () => call('listBuckets', { profileId }),
    staleTime: 5 * MINUTE_MS
  })
}
