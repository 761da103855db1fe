import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ProfileDraft } from '../../../../shared/models'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/** A stored profile as the edit form starts from (no secrets: main keeps those). */
export function useEditableProfile(name: string | null) {
  return useQuery({
    queryKey: ['profile-editable', name],
    queryFn: () => call('getEditableProfile', { name: name ?? '' }),
    enabled: name !== null,
    // Read afresh each time the form opens: the files may have changed in between.
    staleTime: 0,
    gcTime: 0
  })
}

/** Tries a draft (ListBuckets, or HeadBucket on the bucket named) before it is saved. */
export function useProfileTest() {
  return useMutation({
    mutationFn: (request: { draft: ProfileDraft; replace?: string; bucket?: string }) =>
      call('testProfile', request)
  })
}

/**
 * Writes a draft to the AWS files. The new profile list replaces the cached one at once, and
 * whatever was cached for the profile (buckets, session) is dropped: its settings changed.
 */
export function useSaveProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: { draft: ProfileDraft; replace?: string }) =>
      call('saveProfile', request),
    onSuccess: (snapshot, request) => {
      queryClient.setQueryData(queryKeys.profiles, snapshot)
      for (const name of new Set([request.draft.name, request.replace ?? request.draft.name])) {
        void queryClient.resetQueries({ queryKey: queryKeys.profileScope(name) })
      }
    }
  })
}
