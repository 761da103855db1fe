import { useMutation } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { DownloadNameRule } from '../../../../shared/models'
import { call } from '../../lib/api'
import type { BulkShareTarget } from '../objects/share-target'
import { expandFolders, planBulkShare } from './bulk-plan'
import { useFollowedJob } from './use-followed-job'

export interface BulkShareOptions {
  expiresInSeconds: number
  label: string
  downloadNameRule: DownloadNameRule
}

/**
 * Starts a bulk share in main and follows its job to the end.
 *
 * The job is followed from the moment the dialog opens (`useFollowedJob`). A mixed
 * selection (objects and folders) has its folders listed here first (`listing` counts the keys
 * found); cancelling then just stops listing.
 */
export function useBulkShare(target: BulkShareTarget) {
  const { jobId, job, record, follow } = useFollowedJob('bulk-links')
  const [listing, setListing] = useState<number | null>(null)
  const listingAbort = useRef<AbortController | null>(null)

  // Closing the dialog stops a listing still under way; a job in main runs on.
  useEffect(() => () => listingAbort.current?.abort(), [])

  const start = useMutation({
    mutationFn: async ({ label, ...options }: BulkShareOptions) => {
      const plan = planBulkShare(target)
      const { profileId, bucket } = target
      let selection = plan.kind === 'ready' ? plan.selection : null
      if (plan.kind === 'expand') {
        const controller = new AbortController()
        listingAbort.current = controller
        setListing(0)
        try {
          const keys = await expandFolders(
            (prefix, token) => call('listObjects', { profileId, bucket, prefix, token }),
            plan.keys,
            plan.folders,
            { signal: controller.signal, onProgress: setListing }
          )
          selection = { kind: 'keys', keys }
        } finally {
          setListing(null)
        }
      }
      if (!selection) throw new Error('Nothing to share.')
      return call('startBulkShare', {
        profileId,
        bucket,
        selection,
        ...options,
        ...(label.trim() ? { label: label.trim() } : {})
      })
    },
    onSuccess: follow
  })

  const cancelJob = useMutation({
    mutationFn: (id: string) => call('cancelJob', { jobId: id }),
    onSuccess: record
  })

  const cancel = () => {
    if (listing !== null) listingAbort.current?.abort()
    else if (jobId !== null) cancelJob.mutate(jobId)
  }

  return {
    start,
    /** Keys found so far while listing the folders of a mixed selection; null when not listing. */
    listing,
    job,
    cancel,
    cancelling: cancelJob.isPending,
    cancelError: cancelJob.error
  }
}
