import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ProfileSummary, ProfilesSnapshot } from '../../../../shared/models'
import { call, subscribe } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'

/**
 * The AWS profiles main found, kept current by the `profiles:changed` event.
 *
 * When a profile's settings change (endpoint, region, credentials source) or it disappears,
 * its cached buckets and listings are dropped: they may belong to another account now.
 */
export function useProfiles() {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: queryKeys.profiles,
    queryFn: () => call('listProfiles'),
    // Main pushes every change, so the snapshot never goes stale on its own.
    staleTime: Number.POSITIVE_INFINITY
  })

  useEffect(
    () =>
      subscribe('onProfilesChanged', (snapshot) => {
        const previous = queryClient.getQueryData<ProfilesSnapshot>(queryKeys.profiles)
        queryClient.setQueryData(queryKeys.profiles, snapshot)
        if (previous) dropChangedProfiles(queryClient, previous.profiles, snapshot.profiles)
      }),
    [queryClient]
  )

  return query
}

function dropChangedProfiles(
  queryClient: QueryClient,
  before: ProfileSummary[],
  after: ProfileSummary[]
) {
  const current = new Map(after.map((profile) => [profile.id, JSON.stringify(profile)]))
  for (const profile of before) {
    if (current.get(profile.id) !== JSON.stringify(profile)) {
      void queryClient.resetQueries({ queryKey: queryKeys.profileScope(profile.id) })
    }
  }
}

/**
 * The profile the user is browsing.
 *
 * Starts at the profile remembered from the last run, if it still exists, else at the
 * snapshot's choice (`AWS_PROFILE`, else `default`); once the user picks one it sticks, unless
 * it disappears from the files, then the same rule applies again.
 */
export function useProfileSelection(
  snapshot: ProfilesSnapshot | undefined,
  rememberedId: string | null = null
): [string | null, (profileId: string) => void] {
  const [chosenId, setChosenId] = useState<string | null>(null)
  const profiles = snapshot?.profiles ?? []
  const exists = (id: string | null | undefined): id is string =>
    !!id && profiles.some((p) => p.id === id)
  const fallback = exists(rememberedId)
    ? rememberedId
    : exists(snapshot?.selectedProfileId)
      ? snapshot.selectedProfileId
      : (profiles[0]?.id ?? null)
  return [exists(chosenId) ? chosenId : fallback, setChosenId]
}
