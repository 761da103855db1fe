import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import type { JobState } from '../../shared/models'
import { createLinkTester } from '../adapters/link-tester'
import { createBulkLinkService } from './bulk-links'
import { createJobRunner } from './jobs'
import { createLinkChecks, type LinkChecks } from './link-checks'
import { createLinkService } from './links'
import type { S3Gateway } from './ports'
import type { JobRunner, LinkService } from './registry-ports'
import { createSigningService, type SigningService } from './signing'

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const bucket = `link-checks-it-${Math.random().toString(36).slice(2, 10)}`
const KEYS = ['docs/a.pdf', 'docs/b.pdf', 'docs/c.pdf', 'docs/Ünïcode + space.txt']

let links: LinkService
let jobs: JobRunner
let checks: LinkChecks
let signing: SigningService
let gateway: S3Gateway
let bulkDependencies: Omit<Parameters<typeof createBulkLinkService>[0], 'jobs'>

function finished(job: JobState): Promise<JobState> {
  return new Promise((resolve) => {
    const check = (state: JobState): void => {
      if (state.id === job.id && state.state !== 'running') {
        stop()
        resolve(state)
      }
    }
    const stop = jobs.onChange(check)
    check(jobs.get(job.id))
  })
}

beforeAll(async () => {
  const seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  for (const key of KEYS) {
    await seed.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` }))
  }
  seed.destroy()

  links = createLinkService({ repository: openTempLinkDatabase() })
  jobs = createJobRunner({ throttleMs: 0 })
  checks = createLinkChecks({ links, jobs, tester: createLinkTester() })
  const pipeline = signingPipeline(
    [
      swiftProfile('swift', swift.endpoint),
      // The same server with a wrong secret: links sign fine locally and fail at S3.
      swiftProfile('swift-wrong-secret', swift.endpoint)
    ],
    (profileId) => async () =>
      profileId === 'swift-wrong-secret' ? { ...secret, secretAccessKey: 'wrong' } : secret,
    links
  )
  gateway = pipeline.gateway
  // As core-services.ts wires it: the signing service tests each new link through the checks.
  signing = createSigningService({ ...pipeline.dependencies, testLink: checks.testUrl })
  bulkDependencies = {
    signing,
    links,
    gateway,
    regions: pipeline.browsing,
    testLink: checks.testUrl
  }
})

afterAll(() => {
  gateway.invalidate()
})

describe('self-tests of links against a real S3 server (Swift)', () => {
  it('tests a new link once and records that it works', async () => {
    const link = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key: KEYS[3]!,
      expiresInSeconds: 600
    })
    expect(link.selfTest).toMatchObject({ outcome: 'works', httpStatus: 206 })
    expect(links.get(link.id).selfTest?.outcome).toBe('works')
  })

  it('still records a link signed with a wrong secret, with a test that says why it fails', async () => {
    const link = await signing.createDownloadLink({
      profileId: 'swift-wrong-secret',
      bucket,
      key: KEYS[0]!,
      expiresInSeconds: 600
    })
    expect(link.selfTest).toMatchObject({
      outcome: 'signature-mismatch',
      s3Code: 'SignatureDoesNotMatch'
    })
    expect(links.get(link.id).selfTest?.outcome).toBe('signature-mismatch')
  })

  it('finds out on a new test that the object was deleted after the link was made', async () => {
    const key = 'docs/soon-deleted.txt'
    const seed = swiftSeedClient(swift)
    await seed.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'here for now' }))
    const link = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key,
      expiresInSeconds: 600
    })
    expect(link.selfTest?.outcome).toBe('works')
    await seed.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    seed.destroy()
    const retested = await checks.test(link.id)
    expect(retested.selfTest).toMatchObject({ outcome: 'object-missing', s3Code: 'NoSuchKey' })
    expect(links.get(link.id).selfTest?.outcome).toBe('object-missing')
  })

  it('"Test all active" tests every live link and names the broken ones', async () => {
    for (const key of KEYS.slice(0, 3)) {
      await signing.createDownloadLink({
        profileId: 'swift',
        bucket,
        key,
        expiresInSeconds: 600,
        selfTest: false
      })
    }
    const all = links.query({ status: 'active', offset: 0, limit: 500 }).total
    const done = await finished(checks.testAll())
    expect(done).toMatchObject({ kind: 'link-tests', state: 'done', total: all, done: all })
    // The wrong-secret link and the deleted object's link, by key and outcome.
    expect(
      done.errors
        .map(({ key, code }) => ({ key, code }))
        .toSorted((a, b) => a.key.localeCompare(b.key))
    ).toEqual([
      { key: 'docs/a.pdf', code: 'signature-mismatch' },
      { key: 'docs/soon-deleted.txt', code: 'object-missing' }
    ])
    expect(done.failed).toBe(2)
  })

  it('stops a bulk share signed with a wrong secret after its first link', async () => {
    const bulk = createBulkLinkService({ ...bulkDependencies, jobs })
    const done = await finished(
      bulk.start({
        profileId: 'swift-wrong-secret',
        bucket,
        // Picked objects: a folder's listing would already fail on the wrong secret.
        selection: { kind: 'keys', keys: KEYS },
        expiresInSeconds: 600,
        downloadNameRule: 'object-name'
      })
    )
    expect(done).toMatchObject({ state: 'failed', error: { code: 'access-denied' } })
    expect(done.error?.message).toMatch(/secret key is wrong/)
    const batch = links.query({ batchId: done.batchId!, offset: 0, limit: 10 })
    expect(batch.total).toBe(1)
  })

  it('tests only the first link of a good bulk share', async () => {
    const bulk = createBulkLinkService({ ...bulkDependencies, jobs })
    const done = await finished(
      bulk.start({
        profileId: 'swift',
        bucket,
        selection: { kind: 'keys', keys: KEYS },
        expiresInSeconds: 600,
        downloadNameRule: 'object-name'
      })
    )
    expect(done).toMatchObject({ state: 'done', done: KEYS.length, failed: 0 })
    const page = links.query({ batchId: done.batchId!, offset: 0, limit: 10 })
    const outcomes = page.rows.map((row) =>
      row.kind === 'link' ? row.link.selfTest?.outcome : null
    )
    expect(outcomes.filter((outcome) => outcome === 'works')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome === undefined || outcome === null)).toHaveLength(
      KEYS.length - 1
    )
  })
})
