import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ProfilesSnapshot } from '../../../../shared/models'
import { queryKeys } from '../../lib/query-keys'
import { s3Uri } from './entries'
import { cancelListing } from './use-objects'
import './listing-wait.css'

/** A page that takes longer than this gets a "Still waiting" line with Cancel. */
export const SLOW_LISTING_MS = 1_500

export interface ListingWaitProps {
  profileId: string
  bucket: string
  prefix: string
  /** Whether a page of this folder is being fetched (first page, next page or refresh). */
  fetching: boolean
}

/**
 * Whether `active` has stayed true for `delayMs`, counted afresh for each `key`.
 *
 * A fast answer shows nothing, so the line does not flash on every folder opened.
 */
function useLongWait(active: boolean, key: string, delayMs: number): boolean {
  const [longKey, setLongKey] = useState<string | null>(null)
  useEffect(() => {
    if (!active) return
    const timer = setTimeout(() => setLongKey(key), delayMs)
    return () => {
      clearTimeout(timer)
      setLongKey(null)
    }
  }, [active, key, delayMs])
  return active && longKey === key
}

/**
 * Under a slow listing: what the app is waiting for, and a way to stop waiting.
 *
 * Main gives up by itself after 15 s; a user who knows the server is down need not wait that
 * long. Cancel makes the listing fail as cancelled, with the usual "Try again".
 */
export function ListingWait({ profileId, bucket, prefix, fetching }: ListingWaitProps) {
  const queryClient = useQueryClient()
  const slow = useLongWait(fetching, `${profileId}\n${bucket}\n${prefix}`, SLOW_LISTING_MS)
  if (!slow) return null
  // Read, not subscribed: the profiles are loaded long before a folder is.
  const endpoint = queryClient
    .getQueryData<ProfilesSnapshot>(queryKeys.profiles)
    ?.profiles.find((profile) => profile.id === profileId)?.endpointUrl
  const place = s3Uri(bucket, prefix)
  return (
    <div className="listing-wait">
      <span className="spinner-ring listing-wait-spinner" aria-hidden="true" />
      <span role="status" className="listing-wait-text">
        Still waiting for {endpoint ? `${place} at ${endpoint}` : place}…
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => cancelListing(profileId, bucket, prefix)}
      >
        Cancel
      </button>
    </div>
  )
}
