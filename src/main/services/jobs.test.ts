import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/errors'
import { MAX_JOB_ERRORS } from '../../shared/ipc-contract'
import type { JobState } from '../../shared/models'
import { createJobRunner } from './jobs'
import type { JobContext } from './registry-ports'

const T0 = Date.parse('2026-03-01T12:00:00.000Z')

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function setup(options: { keepFinished?: number } = {}) {
  let next = 0
  const jobs = createJobRunner({
    newId: () => `job-${++next}`,
    throttleMs: 250,
    ...options
  })
  const events: JobState[] = []
  jobs.onChange((state) => events.push(state))
  return { jobs, events }
}

/** A task of `count` items, one every `everyMs`, that stops when cancelled. */
function steadyTask(count: number, everyMs: number) {
  return async ({ signal, progress }: JobContext) => {
    progress({ phase: 'signing', total: count })
    for (let done = 1; done <= count; done += 1) {
      await sleep(everyMs)
      if (signal.aborted) return
      progress({ done })
    }
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('a job', () => {
  it('hands back its first state at once, before its task has moved', async () => {
    const { jobs } = setup()
    let ran = false
    const first = jobs.start('bulk-links', async ({ progress }) => {
      ran = true
      progress({ done: 5 })
    })
    expect(ran).toBe(false)
    expect(first).toMatchObject({
      id: 'job-1',
      kind: 'bulk-links',
      state: 'running',
      phase: 'listing',
      done: 0,
      total: null,
      failed: 0,
      errors: [],
      error: null,
      startedAt: new Date(T0).toISOString(),
      finishedAt: null
    })
    await vi.runAllTimersAsync()
    expect(ran).toBe(true)
  })

  it('reports progress a few times a second with its rate, not once per item', async () => {
    const { jobs, events } = setup()
    jobs.start('bulk-links', steadyTask(1000, 2))
    await vi.advanceTimersByTimeAsync(1000)

    const running = events.filter((state) => state.state === 'running' && state.done > 0)
    expect(running.length).toBeGreaterThanOrEqual(3)
    expect(running.length).toBeLessThanOrEqual(5)
    // 500 items a second by the fake clock: one every 2 ms.
    expect(running.at(-1)?.ratePerSecond).toBe(500)
    expect(running.at(-1)?.done).toBeLessThanOrEqual(500)
  })

  it('lets a window that reloads catch up with the current count between events', async () => {
    const { jobs, events } = setup()
    const { id } = jobs.start('bulk-links', steadyTask(1000, 2))
    await vi.advanceTimersByTimeAsync(1010)
    const current = jobs.get(id)
    expect(current.done).toBe(505)
    expect(current.total).toBe(1000)
    expect(events.at(-1)!.done).toBeLessThan(current.done)
  })

  it('does not lose the last count when the task pauses right after it', async () => {
    const { jobs, events } = setup()
    let release: () => void = () => {}
    const paused = new Promise<void>((resolve) => {
      release = resolve
    })
    jobs.start('bulk-links', async ({ progress }) => {
      progress({ done: 1 })
      progress({ done: 2 })
      await paused
    })
    await vi.advanceTimersByTimeAsync(300)
    expect(events.at(-1)).toMatchObject({ state: 'running', done: 2 })
    release()
    await vi.runAllTimersAsync()
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 2 })
  })

  it('ends with exactly one final state when its task finishes', async () => {
    const { jobs, events } = setup()
    const { id } = jobs.start('bulk-links', steadyTask(10, 100))
    await vi.runAllTimersAsync()
    const finals = events.filter((state) => state.state !== 'running')
    expect(finals).toHaveLength(1)
    expect(finals[0]).toMatchObject({
      id,
      state: 'done',
      phase: 'finished',
      done: 10,
      finishedAt: new Date(T0 + 1000).toISOString(),
      ratePerSecond: 10
    })
    expect(jobs.get(id)).toEqual(finals[0])
  })

  it('stops when cancelled, keeps what it did, and says it was cancelled', async () => {
    const { jobs, events } = setup()
    const { id } = jobs.start('bulk-links', steadyTask(1000, 10))
    await vi.advanceTimersByTimeAsync(505)
    expect(jobs.cancel(id).state).toBe('running')
    await vi.runAllTimersAsync()
    const finals = events.filter((state) => state.state !== 'running')
    expect(finals).toHaveLength(1)
    expect(finals[0]).toMatchObject({ state: 'cancelled', done: 50, error: null })
  })

  it('counts a task that throws because it was cancelled as cancelled, not failed', async () => {
    const { jobs, events } = setup()
    const { id } = jobs.start('bulk-links', async ({ signal }) => {
      await sleep(1000)
      signal.throwIfAborted()
    })
    jobs.cancel(id)
    await vi.runAllTimersAsync()
    expect(events.filter((state) => state.state !== 'running')).toEqual([
      expect.objectContaining({ state: 'cancelled', error: null })
    ])
  })

  it('fails with the reason the user can act on, once', async () => {
    const { jobs, events } = setup()
    jobs.start('bulk-links', async ({ progress }) => {
      progress({ done: 3 })
      throw new AppError('access-denied', 'Access denied to bucket `reports`.')
    })
    await vi.runAllTimersAsync()
    const finals = events.filter((state) => state.state !== 'running')
    expect(finals).toEqual([
      expect.objectContaining({
        state: 'failed',
        done: 3,
        error: { code: 'access-denied', message: 'Access denied to bucket `reports`.' }
      })
    ])
  })

  it('fails with a plain message, never a stack, on an unexpected error', async () => {
    const { jobs, events } = setup()
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    jobs.start('bulk-links', async () => {
      throw new TypeError('Cannot read properties of undefined (reading "x")')
    })
    await vi.runAllTimersAsync()
    quiet.mockRestore()
    const final = events.at(-1)!
    expect(final.state).toBe('failed')
    expect(final.error?.code).toBe('internal')
    expect(final.error?.message).not.toContain('undefined')
  })

  it('collects errors per item without stopping, up to a limit, counting them all', async () => {
    const { jobs, events } = setup()
    jobs.start('bulk-links', async ({ progress, itemFailed }) => {
      for (let i = 0; i < MAX_JOB_ERRORS + 20; i += 1) {
        itemFailed({ key: `k${i}`, code: 'no-such-key', message: `No object k${i}.` })
        progress({ done: i + 1 })
      }
    })
    await vi.runAllTimersAsync()
    const final = events.at(-1)!
    expect(final.state).toBe('done')
    expect(final.failed).toBe(MAX_JOB_ERRORS + 20)
    expect(final.errors).toHaveLength(MAX_JOB_ERRORS)
    expect(final.errors[0]).toEqual({ key: 'k0', code: 'no-such-key', message: 'No object k0.' })
  })

  it('ignores progress its task reports after it ended', async () => {
    const { jobs, events } = setup()
    let late: JobContext | null = null
    jobs.start('bulk-links', async (context) => {
      late = context
    })
    await vi.runAllTimersAsync()
    const count = events.length
    late!.progress({ done: 99 })
    await vi.runAllTimersAsync()
    expect(events).toHaveLength(count)
    expect(events.at(-1)?.done).toBe(0)
  })

  it('keeps going when a listener throws', async () => {
    const { jobs, events } = setup()
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    jobs.onChange(() => {
      throw new Error('window gone')
    })
    jobs.start('bulk-links', steadyTask(3, 10))
    await vi.runAllTimersAsync()
    quiet.mockRestore()
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 3 })
  })
})

describe('the job list', () => {
  it('says a job is unknown with a message the user can act on', () => {
    const { jobs } = setup()
    expect(() => jobs.get('nope')).toThrow(expect.objectContaining({ code: 'job-not-found' }))
    expect(() => jobs.cancel('nope')).toThrow(expect.objectContaining({ code: 'job-not-found' }))
  })

  it('keeps the last finished jobs for a while, and every running one', async () => {
    const { jobs } = setup({ keepFinished: 3 })
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const running = jobs.start('bulk-links', () => held)
    const finished = Array.from({ length: 5 }, () => jobs.start('bulk-links', async () => {}))
    await vi.runAllTimersAsync()
    expect(() => jobs.get(finished[0]!.id)).toThrow(/no longer known/)
    expect(() => jobs.get(finished[1]!.id)).toThrow(/no longer known/)
    for (const job of finished.slice(2)) expect(jobs.get(job.id).state).toBe('done')
    expect(jobs.get(running.id).state).toBe('running')
    release()
    await vi.runAllTimersAsync()
    expect(jobs.get(running.id).state).toBe('done')
  })

  it('leaves a finished job as it was when cancelled late', async () => {
    const { jobs, events } = setup()
    const { id } = jobs.start('bulk-links', steadyTask(2, 10))
    await vi.runAllTimersAsync()
    const count = events.length
    expect(jobs.cancel(id).state).toBe('done')
    expect(events).toHaveLength(count)
  })

  it('stops telling a listener once it unsubscribed', async () => {
    const { jobs } = setup()
    const seen: JobState[] = []
    const stop = jobs.onChange((state) => seen.push(state))
    jobs.start('bulk-links', steadyTask(2, 10))
    stop()
    await vi.runAllTimersAsync()
    expect(seen).toHaveLength(1)
  })
})
