import { useMutation, useQueryClient } from '@tanstack/react-query'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import type { UploadRequest } from './receive-form'

/**
 * Signs and records an upload link (and publishes its page, if asked). The Links view's pages
 * and the profile's credentials status are asked for again, as after a download link.
 */
export function useUploadLink() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: UploadRequest) => call('createUploadLink', request),
    onSuccess: (link) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.links })
      void queryClient.invalidateQueries({ queryKey: queryKeys.credentials(link.profileId) })
    }
  })
}
