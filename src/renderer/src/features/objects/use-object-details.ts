import { skipToken, useQuery } from '@tanstack/react-query'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** An object's HeadObject details; idle while no object is chosen. */
export function useObjectDetails(profileId: string, bucket: string, key: string | null) {
  return useQuery({
    queryKey: queryKeys.objectDetails(profileId, bucket, key ?? ''),
    queryFn: key === null ? skipToken : () => call('headObject', { profileId, bucket, key }),
    staleTime: MINUTE_MS
  })
}
