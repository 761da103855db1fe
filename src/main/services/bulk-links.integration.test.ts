import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parseCsv } from '../../../test-support/parse-csv'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { attachmentContentDisposition } from '../../shared/content-disposition'
import { EXPORT_COLUMNS, exportRow } from '../../shared/link-export'
import type { IssuedLink, JobState } from '../../shared/models'
import type { createBrowsingService } from './browsing'
import { createBulkLinkService, type BulkLinkService } from './bulk-links'
import { createJobRunner } from './jobs'
import { createLinkService } from './links'
import type { S3Gateway } from './ports'
import type { JobRunner, LinkRepository, LinkService } from './registry-ports'
import type { SigningService } from './signing'

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const bucket = `bulk-it-${Math.random().toString(36).slice(2, 10)}`
const FOLDER = 'share/'
const FOLDER_OBJECTS = 2_000
const UPLOAD_CONCURRENCY = 16

/** Keys a spreadsheet chokes on, inside the shared folder. */
const awkwardKeys = [
  `${FOLDER}csv/comma, in name.txt`,
  `${FOLDER}csv/"quoted" name.txt`,
  `${FOLDER}csv/line\nbreak.txt`,
  `${FOLDER}csv/Résumé 🎉 + # ? & = %20.txt`
]

/** 2,000 objects under `share/`, up to five folders deep, awkward names included. */
function folderKeys(): string[] {
  const keys = [...awkwardKeys]
  for (let i = 0; keys.length < FOLDER_OBJECTS; i += 1) {
    const depth = i % 5
    const folders = Array.from({ length: depth }, (_, level) => `level${level}-${(i >> level) % 3}`)
    keys.push(`${FOLDER}${[...folders, `file ${i}.txt`].join('/')}`)
  }
  return keys
}

const keys = folderKeys()
const bodyOf = (key: string) => `body of ${key}`

let gateway: S3Gateway
let repository: LinkRepository
let links: LinkService
let signing: SigningService
let browsing: ReturnType<typeof createBrowsingService>

function bulkService(options: { chunkSize?: number; throttleMs?: number } = {}): {
  bulk: BulkLinkService
  jobs: JobRunner
} {
  const jobs = createJobRunner(
    options.throttleMs === undefined ? {} : { throttleMs: options.throttleMs }
  )
  const bulk = createBulkLinkService({
    signing,
    links,
    gateway,
    regions: browsing,
    jobs,
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize })
  })
  return { bulk, jobs }
}

/** Runs a bulk share of the folder to its final state; `onState` sees every state on the way. */
function shareFolder(
  { bulk, jobs }: ReturnType<typeof bulkService>,
  onState: (state: JobState) => void = () => {}
): Promise<JobState> {
  return new Promise((resolve) => {
    const stop = jobs.onChange((state) => {
      onState(state)
      if (state.state !== 'running') {
        stop()
        resolve(state)
      }
    })
    bulk.start({
      profileId: 'swift',
      bucket,
      selection: { kind: 'prefix', prefix: FOLDER },
      expiresInSeconds: 900,
      label: 'bulk integration',
      downloadNameRule: 'object-name'
    })
  })
}

function linksOfBatch(batchId: string): IssuedLink[] {
  const found: IssuedLink[] = []
  for (let offset = 0; ; offset += 500) {
    const page = links.query({ batchId, offset, limit: 500 })
    for (const row of page.rows) if (row.kind === 'link') found.push(row.link)
    if (offset + 500 >= page.total) return found
  }
}

function expectVerifies(url: string): void {
  const check = checkPresignedUrl(url, secret)
  expect(check.actual).toMatch(/^[0-9a-f]{64}$/)
  expect(check.expected).toBe(check.actual)
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!)
    })
  )
}

beforeAll(async () => {
  repository = openTempLinkDatabase()
  links = createLinkService({ repository })
  const pipeline = signingPipeline(
    [swiftProfile('swift', swift.endpoints['us-east-1']!)],
    () => async () => secret,
    links
  )
  gateway = pipeline.gateway
  browsing = pipeline.browsing
  signing = pipeline.signing

  const seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  // Around the folder: a sibling whose name starts the same, a marker, an object outside.
  const others = ['shared-not-this.txt', 'outside/file.txt']
  await inParallel([...keys, ...others], UPLOAD_CONCURRENCY, (key) =>
    seed.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bodyOf(key) }))
  )
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: FOLDER, Body: '' }))
  seed.destroy()
}, 180_000)

afterAll(() => {
  gateway?.invalidate()
  repository?.close()
})

describe('sharing a folder of 2,000 objects on a real S3 server (Swift)', () => {
  let final: JobState
  let made: IssuedLink[]

  beforeAll(async () => {
    final = await shareFolder(bulkService())
    made = linksOfBatch(final.batchId!)
  }, 120_000)

  it('makes one batch with a link for every object, however deep, and nothing else', () => {
    expect(final).toMatchObject({ state: 'done', done: FOLDER_OBJECTS, failed: 0, errors: [] })
    expect(made).toHaveLength(FOLDER_OBJECTS)
    expect(made.map((link) => link.key).toSorted()).toEqual(keys.toSorted())
    expect(repository.getBatch(final.batchId!)).toMatchObject({
      state: 'done',
      linkCount: FOLDER_OBJECTS,
      failedCount: 0,
      source: { kind: 'prefix', prefix: FOLDER },
      label: 'bulk integration'
    })
  })

  it('gives every link one expiry and a signature aws4 computes too', () => {
    expect(new Set(made.map((link) => link.expiresAt)).size).toBe(1)
    for (const link of made) {
      expect(link.batchId).toBe(final.batchId)
      expectVerifies(link.url)
    }
  })

  it('serves the right bytes, under the object’s own name, for a sample of the links', async () => {
    const sample = [
      ...made.filter((link) => awkwardKeys.includes(link.key)),
      ...made.filter((_, index) => index % 125 === 0)
    ]
    expect(sample.length).toBeGreaterThanOrEqual(20)
    for (const link of sample) {
      const response = await fetch(link.url)
      expect(response.status, link.key).toBe(200)
      expect(await response.text()).toBe(bodyOf(link.key))
      expect(response.headers.get('content-disposition')).toBe(
        attachmentContentDisposition(link.downloadFilename!)
      )
    }
  })

  it('exports as CSV that parses back to the same rows, awkward keys included', () => {
    const { content, count } = links.exportLinks({ format: 'csv', batchId: final.batchId! })
    expect(count).toBe(FOLDER_OBJECTS)
    const [header, ...rows] = parseCsv(content)
    expect(header).toEqual([...EXPORT_COLUMNS])
    const expected = made.map((link) => {
      const row = exportRow(link)
      return EXPORT_COLUMNS.map((column) => row[column] ?? '')
    })
    const byId = (row: string[]) => row[EXPORT_COLUMNS.indexOf('id')]!
    expect(rows.toSorted((a, b) => byId(a).localeCompare(byId(b)))).toEqual(
      expected.toSorted((a, b) => byId(a).localeCompare(byId(b)))
    )
    const keysInCsv = rows.map((row) => row[EXPORT_COLUMNS.indexOf('key')])
    for (const key of awkwardKeys) expect(keysInCsv).toContain(key)
  })

  it('exports as JSON that parses back to the same rows', () => {
    const { content } = links.exportLinks({ format: 'json', batchId: final.batchId! })
    const parsed = JSON.parse(content) as ReturnType<typeof exportRow>[]
    const byId = (a: { id: string | null }, b: { id: string | null }) =>
      (a.id ?? '').localeCompare(b.id ?? '')
    expect(parsed.toSorted(byId)).toEqual(made.map(exportRow).toSorted(byId))
  })

  it('exports as text with one working URL per line', () => {
    const { content } = links.exportLinks({ format: 'text', batchId: final.batchId! })
    const urls = content.trimEnd().split('\n')
    expect(urls.toSorted()).toEqual(made.map((link) => link.url).toSorted())
  })

  it('counts the folder before sharing: 2,000 objects, or "more than" at a limit', async () => {
    const bytes = keys.reduce((sum, key) => sum + Buffer.byteLength(bodyOf(key)), 0)
    const { bulk } = bulkService()
    expect(await bulk.countPrefix('swift', bucket, FOLDER)).toEqual({
      objects: FOLDER_OBJECTS,
      bytes,
      truncated: false
    })
    expect(await bulk.countPrefix('swift', bucket, FOLDER, 1_500)).toMatchObject({
      objects: 1_500,
      truncated: true
    })
  })
})

describe('cancelling a folder share halfway', () => {
  it('keeps the links already made, all working, and marks the batch cancelled', async () => {
    const service = bulkService({ chunkSize: 100, throttleMs: 0 })
    const final = await shareFolder(service, (state) => {
      if (state.state === 'running' && state.done >= FOLDER_OBJECTS / 2) {
        service.jobs.cancel(state.id)
      }
    })
    expect(final.state).toBe('cancelled')
    expect(final.done).toBe(FOLDER_OBJECTS / 2)
    const kept = linksOfBatch(final.batchId!)
    expect(kept).toHaveLength(final.done)
    expect(repository.getBatch(final.batchId!)).toMatchObject({
      state: 'cancelled',
      linkCount: final.done
    })
    for (const link of kept) expectVerifies(link.url)
    const sample = kept.filter((_, index) => index % 100 === 0)
    for (const link of sample) expect((await fetch(link.url)).status, link.key).toBe(200)
  }, 120_000)
})
