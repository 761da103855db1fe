import { useMutation } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DownloadNameRule, JobState } from '../../../../shared/models'
import { call, subscribe } from '../../lib/api'
import type { BulkShareTarget } from '../objects/share-target'
import { expandFolders, planBulkShare } from './bulk-plan'
import { newerJobState } from './job-state'

export interface BulkShareOptions {
  expiresInSeconds: number
  label: string
  downloadNameRule: DownloadNameRule
}

/**
 * Starts a bulk share in main and follows its job to the end.
 *
 * Events for the job can come before `startBulkShare` answers with its id, so every job event
 * is kept from the moment the dialog opens; `getJob` catches up once the id is known. A mixed
 * selection (objects and folders) has its folders listed here first (`listing` counts the keys
 * found); cancelling then just stops listing.
 */
export function useBulkShare(target: BulkShareTarget) {
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobState>>(() => new Map())
  const [jobId, setJobId] = useState<string | null>(null)
  const [listing, setListing] = useState<number | null>(null)
  const listingAbort = useRef<AbortController | null>(null)

  const record = useCallback((state: JobState) => {
    setJobs((known) => {
      const current = known.get(state.id)
      const next = newerJobState(current, state)
      return next === current ? known : new Map(known).set(state.id, next)
    })
  }, [])

  useEffect(() => subscribe('onJobChanged', record), [record])

  useEffect(() => {
    if (jobId === null) return
    let live = true
    call('getJob', { jobId }).then(
      (state) => live && record(state),
      // The events carry on regardless: the catch-up is a bonus.
      () => undefined
    )
    return () => {
      live = false
    }
  }, [jobId, record])

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
    onSuccess: (state) => {
      record(state)
      setJobId(state.id)
    }
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
    job: jobId === null ? null : (jobs.get(jobId) ?? null),
    cancel,
    cancelling: cancelJob.isPending,
    cancelError: cancelJob.error
  }
}
