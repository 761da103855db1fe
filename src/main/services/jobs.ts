import { AppError, isAppError } from '../../shared/errors'
import { MAX_JOB_ERRORS } from '../../shared/ipc-contract'
import type { JobState } from '../../shared/models'
import { systemClock, type Clock } from './ports'
import type { JobContext, JobListener, JobRunner } from './registry-ports'

export interface JobRunnerDependencies {
  clock?: Clock
  newId?: () => string
  /** The least time between two progress events of one job. */
  throttleMs?: number
  /** Finished jobs kept for `get` (the oldest go first). */
  keepFinished?: number
}

/** A few progress events a second: enough for a live count, cheap over IPC. */
export const JOB_PROGRESS_THROTTLE_MS = 250

export const KEPT_FINISHED_JOBS = 20

interface Job {
  state: JobState
  controller: AbortController
  /** A trailing progress event waiting for the throttle interval to pass. */
  timer: ReturnType<typeof setTimeout> | null
  /** When the last event went out, and how far the job was then (for the rate). */
  emittedAt: number
  emittedDone: number
  /** Whether the state changed since the last event. */
  dirty: boolean
}

/**
 * Runs long tasks (bulk shares) in main, for the window and the command line alike.
 *
 * Modelled on VS Code's "get the state, then follow events": `start` returns the first state at
 * once, progress follows at most every `throttleMs`, and exactly one final state (done,
 * cancelled or failed) ends every job, whatever its task does. `cancel` aborts the task's
 * signal; the task stops at its next check and keeps what it finished.
 */
export function createJobRunner({
  clock = systemClock,
  newId = () => crypto.randomUUID(),
  throttleMs = JOB_PROGRESS_THROTTLE_MS,
  keepFinished = KEPT_FINISHED_JOBS
}: JobRunnerDependencies = {}): JobRunner {
  const jobs = new Map<string, Job>()
  const finishedOrder: string[] = []
  const listeners = new Set<JobListener>()

  function copy(state: JobState): JobState {
    return {
      ...state,
      errors: state.errors.map((error) => ({ ...error })),
      error: state.error === null ? null : { ...state.error }
    }
  }

  function emit(job: Job): void {
    const now = clock.now()
    if (job.state.state === 'running') {
      const seconds = (now - job.emittedAt) / 1000
      if (seconds > 0) {
        job.state.ratePerSecond = Math.round((job.state.done - job.emittedDone) / seconds)
      }
    }
    job.emittedAt = now
    job.emittedDone = job.state.done
    job.dirty = false
    const state = copy(job.state)
    for (const listener of [...listeners]) {
      try {
        listener(state)
      } catch (error) {
        // The job goes on whatever a listener does; one failing must not starve the others.
        console.error('A job listener failed:', error)
      }
    }
  }

  /** Sends progress now if the last event is old enough, or once it is. */
  function progressed(job: Job): void {
    job.dirty = true
    if (job.timer !== null) return
    const wait = job.emittedAt + throttleMs - clock.now()
    if (wait <= 0) {
      emit(job)
      return
    }
    job.timer = setTimeout(() => {
      job.timer = null
      if (job.dirty && job.state.state === 'running') emit(job)
    }, wait)
  }

  function finish(job: Job, outcome: Pick<JobState, 'state' | 'error'>): void {
    if (job.timer !== null) clearTimeout(job.timer)
    job.timer = null
    const now = clock.now()
    const elapsed = (now - Date.parse(job.state.startedAt)) / 1000
    Object.assign(job.state, {
      ...outcome,
      phase: 'finished',
      // The whole job's rate: what a summary wants once nothing moves any more.
      ratePerSecond: elapsed > 0 ? Math.round(job.state.done / elapsed) : 0,
      finishedAt: new Date(now).toISOString()
    } satisfies Partial<JobState>)
    emit(job)
    finishedOrder.push(job.state.id)
    while (finishedOrder.length > keepFinished) jobs.delete(finishedOrder.shift()!)
  }

  function find(id: string): Job {
    const job = jobs.get(id)
    if (job === undefined) {
      throw new AppError(
        'job-not-found',
        'That task is no longer known: it finished a while ago, or the app was restarted. The links it made are in the Links view.'
      )
    }
    return job
  }

  async function execute(job: Job, run: (context: JobContext) => Promise<void>): Promise<void> {
    const { signal } = job.controller
    const context: JobContext = {
      signal,
      progress(update) {
        if (job.state.state !== 'running') return
        Object.assign(job.state, update)
        progressed(job)
      },
      itemFailed(error) {
        if (job.state.state !== 'running') return
        job.state.failed += 1
        if (job.state.errors.length < MAX_JOB_ERRORS) job.state.errors.push({ ...error })
        progressed(job)
      }
    }
    let outcome: Pick<JobState, 'state' | 'error'> = { state: 'done', error: null }
    try {
      // Never synchronously: `start` hands out the first state before the task moves it.
      await Promise.resolve()
      await run(context)
      if (signal.aborted) outcome = { state: 'cancelled', error: null }
    } catch (error) {
      // A task stopped by its own cancel often ends by throwing; that is still a cancel.
      outcome = signal.aborted
        ? { state: 'cancelled', error: null }
        : { state: 'failed', error: describeFailure(error) }
    } finally {
      finish(job, outcome)
    }
  }

  return {
    start(kind, run) {
      const now = clock.now()
      const job: Job = {
        state: {
          id: newId(),
          kind,
          state: 'running',
          phase: 'listing',
          done: 0,
          total: null,
          failed: 0,
          ratePerSecond: 0,
          errors: [],
          batchId: null,
          error: null,
          startedAt: new Date(now).toISOString(),
          finishedAt: null
        },
        controller: new AbortController(),
        timer: null,
        emittedAt: now,
        emittedDone: 0,
        dirty: false
      }
      jobs.set(job.state.id, job)
      const first = copy(job.state)
      for (const listener of [...listeners]) {
        try {
          listener(copy(first))
        } catch (error) {
          console.error('A job listener failed:', error)
        }
      }
      void execute(job, run)
      return first
    },

    get(id) {
      return copy(find(id).state)
    },

    cancel(id) {
      const job = find(id)
      if (job.state.state === 'running') job.controller.abort()
      return copy(job.state)
    },

    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
  }
}

/** What a failed job says: an AppError's own words, anything else a generic message. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message }
  console.error('A job failed unexpectedly:', error)
  return {
    code: 'internal',
    message: 'The task stopped because of an unexpected error. What it finished is kept.'
  }
}
