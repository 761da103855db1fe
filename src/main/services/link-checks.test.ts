import { describe, expect, it } from 'vitest'
import { sampleDraft, T0 } from '../../../test-support/link-fixtures'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import type {
  JobState,
  LinkSelfTest,
  LinkTestOutcome,
  UploadLinkDetails
} from '../../shared/models'
import { createJobRunner } from './jobs'
import { createLinkChecks, LINK_TEST_CONCURRENCY } from './link-checks'
import { createLinkService } from './links'

const NOW = T0 + 10 * 60_000
const MINUTE = 60_000

function result(outcome: LinkTestOutcome): LinkSelfTest {
  return {
    outcome,
    httpStatus: outcome === 'works' ? 206 : 403,
    s3Code: outcome === 'works' ? null : 'SignatureDoesNotMatch',
    message: `outcome ${outcome}`,
    testedAt: new Date(NOW).toISOString()
  }
}

const PUT_UPLOAD: UploadLinkDetails = {
  kind: 'put',
  uploadMethod: 'PUT',
  destination: { kind: 'key', key: 'inbox/report.pdf' },
  contentType: null,
  minBytes: null,
  maxBytes: null,
  fields: null,
  headers: null,
  uploadUrl: 'https://example.com/put',
  command: 'curl',
  pageKey: null
}

/**
 * The real registry (SQLite in a temp folder) and job runner; the network test of a URL is the
 * one part played by `tester`, which answers from the URL.
 */
function setup(
  tester: (url: string) => Promise<LinkSelfTest> = async (url) =>
    result(url.includes('broken') ? 'signature-mismatch' : 'works')
) {
  const clock = { now: () => NOW }
  const links = createLinkService({ repository: openTempLinkDatabase({ clock }), clock })
  const jobs = createJobRunner({ clock, throttleMs: 0 })
  const tested: string[] = []
  const checks = createLinkChecks({
    links,
    jobs,
    clock,
    tester: (url) => {
      tested.push(url)
      return tester(url)
    }
  })

  function finished(job: JobState): Promise<JobState> {
    return new Promise((resolve) => {
      const stop = jobs.onChange((state) => {
        if (state.id === job.id && state.state !== 'running') {
          stop()
          resolve(state)
        }
      })
    })
  }
  return { links, jobs, checks, tested, finished }
}

describe('testing a recorded link again', () => {
  it('records what the test found with the link', async () => {
    const { links, checks } = setup()
    const link = links.record(sampleDraft(1, { url: 'https://s3.example.com/broken?sig' }))
    const updated = await checks.test(link.id)
    expect(updated.selfTest).toEqual(result('signature-mismatch'))
    expect(links.get(link.id).selfTest).toEqual(result('signature-mismatch'))
  })

  it('tests an upload page (a GET link) but never uploads through a PUT link', async () => {
    const { links, checks, tested } = setup()
    const put = links.record(
      sampleDraft(1, { method: 'PUT', url: 'https://s3.example.com/put', upload: PUT_UPLOAD })
    )
    const page = links.record(
      sampleDraft(2, {
        url: 'https://s3.example.com/page.html',
        upload: { ...PUT_UPLOAD, kind: 'page', pageKey: 'inbox/upload.html' }
      })
    )
    const untested = await checks.test(put.id)
    expect(untested.selfTest).toMatchObject({ outcome: 'not-tested', httpStatus: null })
    expect(untested.selfTest?.message).toMatch(/would put a file in the bucket/)
    expect((await checks.test(page.id)).selfTest?.outcome).toBe('works')
    expect(tested).toEqual(['https://s3.example.com/page.html'])
  })

  it('gives a failed result, not a crash, when the test itself breaks', async () => {
    const { links, checks } = setup(async () => {
      throw new Error('boom')
    })
    const link = links.record(sampleDraft(1))
    expect((await checks.test(link.id)).selfTest).toMatchObject({ outcome: 'failed' })
  })

  it('refuses an unknown link with link-not-found', async () => {
    const { checks } = setup()
    await expect(checks.test('nope')).rejects.toMatchObject({ code: 'link-not-found' })
  })
})

describe('"Test all active"', () => {
  it('tests every live download link once, and lists the failures by key and outcome', async () => {
    const { links, checks, tested, finished } = setup()
    const good = links.record(sampleDraft(1, { url: 'https://s3.example.com/good' }))
    const broken = links.record(
      sampleDraft(2, { key: 'b/broken.pdf', url: 'https://s3.example.com/broken' })
    )
    // Expiring soon (4 minutes left of an hour) still counts.
    const expiring = links.record(
      sampleDraft(3, {
        url: 'https://s3.example.com/expiring',
        expiresAt: new Date(NOW + 4 * MINUTE).toISOString()
      })
    )
    links.record(
      sampleDraft(4, {
        url: 'https://s3.example.com/expired',
        expiresAt: new Date(NOW - MINUTE).toISOString()
      })
    )
    const revoked = links.record(sampleDraft(5, { url: 'https://s3.example.com/revoked' }))
    links.update(revoked.id, { revoked: { at: new Date(NOW).toISOString(), how: 'marked' } })
    links.record(
      sampleDraft(6, { method: 'PUT', url: 'https://s3.example.com/put', upload: PUT_UPLOAD })
    )

    const first = checks.testAll()
    expect(first).toMatchObject({ kind: 'link-tests', state: 'running' })
    const done = await finished(first)
    expect(done).toMatchObject({ state: 'done', total: 3, done: 3, failed: 1 })
    expect(done.errors).toEqual([
      { key: 'b/broken.pdf', code: 'signature-mismatch', message: 'outcome signature-mismatch' }
    ])
    expect(tested.sort()).toEqual([
      'https://s3.example.com/broken',
      'https://s3.example.com/expiring',
      'https://s3.example.com/good'
    ])
    for (const link of [good, broken, expiring]) expect(links.get(link.id).selfTest).toBeDefined()
  })

  it(`tests at most ${LINK_TEST_CONCURRENCY} links at a time and shows it is testing`, async () => {
    let inFlight = 0
    let most = 0
    const waiting: Array<() => void> = []
    const { links, jobs, checks, finished } = setup(async () => {
      inFlight += 1
      most = Math.max(most, inFlight)
      await new Promise<void>((resolve) => waiting.push(resolve))
      inFlight -= 1
      return result('works')
    })
    for (let n = 0; n < 10; n += 1) links.record(sampleDraft(n))
    const phases = new Set<string>()
    jobs.onChange((state) => phases.add(state.phase))
    const job = checks.testAll()
    const ended = finished(job)
    while (jobs.get(job.id).state === 'running') {
      await new Promise((resolve) => setImmediate(resolve))
      waiting.splice(0).forEach((resolve) => resolve())
    }
    expect(await ended).toMatchObject({ state: 'done', done: 10, total: 10 })
    expect(most).toBe(LINK_TEST_CONCURRENCY)
    expect(phases).toContain('testing')
  })

  it('stops starting tests when cancelled, keeping what it found', async () => {
    const waiting: Array<() => void> = []
    const { links, jobs, checks, tested, finished } = setup(async () => {
      await new Promise<void>((resolve) => waiting.push(resolve))
      return result('works')
    })
    for (let n = 0; n < 20; n += 1) links.record(sampleDraft(n))
    const job = checks.testAll()
    const ended = finished(job)
    while (waiting.length < LINK_TEST_CONCURRENCY) await new Promise((r) => setImmediate(r))
    jobs.cancel(job.id)
    waiting.splice(0).forEach((resolve) => resolve())
    expect(await ended).toMatchObject({ state: 'cancelled', done: LINK_TEST_CONCURRENCY })
    expect(tested).toHaveLength(LINK_TEST_CONCURRENCY)
  })
  it('returns the run already going when Test all is asked again, and starts anew after it', async () => {
    const waiting: Array<() => void> = []
    const { links, checks, tested, finished } = setup(async () => {
      await new Promise<void>((resolve) => waiting.push(resolve))
      return result('works')
    })
    for (let n = 0; n < 3; n += 1) links.record(sampleDraft(n))
    const first = checks.testAll()
    const ended = finished(first)
    expect(checks.testAll().id).toBe(first.id)
    while ((await Promise.race([ended, null])) === null) {
      await new Promise((resolve) => setImmediate(resolve))
      waiting.splice(0).forEach((resolve) => resolve())
    }
    expect(tested).toHaveLength(3)
    const second = checks.testAll()
    expect(second.id).not.toBe(first.id)
    const secondEnded = finished(second)
    while ((await Promise.race([secondEnded, null])) === null) {
      await new Promise((resolve) => setImmediate(resolve))
      waiting.splice(0).forEach((resolve) => resolve())
    }
    expect(tested).toHaveLength(6)
  })
})
