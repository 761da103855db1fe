import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startS3rver, type S3rverServer } from '../../../test-support/s3rver-server'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import type { IssuedLink } from '../../shared/models'
import { openLinkDatabase } from '../adapters/link-db'
import { decodePostPolicy, sha256Base64 } from '../adapters/upload-presigner'
import { createLinkService, type LinkService } from './links'
import type { S3Gateway } from './ports'
import { createSigningService, type SigningService } from './signing'
import { createUploadService, type UploadLinkRequest, type UploadService } from './uploads'

/**
 * Upload links made by the app's services (the signing pipeline, the registry, the gateway)
 * against OpenStack Swift's s3api, which verifies SigV4 signatures and expiry.
 *
 * What this proves: PUT links and the upload page's PUT end to end (the bytes arrive), the page
 * published as text/html and served by its own GET link, the received check, forgetting a page.
 * What it cannot: no server here enforces a POST policy (Swift does not implement POST Object;
 * s3rver reads forms but checks neither policy nor signature). POST links are shown to be
 * refused for Swift with a message naming the problem, and to carry their limits in the signed
 * policy (checked against botocore in upload-presigner.test.ts); their enforcement is untested.
 */

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const bucket = `uploads-it-${Math.random().toString(36).slice(2, 10)}`
const FORMS_BUCKET = 'forms'

let storeDir: string
let s3: S3Client
let s3rver: S3rverServer
let gateway: S3Gateway
let links: LinkService
let signing: SigningService
/** The same pipeline with the form check skipped, to record POST links on Swift anyway. */
let signingWithoutFormCheck: SigningService
let uploads: UploadService

async function exists(key: string, inBucket = bucket): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: inBucket, Key: key }))
    return true
  } catch {
    return false
  }
}

async function stored(key: string): Promise<Buffer> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from(await output.Body!.transformToByteArray())
}

async function seed(key: string, body: Uint8Array | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
}

function request(overrides: Partial<UploadLinkRequest>): UploadLinkRequest {
  return {
    profileId: 'swift',
    bucket,
    destination: { kind: 'key', key: 'inbox/file.bin' },
    method: 'PUT',
    expiresInSeconds: 600,
    ...overrides
  }
}

function param(url: string, name: string): string | null {
  return new URL(url).searchParams.get(name)
}

beforeAll(async () => {
  s3rver = await startS3rver([FORMS_BUCKET])
  storeDir = await mkdtemp(join(tmpdir(), 's3sm-uploads-it-'))
  links = createLinkService({ repository: openLinkDatabase({ dir: storeDir }) })
  const pipeline = signingPipeline(
    [swiftProfile('swift', swift.endpoints['us-east-1']!), swiftProfile('s3rver', s3rver.endpoint)],
    (profileId) => async () =>
      profileId === 's3rver'
        ? { accessKeyId: s3rver.accessKeyId, secretAccessKey: s3rver.secretAccessKey }
        : secret,
    links,
    { sha256Base64 }
  )
  const dependencies = pipeline.dependencies
  gateway = pipeline.gateway
  signing = pipeline.signing
  signingWithoutFormCheck = createSigningService({
    ...dependencies,
    gateway: { ...gateway, checkFormUploads: async () => {} }
  })
  uploads = createUploadService({ links, gateway })
  s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})

afterAll(async () => {
  gateway.invalidate()
  s3.destroy()
  await s3rver.stop()
  await rm(storeDir, { recursive: true, force: true })
})

describe('a PUT upload link made by the app', () => {
  it('takes in exactly the bytes uploaded, and received goes from none to one', async () => {
    const link = await signing.createUploadLink(
      request({
        destination: { kind: 'key', key: 'inbox/Q1 résumé.pdf' },
        contentType: { kind: 'exact', contentType: 'application/pdf' },
        label: 'Q1 from Ana'
      })
    )
    expect(link).toMatchObject({
      method: 'PUT',
      key: 'inbox/Q1 résumé.pdf',
      label: 'Q1 from Ana',
      cappedBy: null,
      upload: {
        kind: 'put',
        uploadMethod: 'PUT',
        destination: { kind: 'key', key: 'inbox/Q1 résumé.pdf' },
        contentType: { kind: 'exact', contentType: 'application/pdf' },
        headers: { 'Content-Type': 'application/pdf' },
        uploadUrl: link.url,
        pageKey: null
      }
    })
    expect(link.url).not.toMatch(/checksum/i)
    expect(link.upload!.command).toMatch(
      /^curl --upload-file FILE -H 'Content-Type: application\/pdf' /
    )
    // The registry keeps the upload details, and finds the link by where files land.
    expect(links.get(link.id)).toEqual(link)
    const found = links.query({ text: 'inbox/q1 resume', offset: 0, limit: 10 })
    expect(found.rows.map((row) => row.kind === 'link' && row.link.id)).toEqual([link.id])

    expect(await uploads.received(link.id)).toMatchObject({ linkId: link.id, files: 0, bytes: 0 })

    const body = randomBytes(300_001)
    const response = await fetch(link.url, {
      method: 'PUT',
      body,
      headers: link.upload!.headers!
    })
    expect(response.status).toBe(200)
    expect((await stored('inbox/Q1 résumé.pdf')).equals(body)).toBe(true)

    const received = await uploads.received(link.id)
    expect(received).toMatchObject({ files: 1, bytes: body.length })
    expect(received.recent).toEqual([
      { key: 'inbox/Q1 résumé.pdf', size: body.length, lastModified: expect.any(String) }
    ])
  })
})

describe('a browser upload page made by the app', () => {
  it('is stored as text/html, served by its own GET link, and uploads through its PUT URL', async () => {
    const pageKey = '.s3-share/upload-3f9a1c.html'
    const link = await signing.createUploadLink(
      request({
        destination: { kind: 'key', key: 'photos/team.png' },
        contentType: { kind: 'exact', contentType: 'image/png' },
        page: { key: pageKey, title: 'Send us the team photo', note: 'Thanks, <Ana> & co' }
      })
    )
    expect(link).toMatchObject({
      method: 'GET',
      key: 'photos/team.png',
      upload: { kind: 'page', uploadMethod: 'PUT', pageKey }
    })
    const { uploadUrl } = link.upload!
    expect(uploadUrl).not.toBe(link.url)
    // Same X-Amz-Date and lifetime for the page and the upload it makes.
    expect(param(link.url, 'X-Amz-Date')).toBe(param(uploadUrl, 'X-Amz-Date'))
    expect(param(link.url, 'X-Amz-Expires')).toBe('600')
    expect(param(uploadUrl, 'X-Amz-Expires')).toBe('600')
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(600_000)
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: pageKey }))
    expect(head.ContentType).toBe('text/html; charset=utf-8')

    const page = await fetch(link.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-disposition')).toBeNull()
    const html = await page.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('Send us the team photo')
    expect(html).toContain('Thanks, &#60;Ana&#62; &#38; co')
    expect(html).toContain(new URL(uploadUrl).pathname)

    // What the page's script sends: a PUT with the signed Content-Type, same origin.
    expect(new URL(uploadUrl).origin).toBe(new URL(link.url).origin)
    const body = randomBytes(4096)
    const put = await fetch(uploadUrl, { method: 'PUT', body, headers: link.upload!.headers! })
    expect(put.status).toBe(200)
    expect((await stored('photos/team.png')).equals(body)).toBe(true)
    expect(await uploads.received(link.id)).toMatchObject({ files: 1, bytes: 4096 })
  })

  it('is deleted from the bucket when its link is forgotten with deletePage, and kept without', async () => {
    const make = (pageKey: string, key: string) =>
      signing.createUploadLink(
        request({ destination: { kind: 'key', key }, page: { key: pageKey } })
      )
    const deleted = await make('.s3-share/upload-delete-me.html', 'inbox/a.bin')
    const kept = await make('.s3-share/upload-keep-me.html', 'inbox/b.bin')
    expect(await exists('.s3-share/upload-delete-me.html')).toBe(true)

    await uploads.forget(deleted.id, { deletePage: true })
    expect(await exists('.s3-share/upload-delete-me.html')).toBe(false)
    expect(() => links.get(deleted.id)).toThrow(expect.objectContaining({ code: 'link-not-found' }))

    await uploads.forget(kept.id)
    expect(await exists('.s3-share/upload-keep-me.html')).toBe(true)
    expect(() => links.get(kept.id)).toThrow(expect.objectContaining({ code: 'link-not-found' }))
  })

  it('is refused where the upload would replace it, and nothing is written', async () => {
    const attempt = signing.createUploadLink(
      request({
        destination: { kind: 'key', key: 'inbox/page.html' },
        page: { key: 'inbox/page.html' }
      })
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('the upload would replace the page')
    })
    expect(await exists('inbox/page.html')).toBe(false)
  })
})

describe('received files under a prefix', () => {
  let link: IssuedLink

  beforeAll(async () => {
    // Swift refuses form uploads, so this link is recorded with the check skipped; what is
    // tested here is the listing, not the POST.
    link = await signingWithoutFormCheck.createUploadLink(
      request({
        destination: { kind: 'prefix', prefix: 'drop/' },
        method: 'POST',
        maxBytes: 10_000_000,
        page: { key: '.s3-share/drop.html' }
      })
    )
    // Around it, what must not count: a folder marker, and files outside the prefix.
    await seed('drop/', '')
    await seed('dropped-elsewhere.txt', 'not under drop/')
    await seed('other/file.txt', 'elsewhere')
  })

  it('counts none, then one, then several (sub-folders included), newest first', async () => {
    expect(await uploads.received(link.id)).toMatchObject({ files: 0, bytes: 0, recent: [] })

    await seed('drop/first.txt', 'one')
    expect(await uploads.received(link.id)).toMatchObject({
      files: 1,
      bytes: 3,
      recent: [{ key: 'drop/first.txt', size: 3 }]
    })

    await seed('drop/second.csv', 'a,b\n')
    await seed('drop/nested/third.bin', randomBytes(1000))
    const several = await uploads.received(link.id)
    expect(several).toMatchObject({ files: 3, bytes: 3 + 4 + 1000 })
    expect(several.recent.map((object) => object.key).sort()).toEqual([
      'drop/first.txt',
      'drop/nested/third.bin',
      'drop/second.csv'
    ])
    const times = several.recent.map((object) => Date.parse(object.lastModified!))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

describe('a POST upload link', () => {
  it('is refused for a store that does not take form uploads, naming the problem (Swift)', async () => {
    const before = links.status().total
    const attempt = signing.createUploadLink(
      request({
        destination: { kind: 'prefix', prefix: 'forms/' },
        method: 'POST',
        maxBytes: 1_000_000,
        page: { key: '.s3-share/never-published.html' }
      })
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(
        /does not accept form uploads \(POST\) into bucket .*HTTP 412.*Make a PUT link/
      )
    })
    expect(links.status().total).toBe(before)
    expect(await exists('.s3-share/never-published.html')).toBe(false)
  })

  it('carries its limits in the signed policy, for a store that reads forms (s3rver: enforces nothing)', async () => {
    const link = await signing.createUploadLink({
      profileId: 's3rver',
      bucket: FORMS_BUCKET,
      destination: { kind: 'prefix', prefix: 'incoming/' },
      method: 'POST',
      expiresInSeconds: 900,
      minBytes: 10,
      maxBytes: 25_000_000,
      contentType: { kind: 'starts-with', prefix: 'image/' }
    })
    expect(link).toMatchObject({
      method: 'POST',
      key: 'incoming/',
      upload: {
        kind: 'post',
        uploadMethod: 'POST',
        minBytes: 10,
        maxBytes: 25_000_000,
        contentType: { kind: 'starts-with', prefix: 'image/' },
        headers: null,
        uploadUrl: link.url
      }
    })
    const fields = link.upload!.fields!
    expect(fields.key).toBe('incoming/${filename}')
    const policy = decodePostPolicy(fields.Policy!)
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 10, 25_000_000],
        ['starts-with', '$key', 'incoming/'],
        ['starts-with', '$Content-Type', 'image/']
      ])
    )
    expect(Date.parse(policy.expiration)).toBeGreaterThanOrEqual(Date.parse(link.expiresAt))
    expect(link.upload!.command).toContain("--form-string 'key=incoming/${filename}'")
    // The form check sent the link's fields without a file: the store read the form, refused
    // it (400), and stored nothing.
    const probe = s3rver.posts.at(-1)!
    expect(probe.parts.map((part) => part.name)).toEqual(Object.keys(fields))
    expect(probe.status).toBe(400)
  })
})
