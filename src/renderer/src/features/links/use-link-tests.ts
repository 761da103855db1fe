import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { jobEnded } from '../bulk/job-state'
import { useFollowedJob } from '../bulk/use-followed-job'
import { linkKeys } from './link-query'
import type { LinkActions } from './use-link-actions'

/**
 * "Test all active": starts the job in main and follows it to the end, as the bulk share does.
 */
export function useLinkTests(actions: LinkActions) {
  const queryClient = useQueryClient()
  const { jobId, job, record, follow, forget } = useFollowedJob('link-tests')
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<unknown>(null)

  // Each test is recorded with its link: show them once the job is over (once per job).
  const endedId = job !== null && jobEnded(job) ? job.id : null
  useEffect(() => {
    if (endedId !== null) void queryClient.invalidateQueries({ queryKey: linkKeys.all })
  }, [endedId, queryClient])

  const start = async () => {
    setStarting(true)
    setError(null)
    try {
      follow(await actions.testAll())
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
    forget()
    setError(null)
  }

  return { job, starting, error, start, cancel, dismiss }
}
