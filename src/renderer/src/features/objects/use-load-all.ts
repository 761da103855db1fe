import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'

/** What a run of "load every page" works on: an infinite query's next page and its key. */
export interface PagedListing {
  queryKey: QueryKey
  hasNextPage: boolean
  fetchNextPage: (options?: {
    cancelRefetch?: boolean
  }) => Promise<{ hasNextPage: boolean; isError: boolean }>
}

/** Why pages are being loaded one after another: "Load all", or End going to the real end. */
export type LoadAllPurpose = 'all' | 'end'

export interface LoadAllRun {
  purpose: LoadAllPurpose
  /** The listing it belongs to: a run stops showing when the folder or search changes. */
  listingKey: string
}

/**
 * Loads every remaining page of a listing, one after another, until the end, a failure or
 * Cancel. Cancel also drops the page in flight: the listing goes back to what it had.
 *
 * A failed page stops the run and shows as any paging failure, with "Try again".
 */
export function useLoadAll() {
  const queryClient = useQueryClient()
  const [run, setRun] = useState<LoadAllRun | null>(null)
  const current = useRef<{ cancelled: boolean; listing: PagedListing } | null>(null)

  const stop = useCallback(() => {
    const active = current.current
    if (!active) return
    active.cancelled = true
    current.current = null
    setRun(null)
    void queryClient.cancelQueries({ queryKey: active.listing.queryKey, exact: true })
  }, [queryClient])

  const start = useCallback(
    async (listing: PagedListing, purpose: LoadAllPurpose): Promise<boolean> => {
      if (current.current) current.current.cancelled = true
      const token = { cancelled: false, listing }
      current.current = token
      setRun({ purpose, listingKey: JSON.stringify(listing.queryKey) })
      let more = listing.hasNextPage
      try {
        while (more && !token.cancelled) {
          // Joins a page already on its way (scrolling may have asked for it) instead of
          // asking again.
          const result = await listing.fetchNextPage({ cancelRefetch: false })
          if (result.isError) return false
          more = result.hasNextPage
        }
        return !token.cancelled
      } finally {
        if (current.current === token) {
          current.current = null
          setRun(null)
        }
      }
    },
    []
  )

  // A run does not outlive the browser that started it.
  useEffect(() => () => void (current.current && (current.current.cancelled = true)), [])

  return { run, start, stop }
}
