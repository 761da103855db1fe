import type { JobState } from '../../../../shared/models'

/** Whether a job has ended, one way or another. */
export function jobEnded(job: JobState): boolean {
  return job.state !== 'running'
}

/**
 * The later of two reports about one job.
 *
 * The state asked for with `getJob` and the pushed events can arrive in any order: an ended
 * job never goes back to running, and a running one never goes back in count.
 */
export function newerJobState(current: JobState | undefined, next: JobState): JobState {
  if (!current) return next
  if (jobEnded(current) !== jobEnded(next)) return jobEnded(current) ? current : next
  return next.done >= current.done ? next : current
}

export interface JobTally {
  /** Links made and recorded. */
  made: number
  failed: number
  /** Objects never reached because the job was cancelled or failed. */
  skipped: number
}

/** What a job did, in the counts the result shows. */
export function jobTally(job: JobState): JobTally {
  const made = Math.max(0, job.done - job.failed)
  const skipped =
    jobEnded(job) && job.state !== 'done' && job.total !== null
      ? Math.max(0, job.total - job.done)
      : 0
  return { made, failed: job.failed, skipped }
}
