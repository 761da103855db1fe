import { isAppError } from '../../shared/errors'
import { MAX_LINK_PAGE_SIZE } from '../../shared/ipc-contract'
import { notTestedUpload, untestedByError } from '../../shared/link-test'
import type { IssuedLink, JobState, LinkSelfTest, LinkStatusFilter } from '../../shared/models'
import { systemClock, type Clock } from './ports'
import type { JobContext, JobRunner, LinkService } from './registry-ports'

export interface LinkChecksDependencies {
  links: Pick<LinkService, 'get' | 'update' | 'query'>
  jobs: JobRunner
  /** Fetches a URL once and says what happened (`adapters/link-tester.ts`). */
  tester: (url: string) => Promise<LinkSelfTest>
  clock?: Clock
  /** Links tested at the same time by "Test all active". */
  concurrency?: number
}

export interface LinkChecks {
  /** Tests a URL once (the signing service's `testLink`). Never throws. */
  testUrl(url: string): Promise<LinkSelfTest>
  /**
   * Tests a recorded link again and records the result: any download link (upload pages
   * included); a PUT or POST upload link records that it is not tested by uploading.
   */
  test(id: string): Promise<IssuedLink>
  /**
   * Tests every active or expiring, unrevoked download link, as one job ("Test all active").
   * While one runs, asking again returns it instead of starting another.
   */
  testAll(): JobState
}

/** A few at a time: quick for a hundred links, gentle with S3 and the user's connection. */
export const LINK_TEST_CONCURRENCY = 4

/** Whether testing a link means fetching it: GET links do, upload (PUT/POST) links never. */
export function isFetchable(link: Pick<IssuedLink, 'method'>): boolean {
  return link.method === 'GET'
}

/**
 * Self-tests of links: one fetch of a URL right after signing, a link tested again on demand,
 * and "Test all active" as a job with progress and cancel.
 */
export function createLinkChecks({
  links,
  jobs,
  tester,
  clock = systemClock,
  concurrency = LINK_TEST_CONCURRENCY
}: LinkChecksDependencies): LinkChecks {
  async function testUrl(url: string): Promise<LinkSelfTest> {
    try {
      return await tester(url)
    } catch (error) {
      // The tester does not throw; if it ever does, the link still gets a result, not a crash.
      console.error('A link test failed unexpectedly:', error instanceof Error ? error.name : error)
      return untestedByError(clock.now())
    }
  }

  async function selfTestOf(link: IssuedLink): Promise<LinkSelfTest> {
    return isFetchable(link) ? testUrl(link.url) : notTestedUpload(clock.now())
  }

  /** Every link worth testing now, collected before the first test. */
  function liveDownloadLinks(signal: AbortSignal): IssuedLink[] {
    const found = new Map<string, IssuedLink>()
    const statuses: LinkStatusFilter[] = ['active', 'expiring']
    for (const status of statuses) {
      for (let offset = 0; ; offset += MAX_LINK_PAGE_SIZE) {
        signal.throwIfAborted()
        const page = links.query({
          status,
          sort: { field: 'expires', direction: 'asc' },
          groupBatches: false,
          offset,
          limit: MAX_LINK_PAGE_SIZE
        })
        for (const row of page.rows) {
          if (row.kind !== 'link') continue
          const { link } = row
          // A link can turn from active to expiring between two pages: keep it once.
          if (isFetchable(link) && (link.revoked ?? null) === null) found.set(link.id, link)
        }
        if (page.rows.length < MAX_LINK_PAGE_SIZE) break
      }
    }
    return [...found.values()]
  }

  async function runAll({ signal, progress, itemFailed }: JobContext): Promise<void> {
    const targets = liveDownloadLinks(signal)
    progress({ phase: 'testing', total: targets.length })
    let next = 0
    let done = 0
    async function worker(): Promise<void> {
      while (!signal.aborted && next < targets.length) {
        const link = targets[next]!
        next += 1
        const selfTest = await testUrl(link.url)
        try {
          links.update(link.id, { selfTest })
        } catch (error) {
          // Forgotten while the job ran: nothing left to record the result on.
          if (!(isAppError(error) && error.code === 'link-not-found')) throw error
        }
        if (selfTest.outcome !== 'works') {
          itemFailed({ key: link.key, code: selfTest.outcome, message: selfTest.message })
        }
        done += 1
        progress({ done })
      }
    }
    const workers = Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, () =>
      worker()
    )
    await Promise.all(workers)
  }

  let runningJobId: string | null = null

  return {
    testUrl,

    async test(id) {
      const link = links.get(id)
      const selfTest = await selfTestOf(link)
      return links.update(id, { selfTest })
    },

    testAll() {
      // A second run would fetch the same links again; many at once would flood S3 (the IPC
      // fuzzer started 445 jobs together and the store stopped answering).
      if (runningJobId !== null) {
        const running = jobs.get(runningJobId)
        if (running.state === 'running') return running
      }
      const started = jobs.start('link-tests', (context) => runAll(context))
      runningJobId = started.id
      return started
    }
  }
}
