import { useQuery } from '@tanstack/react-query'
import { MINUTE_MS } from '../../../../shared/time-units'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** An object's versions, newest first; under the bucket's details key, so a refresh drops them. */
export function useObjectVersions(profileId: string, bucket: string, key: string) {
  return useQuery({
    queryKey: [...queryKeys.objectDetails(profileId, bucket, key), 'versions'],
    queryFn: () => call('listObjectVersions', { profileId, bucket, key }),
    staleTime: MINUTE_MS
  })
}
