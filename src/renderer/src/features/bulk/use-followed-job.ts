import { useCallback, useEffect, useState } from 'react'
import type { JobState } from '../../../../shared/models'
import { call, subscribe } from '../../lib/api'
import { newerJobState } from './job-state'

/**
 * Follows one long job in main ("get the state, then follow events") to the end.
 *
 * Events for a job can come before its start answers with the id, so every event of this kind
 * is kept from the moment the hook mounts; `getJob` catches up once the id is known, and of two
 * reports about a job the newer wins (`newerJobState`).
 */
export function useFollowedJob(kind: JobState['kind']) {
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobState>>(() => new Map())
  const [jobId, setJobId] = useState<string | null>(null)

  /** Keeps a report about a job of this kind: an event, or an answer to start or cancel. */
  const record = useCallback(
    (state: JobState) => {
      if (state.kind !== kind) return
      setJobs((known) => {
        const current = known.get(state.id)
        const next = newerJobState(current, state)
        return next === current ? known : new Map(known).set(state.id, next)
      })
    },
    [kind]
  )

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

  /** Follows the job a start answered with. */
  const follow = useCallback(
    (state: JobState) => {
      record(state)
      setJobId(state.id)
    },
    [record]
  )

  return {
    jobId,
    job: jobId === null ? null : (jobs.get(jobId) ?? null),
    record,
    follow,
    /** Stops showing the job (it runs on in main if it has not ended). */
    forget: () => setJobId(null)
  }
}
