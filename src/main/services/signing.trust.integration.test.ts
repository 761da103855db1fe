import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { inlineContentDisposition } from '../../shared/content-disposition'
import { MAX_LINK_URL_LENGTH } from '../../shared/ipc-contract'
import { SHORTENED_MARK } from '../../shared/link-length'
import { openLinkDatabase } from '../adapters/link-db'
import { createLinkTester } from '../adapters/link-tester'
import type { BrowsingService } from './browsing'
import { createLinkService, type LinkService } from './links'
import type { S3Gateway } from './ports'
import { createSigningService, type SigningService } from './signing'

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `trust-it-${suffix}`
const versionedBucket = `trust-it-versions-${suffix}`
// A session token as long as real ones get (Swift ignores it, so the link still verifies).
const LONG_TOKEN = `IQoJb3JpZ2luX2VjEJr${'x'.repeat(1_500)}==`

let storeDir: string
let seed: S3Client
let gateway: S3Gateway
let browsing: BrowsingService
let links: LinkService
let signing: SigningService

async function fetchText(url: string) {
  const response = await fetch(url)
  return { status: response.status, text: await response.text(), headers: response.headers }
}

async function put(bucketName: string, key: string, body: string): Promise<string | null> {
  const output = await seed.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body }))
  return output.VersionId ?? null
}

beforeAll(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 's3sm-trust-it-'))
  links = createLinkService({ repository: openLinkDatabase({ dir: storeDir }) })
  const pipeline = signingPipeline(
    [
      swiftProfile('swift', swift.endpoints['us-east-1']!),
      swiftProfile('swift-token', swift.endpoints['us-east-1']!)
    ],
    (profileId) => async () =>
      profileId === 'swift-token'
        ? { ...secret, sessionToken: LONG_TOKEN, expiration: new Date(Date.now() + 3_600_000) }
        : secret,
    links
  )
  gateway = pipeline.gateway
  browsing = pipeline.browsing
  // As the app wires it: every new link is fetched once by the real tester.
  signing = createSigningService({
    ...pipeline.dependencies,
    testLink: createLinkTester({ timeoutMs: 10_000 })
  })
  seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  await seed.send(new CreateBucketCommand({ Bucket: versionedBucket }))
  await seed.send(
    new PutBucketVersioningCommand({
      Bucket: versionedBucket,
      VersioningConfiguration: { Status: 'Enabled' }
    })
  )
})

afterAll(async () => {
  seed.destroy()
  gateway.invalidate()
  await rm(storeDir, { recursive: true, force: true })
})

describe('a link until a date, on Swift', () => {
  it('ends exactly at the chosen second, and works till then', async () => {
    await put(bucket, 'until/report.txt', 'until-body')
    const until = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 3_600_000 + 17_000)
    const link = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key: 'until/report.txt',
      until: until.toISOString()
    })
    const params = new URL(link.url).searchParams
    const date = params
      .get('X-Amz-Date')!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')
    expect(Date.parse(date) + Number(params.get('X-Amz-Expires')) * 1000).toBe(until.getTime())
    expect(link.expiresAt).toBe(until.toISOString())
    expect(link.selfTest?.outcome).toBe('works')
    const fetched = await fetchText(link.url)
    expect(fetched.status).toBe(200)
    expect(fetched.text).toBe('until-body')
  })
})

describe('an inline link, on Swift', () => {
  it('lets the browser show the file: S3 answers with inline and the chosen Content-Type', async () => {
    await put(bucket, 'inline/notes.md', '# Notes')
    const link = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key: 'inline/notes.md',
      expiresInSeconds: 600,
      disposition: 'inline',
      contentType: 'text/plain; charset=utf-8'
    })
    const fetched = await fetchText(link.url)
    expect(fetched.status).toBe(200)
    expect(fetched.text).toBe('# Notes')
    expect(fetched.headers.get('content-disposition')).toBe(inlineContentDisposition('notes.md'))
    expect(fetched.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)
  })
})

describe('renewing a link, on Swift', () => {
  it('makes a new link that works, tied to the old one in a chain', async () => {
    await put(bucket, 'renew/plan.txt', 'plan')
    const old = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key: 'renew/plan.txt',
      expiresInSeconds: 1,
      label: 'for Ana'
    })
    // Let it expire, then renew it as the Links view does.
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    expect((await fetchText(old.url)).status).toBe(403)
    const renewed = await signing.renew(old.id)
    expect(renewed).toMatchObject({ renewedFromId: old.id, label: 'for Ana', key: old.key })
    expect(renewed.selfTest?.outcome).toBe('works')
    const fetched = await fetchText(renewed.url)
    expect(fetched.status).toBe(200)
    expect(fetched.text).toBe('plan')
    expect(links.get(old.id).renewedById).toBe(renewed.id)
    expect(signing.chain(renewed.id).map((link) => link.id)).toEqual([old.id, renewed.id])
  })
})

describe('links that survive being sent, on Swift', () => {
  it('keeps a long non-ASCII key with its default name under 8 KB, and the link works', async () => {
    // 300 CJK characters (900 bytes of UTF-8): the name alone would be ~4,500 URL characters.
    const name = `${'四半期報告の資料'.repeat(37)}説明書.txt`
    const key = `長い名前/${name}`
    expect(new TextEncoder().encode(key).length).toBeLessThanOrEqual(1024)
    await put(bucket, key, 'long-key-body')
    const request = { profileId: 'swift-token', bucket, key, expiresInSeconds: 600 }
    const measured = await signing.measureDownloadLink(request)
    const link = await signing.createDownloadLink(request)
    expect(link.url.length).toBeLessThanOrEqual(MAX_LINK_URL_LENGTH)
    expect(measured).toEqual({
      length: link.url.length,
      downloadFilename: link.downloadFilename,
      shortened: true
    })
    expect(link.downloadFilename!.endsWith(`${SHORTENED_MARK}.txt`)).toBe(true)
    expect(link.selfTest?.outcome).toBe('works')
    const fetched = await fetchText(link.url)
    expect(fetched.status).toBe(200)
    expect(fetched.text).toBe('long-key-body')
    const header = fetched.headers.get('content-disposition') ?? ''
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? ''
    expect(decodeURIComponent(encoded)).toBe(link.downloadFilename)
  })
})

describe('versions, on a versioned Swift container', () => {
  it('lists an object’s versions newest first, and a pinned link keeps the old bytes', async () => {
    const key = 'versions/price list.csv'
    const first = await put(versionedBucket, key, 'v1')
    const second = await put(versionedBucket, key, 'v2')
    // Another key under the same prefix is not one of its versions.
    await put(versionedBucket, `${key}.bak`, 'backup')
    expect(first).not.toBeNull()

    const versions = await browsing.listVersions({
      profileId: 'swift',
      bucket: versionedBucket,
      key
    })
    expect(versions.map((version) => version.versionId)).toEqual([second, first])
    expect(versions.map((version) => version.isLatest)).toEqual([true, false])
    expect(versions.every((version) => !version.isDeleteMarker)).toBe(true)
    expect(versions[1]).toMatchObject({ size: 2 })

    const pinned = await signing.createDownloadLink({
      profileId: 'swift',
      bucket: versionedBucket,
      key,
      expiresInSeconds: 600,
      versionId: first
    })
    expect(pinned.versionId).toBe(first)
    const latest = await signing.createDownloadLink({
      profileId: 'swift',
      bucket: versionedBucket,
      key,
      expiresInSeconds: 600
    })
    // A later overwrite changes what the unpinned link gives, not the pinned one.
    await put(versionedBucket, key, 'v3')
    expect((await fetchText(pinned.url)).text).toBe('v1')
    expect((await fetchText(latest.url)).text).toBe('v3')
  })

  it('flags a delete marker, and deleting one version leaves the others', async () => {
    const key = 'versions/gone.txt'
    const first = await put(versionedBucket, key, 'one')
    const second = await put(versionedBucket, key, 'two')
    const target = { profileId: 'swift', region: 'us-east-1' }
    await gateway.deleteObject(target, { bucket: versionedBucket, key })
    let versions = await browsing.listVersions({ profileId: 'swift', bucket: versionedBucket, key })
    expect(versions[0]).toMatchObject({ isDeleteMarker: true, isLatest: true })
    expect(versions.slice(1).map((version) => version.versionId)).toEqual([second, first])

    await gateway.deleteObject(target, { bucket: versionedBucket, key, versionId: first })
    versions = await browsing.listVersions({ profileId: 'swift', bucket: versionedBucket, key })
    expect(versions.map((version) => version.versionId)).not.toContain(first)
    expect(versions.map((version) => version.versionId)).toContain(second)
  })

  it('gives one entry, version "null", for an object in a bucket that keeps no versions', async () => {
    await put(bucket, 'plain/one.txt', 'one')
    const versions = await browsing.listVersions({
      profileId: 'swift',
      bucket,
      key: 'plain/one.txt'
    })
    expect(versions).toEqual([
      expect.objectContaining({ versionId: 'null', isLatest: true, isDeleteMarker: false, size: 3 })
    ])
  })
})
