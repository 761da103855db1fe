import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { DEFAULT_EXPIRY_SECONDS } from '../../../shared/expiry-scale'
import type { Preferences } from '../../../shared/models'
import { call } from './api'
import { queryKeys } from './query-keys'

/**
 * Settings main remembers across restarts: the profile, the last bucket and folder, the
 * lifetime new links start with.
 *
 * `ready` turns true once main has answered, or failed to: losing preferences costs only
 * convenience, so a failure means starting from the defaults, never an error on screen.
 * `save` shows the change at once and writes it in the background.
 */
export function usePreferences() {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: queryKeys.preferences,
    queryFn: () => call('getPreferences'),
    // Only this window changes them, through `save`.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false
  })
  const { mutate } = useMutation({
    mutationFn: (patch: Partial<Preferences>) => call('setPreferences', patch),
    onSuccess: (stored) => queryClient.setQueryData(queryKeys.preferences, stored)
  })

  const save = useCallback(
    (patch: Partial<Preferences>) => {
      queryClient.setQueryData<Preferences>(queryKeys.preferences, (current) =>
        current ? { ...current, ...patch } : current
      )
      mutate(patch)
    },
    [queryClient, mutate]
  )

  const preferences = query.data ?? null
  return {
    preferences,
    ready: !query.isPending,
    /** The lifetime a share dialog starts with, in seconds. */
    defaultExpiresInSeconds: preferences?.defaultExpiresInSeconds ?? DEFAULT_EXPIRY_SECONDS,
    save
  }
}
