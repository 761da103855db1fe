import { displayStatus, toMs } from '../../../../shared/countdown'
import type {
  IssuedLink,
  JobState,
  LinkBatch,
  LinkSelfTest,
  RevokePlan
} from '../../../../shared/models'
import { fail, ok, type FakeHandlers } from '../../lib/test-utils'

interface FakeState {
  links: IssuedLink[]
  batches: LinkBatch[]
  version: number
}

/** A self-test that found the link working, as main records it. */
export function worksTest(testedAt = new Date().toISOString()): LinkSelfTest {
  return { outcome: 'works', httpStatus: 206, s3Code: null, message: 'The link works.', testedAt }
}

/** The jobs "Test all active" starts, and how a test steps them. */
export interface FakeJobs {
  /** Every job started, by id, in its latest state. */
  states: Map<string, JobState>
  /** Keep jobs running until `step` or `finish` moves them (to see progress and cancel). */
  hold: boolean
  /** Receives each job change, as main's `jobs:changed` event. */
  emit: (state: JobState) => void
  /** Tests the next link of a held job. */
  step: (jobId: string) => void
  /** Tests every link left of a held job. */
  finish: (jobId: string) => void
}

/**
 * Main's self-test, renewal, watch and revoke channels over the fake registry's arrays: what
 * they change is what main changes, so the view's counts and rows can be checked after each.
 */
export function createFakeTrustHandlers({
  state,
  find,
  update
}: {
  state: FakeState
  find: (id: string) => IssuedLink | undefined
  update: (id: string, patch: Partial<IssuedLink>) => IssuedLink
}) {
  /** What testing a link finds; a test may replace it. */
  const outcomes = new Map<string, LinkSelfTest>()
  const testOne = (link: IssuedLink): LinkSelfTest =>
    outcomes.get(link.id) ?? worksTest(new Date().toISOString())

  const pending = new Map<string, IssuedLink[]>()
  const jobs: FakeJobs = {
    states: new Map(),
    hold: false,
    emit: () => undefined,
    step(jobId) {
      const left = pending.get(jobId) ?? []
      const job = jobs.states.get(jobId)
      const link = left.shift()
      if (!job || job.state !== 'running') return
      if (link) {
        const test = testOne(link)
        if (find(link.id)) update(link.id, { selfTest: test })
        const failed = job.failed + (test.outcome === 'works' ? 0 : 1)
        const errors =
          test.outcome === 'works'
            ? job.errors
            : [...job.errors, { key: link.key, code: test.outcome, message: test.message }]
        publish({ ...job, done: job.done + 1, failed, errors })
      }
      if (left.length === 0) {
        const last = jobs.states.get(jobId)!
        publish({ ...last, state: 'done', phase: 'finished', finishedAt: new Date().toISOString() })
      }
    },
    finish(jobId) {
      while (jobs.states.get(jobId)?.state === 'running') jobs.step(jobId)
    }
  }
  function publish(job: JobState) {
    jobs.states.set(job.id, job)
    jobs.emit(job)
  }

  function linkOr<T>(id: string, then: (link: IssuedLink) => T) {
    const link = find(id)
    return link ? ok(then(link)) : fail('link-not-found', 'That link is no longer in the list.')
  }

  let renewals = 0
  let jobCount = 0

  const handlers = {
    testLink: async ({ id }) =>
      linkOr(id, (link) =>
        update(id, {
          selfTest: link.upload
            ? { ...worksTest(), outcome: 'not-tested', message: 'Upload links are not tested.' }
            : testOne(link)
        })
      ),
    testAllLinks: async () => {
      jobCount += 1
      const now = Date.now()
      const links = state.links.filter(
        (link) => !link.upload && displayStatus(link, now) !== 'expired' && !link.revoked
      )
      const job: JobState = {
        id: `job-${jobCount}`,
        kind: 'link-tests',
        state: 'running',
        phase: 'testing',
        done: 0,
        total: links.length,
        failed: 0,
        ratePerSecond: 0,
        errors: [],
        batchId: null,
        error: null,
        startedAt: new Date(now).toISOString(),
        finishedAt: null
      }
      jobs.states.set(job.id, job)
      pending.set(job.id, links)
      if (!jobs.hold) setTimeout(() => jobs.finish(job.id), 0)
      return ok(job)
    },
    getJob: async ({ jobId }) => {
      const job = jobs.states.get(jobId)
      return job ? ok(job) : fail('internal', 'No such job.')
    },
    cancelJob: async ({ jobId }) => {
      const job = jobs.states.get(jobId)
      if (!job) return fail('internal', 'No such job.')
      if (job.state === 'running') {
        publish({ ...job, state: 'cancelled', phase: 'finished' })
      }
      return ok(jobs.states.get(jobId)!)
    },
    renewLink: async ({ id }) =>
      linkOr(id, (old) => {
        renewals += 1
        const created = Date.now()
        const lifetime = old.requestedExpiresInSeconds * 1000
        const expiresAt = new Date(created + lifetime).toISOString()
        const renewed: IssuedLink = {
          ...old,
          id: `${old.id}-renewed-${renewals}`,
          createdAt: new Date(created).toISOString(),
          expiresAt,
          requestedExpiresAt: expiresAt,
          url: `${old.url}&renewed=${renewals}`,
          selfTest: worksTest(new Date(created).toISOString()),
          renewedFromId: old.id,
          renewedById: null,
          revoked: null,
          notified: null
        }
        state.links.push(renewed)
        update(old.id, { renewedById: renewed.id })
        return renewed
      }),
    getLinkChain: async ({ id }) =>
      linkOr(id, (link) => {
        let first = link
        for (let from = first.renewedFromId; from && find(from); from = first.renewedFromId) {
          first = find(from)!
        }
        const chain = [first]
        for (let next = first.renewedById; next && find(next); next = chain.at(-1)!.renewedById) {
          chain.push(find(next)!)
        }
        return chain
      }),
    watchLink: async ({ id, watched }) => linkOr(id, () => update(id, { watched })),
    planRevoke: async ({ id }) =>
      linkOr(id, (link): RevokePlan => {
        const now = Date.now()
        const otherLinks = state.links.filter(
          (other) =>
            other.id !== link.id &&
            !other.upload &&
            other.bucket === link.bucket &&
            other.key === link.key &&
            other.profileId === link.profileId &&
            !other.revoked &&
            toMs(other.expiresAt) > now
        )
        const canDeleteObject = !link.upload
        return {
          link,
          otherLinks,
          canDeleteObject,
          cannotDeleteReason: canDeleteObject
            ? null
            : 'An upload link has no single object to delete.',
          versioned: link.versionId ? true : null
        }
      }),
    revokeLink: async ({ id, action }) =>
      linkOr(id, (link) => {
        const revoked = { at: new Date().toISOString(), how: 'marked' as const }
        if (action === 'mark') {
          update(id, { revoked })
          return { revoked: 1, deletedObject: false }
        }
        const now = Date.now()
        const hit = state.links.filter(
          (other) =>
            other.id === link.id ||
            (!other.upload &&
              other.bucket === link.bucket &&
              other.key === link.key &&
              other.profileId === link.profileId &&
              !other.revoked &&
              toMs(other.expiresAt) > now)
        )
        for (const other of hit)
          update(other.id, { revoked: { ...revoked, how: 'object-deleted' } })
        return { revoked: hit.length, deletedObject: true }
      })
  } satisfies FakeHandlers

  return { handlers, jobs, outcomes }
}
