import { describe, expect, it } from 'vitest'
import { credentialsStatusAt } from '../../../test-support/credentials-status'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import { profileDirectory, swiftProfile } from '../../../test-support/swift-profiles'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { AppError } from '../../shared/errors'
import { MAX_BULK_KEYS } from '../../shared/ipc-contract'
import type { JobState } from '../../shared/models'
import { createLinkTester } from '../adapters/link-tester'
import { createS3Gateway } from '../adapters/s3-gateway'
import {
  createBulkLinkService,
  type BulkLinkDependencies,
  type BulkLinkRequest
} from './bulk-links'
import { createJobRunner } from './jobs'
import { createLinkService } from './links'
import type { ListedObject, S3Gateway } from './ports'
import { createSigningService } from './signing'

const secret = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const ENDPOINT = 'http://127.0.0.1:9'
const HOUR = 3_600_000

/**
 * The real services over the real registry (SQLite in a temp folder) and the real signer
 * (signing needs no network); only the bucket's listing is served from memory.
 */
function setup(
  options: {
    objects?: ListedObject[]
    chunkSize?: number
    credentialsExpireAt?: number | null
    pageSize?: number
    testLink?: BulkLinkDependencies['testLink']
    testNewLinks?: BulkLinkDependencies['testNewLinks']
  } = {}
) {
  const objects = options.objects ?? []
  const listings: string[] = []
  const directory = profileDirectory([swiftProfile('swift', ENDPOINT)])
  const gateway = createS3Gateway({
    profiles: directory,
    credentials: { getCredentials: async () => secret, invalidate() {} }
  })
  const lister: Pick<S3Gateway, 'listAllObjects'> = {
    async *listAllObjects(_target, { prefix, signal }) {
      listings.push(prefix)
      const matching = objects.filter((object) => object.key.startsWith(prefix))
      const pageSize = options.pageSize ?? 1000
      for (let start = 0; start < matching.length; start += pageSize) {
        signal?.throwIfAborted()
        yield matching.slice(start, start + pageSize)
      }
    }
  }
  const status = credentialsStatusAt('swift', options.credentialsExpireAt, Date.now())
  const repository = openTempLinkDatabase()
  const links = createLinkService({ repository })
  const regions = { regionOf: async () => 'us-east-1' }
  const signing = createSigningService({
    profiles: directory,
    regions,
    credentials: { status: async () => status },
    gateway,
    links
  })
  const jobs = createJobRunner({ throttleMs: 0 })
  const bulk = createBulkLinkService({
    signing,
    links,
    gateway: lister,
    regions,
    jobs,
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    ...(options.testLink === undefined ? {} : { testLink: options.testLink }),
    ...(options.testNewLinks === undefined ? {} : { testNewLinks: options.testNewLinks })
  })
  const events: JobState[] = []
  jobs.onChange((state) => events.push(state))

  /** Starts a bulk share and waits for its final state. */
  async function share(request: Partial<BulkLinkRequest> = {}): Promise<JobState> {
    const ended = new Promise<JobState>((resolve) => {
      const stop = jobs.onChange((state) => {
        if (state.state !== 'running') {
          stop()
          resolve(state)
        }
      })
    })
    bulk.start({
      profileId: 'swift',
      bucket: 'reports',
      selection: { kind: 'prefix', prefix: '' },
      expiresInSeconds: 3600,
      downloadNameRule: 'object-name',
      ...request
    })
    return ended
  }

  return { bulk, jobs, links, repository, events, listings, share }
}

function objectsNamed(keys: string[]): ListedObject[] {
  return keys.map((key) => ({ key, size: key.length }))
}

function batchLinks(links: ReturnType<typeof setup>['links'], batchId: string) {
  const page = links.query({
    batchId,
    offset: 0,
    limit: 500,
    sort: { field: 'name', direction: 'asc' }
  })
  return page.rows.flatMap((row) => (row.kind === 'link' ? [row.link] : []))
}

describe('sharing a selection', () => {
  it('makes one batch whose links share lifetime, label and expiry, each verifiable', async () => {
    const keys = ['a.txt', 'docs/b c.pdf', 'docs/résumé.pdf', 'x+y#z?.bin']
    const { share, links } = setup()
    const final = await share({
      selection: { kind: 'keys', keys },
      label: ' for Ana ',
      expiresInSeconds: 7200
    })

    expect(final).toMatchObject({ state: 'done', done: 4, total: 4, failed: 0, errors: [] })
    const batch = links.query({ batchId: final.batchId!, offset: 0, limit: 10 })
    expect(batch.total).toBe(4)
    const made = batchLinks(links, final.batchId!)
    expect(made.map((link) => link.key).toSorted()).toEqual(keys.toSorted())
    expect(new Set(made.map((link) => link.expiresAt)).size).toBe(1)
    expect(new Set(made.map((link) => link.createdAt)).size).toBe(1)
    for (const link of made) {
      expect(link).toMatchObject({ label: 'for Ana', batchId: final.batchId, cappedBy: null })
      expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(2 * HOUR)
      const check = checkPresignedUrl(link.url, secret)
      expect(check.expected).toBe(check.actual)
    }
    expect(made.find((link) => link.key === 'docs/résumé.pdf')?.downloadFilename).toBe('résumé.pdf')
  })

  it('marks the batch done with its link count', async () => {
    const { share, repository } = setup()
    const final = await share({ selection: { kind: 'keys', keys: ['a', 'b', 'c'] } })
    expect(repository.getBatch(final.batchId!)).toMatchObject({
      state: 'done',
      linkCount: 3,
      failedCount: 0,
      source: { kind: 'selection' },
      requestedExpiresInSeconds: 3600
    })
  })

  it('shares an object picked twice only once', async () => {
    const { share } = setup()
    const final = await share({ selection: { kind: 'keys', keys: ['a', 'b', 'a'] } })
    expect(final).toMatchObject({ state: 'done', done: 2, total: 2 })
  })

  it('gives no download name when the rule says none', async () => {
    const { share, links } = setup()
    const final = await share({
      selection: { kind: 'keys', keys: ['docs/report.pdf'] },
      downloadNameRule: 'none'
    })
    const [link] = batchLinks(links, final.batchId!)
    expect(link?.downloadFilename).toBeNull()
    expect(link?.url).not.toContain('response-content-disposition')
  })

  it('caps every link at the credentials’ expiry when they end first', async () => {
    const expireAt = Date.now() + 20 * 60_000
    const { share, links, repository } = setup({ credentialsExpireAt: expireAt })
    const final = await share({ selection: { kind: 'keys', keys: ['a', 'b'] } })
    const made = batchLinks(links, final.batchId!)
    for (const link of made) {
      expect(link.cappedBy).toBe('credentials')
      expect(link.expiresAt).toBe(new Date(expireAt).toISOString())
    }
    expect(repository.getBatch(final.batchId!)).toMatchObject({
      cappedBy: 'credentials',
      expiresAt: new Date(expireAt).toISOString()
    })
  })

  it('reports an object it cannot sign and shares the others', async () => {
    const { share, repository } = setup()
    const final = await share({
      selection: { kind: 'keys', keys: ['good-1', 'broken\ud800', 'good-2', 'nul\u0000key'] }
    })
    expect(final).toMatchObject({ state: 'done', done: 4, failed: 2 })
    expect(final.errors.map((error) => [error.key, error.code])).toEqual([
      ['broken\ud800', 'invalid-argument'],
      ['nul\u0000key', 'invalid-argument']
    ])
    expect(repository.getBatch(final.batchId!)).toMatchObject({ linkCount: 2, failedCount: 2 })
  })

  it('fails as a whole, making no batch, when the credentials have expired', async () => {
    const { share, repository } = setup({ credentialsExpireAt: Date.now() - 60_000 })
    const final = await share({ selection: { kind: 'keys', keys: ['a'] } })
    expect(final).toMatchObject({
      state: 'failed',
      batchId: null,
      error: { code: 'credentials-expired' }
    })
    expect(repository.status().total).toBe(0)
  })

  it('refuses an empty selection, or one over the limit, before starting', () => {
    const { bulk, events } = setup()
    const base = {
      profileId: 'swift',
      bucket: 'reports',
      expiresInSeconds: 3600,
      downloadNameRule: 'object-name' as const
    }
    expect(() => bulk.start({ ...base, selection: { kind: 'keys', keys: [] } })).toThrow(AppError)
    const tooMany = Array.from({ length: MAX_BULK_KEYS + 1 }, (_, i) => `k${i}`)
    expect(() => bulk.start({ ...base, selection: { kind: 'keys', keys: tooMany } })).toThrow(
      /At most 100,000 objects/
    )
    expect(() =>
      bulk.start({ ...base, expiresInSeconds: 0, selection: { kind: 'keys', keys: ['a'] } })
    ).toThrow(expect.objectContaining({ code: 'invalid-expiry' }))
    expect(events).toEqual([])
  })
})

describe('sharing a folder', () => {
  const tree = [
    ...objectsNamed(['top.txt', 'photos/a.jpg', 'photos/2026/b.jpg', 'photos/2026/03/c.jpg']),
    // Folder markers consoles create: nothing to download.
    { key: 'photos/', size: 0 },
    { key: 'photos/empty/', size: 0 },
    ...objectsNamed(['photosynthesis.txt'])
  ]

  it('shares every object under it, however deep, and no folder marker', async () => {
    const { share, links, repository } = setup({ objects: tree, pageSize: 2 })
    const final = await share({ selection: { kind: 'prefix', prefix: 'photos/' } })
    expect(final).toMatchObject({ state: 'done', done: 3, total: 3, failed: 0 })
    expect(
      batchLinks(links, final.batchId!)
        .map((link) => link.key)
        .toSorted()
    ).toEqual(['photos/2026/03/c.jpg', 'photos/2026/b.jpg', 'photos/a.jpg'])
    expect(repository.getBatch(final.batchId!)?.source).toEqual({
      kind: 'prefix',
      prefix: 'photos/'
    })
  })

  it('lists first, then signs: the phases a window shows', async () => {
    const { share, events } = setup({ objects: tree })
    await share({ selection: { kind: 'prefix', prefix: 'photos/' } })
    const phases = events.map((state) => state.phase)
    expect(phases[0]).toBe('listing')
    expect(phases.at(-1)).toBe('finished')
    expect(phases.lastIndexOf('listing')).toBeLessThan(phases.indexOf('signing'))
  })

  it('ends done with nothing made when the folder is empty', async () => {
    const { share, repository } = setup({ objects: tree })
    const final = await share({ selection: { kind: 'prefix', prefix: 'nothing-here/' } })
    expect(final).toMatchObject({ state: 'done', done: 0, total: 0, batchId: null })
    expect(repository.status().total).toBe(0)
  })

  it('keeps the chunks it finished when cancelled halfway, and says so on the batch', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `big/${String(i).padStart(3, '0')}.bin`)
    const { share, jobs, repository } = setup({ objects: objectsNamed(keys), chunkSize: 10 })
    jobs.onChange((state) => {
      if (state.state === 'running' && state.done >= 30) jobs.cancel(state.id)
    })
    const final = await share({ selection: { kind: 'prefix', prefix: 'big/' } })
    expect(final).toMatchObject({ state: 'cancelled', done: 30, total: 100 })
    expect(repository.getBatch(final.batchId!)).toMatchObject({
      state: 'cancelled',
      linkCount: 30
    })
  })
})

describe('testing the first link of a batch', () => {
  it('stops the share after one link when its server cannot be reached, keeping that link with its test', async () => {
    // Nothing listens on the discard port: every link of the batch would fail alike.
    const { share, links } = setup({
      objects: objectsNamed(['a.txt', 'b.txt', 'c.txt']),
      testLink: createLinkTester()
    })
    const final = await share()
    expect(final).toMatchObject({ state: 'failed', done: 0, failed: 0 })
    expect(final.error?.code).toBe('endpoint-unreachable')
    expect(final.error?.message).toMatch(/first link failed its test; every other link would fail/)
    expect(final.error?.message).toMatch(/connection refused/)
    const made = batchLinks(links, final.batchId!)
    expect(made.map((link) => link.key)).toEqual(['a.txt'])
    expect(made[0]!.selfTest).toMatchObject({ outcome: 'unreachable', httpStatus: null })
    expect(links.query({ batchId: final.batchId!, offset: 0, limit: 1 }).total).toBe(1)
  })

  it('goes on when the first link fails for a reason of its own (a missing object)', async () => {
    const tested: string[] = []
    const { share, links } = setup({
      objects: objectsNamed(['a.txt', 'b.txt']),
      testLink: async (url) => {
        tested.push(url)
        return {
          outcome: 'object-missing',
          httpStatus: 404,
          s3Code: 'NoSuchKey',
          message: 'gone',
          testedAt: new Date().toISOString()
        }
      }
    })
    const final = await share()
    expect(final).toMatchObject({ state: 'done', done: 2 })
    expect(tested).toHaveLength(1)
    const made = batchLinks(links, final.batchId!)
    expect(made.map((link) => link.selfTest?.outcome ?? null)).toEqual(['object-missing', null])
  })
})

describe('a batch when the user turned testing new links off', () => {
  it('tests none of its links', async () => {
    const tested: string[] = []
    const { share, links } = setup({
      objects: objectsNamed(['a.txt', 'b.txt']),
      testLink: async (url) => {
        tested.push(url)
        throw new Error('not to be called')
      },
      testNewLinks: () => false
    })
    const final = await share()
    expect(final).toMatchObject({ state: 'done', done: 2 })
    expect(tested).toEqual([])
    expect(batchLinks(links, final.batchId!).map((link) => link.selfTest ?? null)).toEqual([
      null,
      null
    ])
  })
})

describe('counting a folder before sharing it', () => {
  const objects = [
    ...Array.from({ length: 25 }, (_, i) => ({ key: `docs/${i}.txt`, size: 100 })),
    { key: 'docs/', size: 0 },
    { key: 'other.txt', size: 5 }
  ]

  it('counts objects and bytes under the prefix, sub-folders included', async () => {
    const { bulk } = setup({ objects, pageSize: 7 })
    expect(await bulk.countPrefix('swift', 'reports', 'docs/')).toEqual({
      objects: 25,
      bytes: 2500,
      truncated: false
    })
  })

  it('stops at the limit and says there is more', async () => {
    const { bulk } = setup({ objects, pageSize: 7 })
    expect(await bulk.countPrefix('swift', 'reports', 'docs/', 10)).toEqual({
      objects: 10,
      bytes: 1000,
      truncated: true
    })
    expect(await bulk.countPrefix('swift', 'reports', 'docs/', 25)).toEqual({
      objects: 25,
      bytes: 2500,
      truncated: false
    })
  })
})
