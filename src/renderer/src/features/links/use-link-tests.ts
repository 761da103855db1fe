import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import type { JobState } from '../../../../shared/models'
import { subscribe } from '../../lib/api'
import { jobEnded, newerJobState } from '../bulk/job-state'
import { linkKeys } from './link-query'
import type { LinkActions } from './use-link-actions'

/**
 * "Test all active": starts the job in main and follows it through `jobs:changed` events, as
 * the bulk share does (events may come before the start answers; `getJob` catches up).
 */
export function useLinkTests(actions: LinkActions) {
  const queryClient = useQueryClient()
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobState>>(() => new Map())
  const [jobId, setJobId] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const record = useCallback((state: JobState) => {
    if (state.kind !== 'link-tests') return
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
    actions.getJob(jobId).then(
      (state) => live && record(state),
      () => undefined
    )
    return () => {
      live = false
    }
  }, [actions, jobId, record])

  const job = jobId === null ? null : (jobs.get(jobId) ?? null)
  // Each test is recorded with its link: show them once the job is over (once per job).
  const endedId = job !== null && jobEnded(job) ? job.id : null
  useEffect(() => {
    if (endedId !== null) void queryClient.invalidateQueries({ queryKey: linkKeys.all })
  }, [endedId, queryClient])

  const start = async () => {
    setStarting(true)
    setError(null)
    try {
      const state = await actions.testAll()
      record(state)
      setJobId(state.id)
    } catch (cause) {
      setError(cause)
    } finally {
      setStarting(false)
    }
  }

  const cancel = async () => {
    if (jobId === null) return
    try {
      record(await actions.cancelJob(jobId))
    } catch (cause) {
      setError(cause)
    }
  }

  const dismiss = () => {
    setJobId(null)
    setError(null)
  }

  return { job, starting, error, start, cancel, dismiss }
}
