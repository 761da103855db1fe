import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import { getAsIs } from '../../../test-support/raw-get'
import { DOT_SEGMENT_KEYS, TRICKY_KEYS } from '../../../test-support/tricky-keys'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { attachmentContentDisposition } from '../../shared/content-disposition'
import type { IssuedLink, ProfileSummary } from '../../shared/models'
import { hasDotSegments } from '../../shared/object-key'
import { openLinkDatabase } from '../adapters/link-db'
import { createLinkService, type LinkService } from './links'
import type { S3Gateway } from './ports'
import type { SigningService } from './signing'

const run = promisify(execFile)
const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `signing-it-${suffix}`
const euBucket = `signing-it-eu-${suffix}`
const TEMPORARY_CREDENTIALS_MS = 10 * 60_000

const contents = new Map<string, Buffer>()
const issued: IssuedLink[] = []
let storeDir: string
let gateway: S3Gateway
let links: LinkService
let signing: SigningService

// Deliberately us-east-1 everywhere: the bucket's region must come from the server.
function profile(id: string, endpoint: string): ProfileSummary {
  return swiftProfile(id, endpoint)
}

/** Every URL the app makes is also checked with aws4, independently of the SDK. */
async function link(request: Parameters<SigningService['createDownloadLink']>[0]) {
  const created = await signing.createDownloadLink(request)
  issued.push(created)
  return created
}

function expectSignatureAgreesWithAws4(url: string, region: string): void {
  const check = checkPresignedUrl(url, secret)
  expect(check.region).toBe(region)
  expect(check.actual).toMatch(/^[0-9a-f]{64}$/)
  expect(check.expected).toBe(check.actual)
}

async function fetchBytes(
  url: string
): Promise<{ status: number; body: Buffer; response: Response }> {
  const response = await fetch(url)
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), response }
}

function withParam(url: string, name: string, change: (value: string) => string): string {
  return url.replace(
    new RegExp(`([?&]${name}=)([^&]*)`),
    (_, head: string, value: string) => `${head}${change(value)}`
  )
}

beforeAll(async () => {
  const profiles = [
    profile('swift', swift.endpoints['us-east-1']!),
    profile('swift-eu', swift.endpoints['eu-west-2']!),
    profile('swift-temporary', swift.endpoints['us-east-1']!)
  ]
  storeDir = await mkdtemp(join(tmpdir(), 's3sm-signing-it-'))
  links = createLinkService({ repository: openLinkDatabase({ dir: storeDir }) })
  const pipeline = signingPipeline(
    profiles,
    // Swift ignores X-Amz-Security-Token, so temporary credentials can be tried end to end.
    (profileId) => async () =>
      profileId === 'swift-temporary'
        ? {
            ...secret,
            sessionToken: 'session-token-from-sso',
            expiration: new Date(Date.now() + TEMPORARY_CREDENTIALS_MS)
          }
        : secret,
    links
  )
  gateway = pipeline.gateway
  signing = pipeline.signing

  const us = swiftSeedClient(swift)
  const eu = swiftSeedClient(swift, 'eu-west-2')
  await us.send(new CreateBucketCommand({ Bucket: bucket }))
  await eu.send(
    new CreateBucketCommand({
      Bucket: euBucket,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' }
    })
  )
  for (const [index, key] of [...TRICKY_KEYS, ...DOT_SEGMENT_KEYS].entries()) {
    const body = randomBytes(700 + index * 13)
    contents.set(key, body)
    await us.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
  }
  contents.set('eu/report.bin', randomBytes(999))
  await eu.send(
    new PutObjectCommand({
      Bucket: euBucket,
      Key: 'eu/report.bin',
      Body: contents.get('eu/report.bin')
    })
  )
  us.destroy()
  eu.destroy()
})

afterAll(async () => {
  // Every URL the app made in this file, dot-segment ones included, carries a signature
  // that aws4 computes too.
  expect(issued.length).toBeGreaterThan(TRICKY_KEYS.length)
  for (const made of issued) expectSignatureAgreesWithAws4(made.url, made.region)
  gateway.invalidate()
  await rm(storeDir, { recursive: true, force: true })
})

describe('a link made by the app, fetched from a real S3 server (Swift)', () => {
  it.each(TRICKY_KEYS)('returns exactly the bytes of %j', async (key) => {
    const made = await link({ profileId: 'swift', bucket, key, expiresInSeconds: 300 })
    expectSignatureAgreesWithAws4(made.url, 'us-east-1')
    const { status, body, response } = await fetchBytes(made.url)
    expect(status).toBe(200)
    expect(body.equals(contents.get(key)!)).toBe(true)
    // Named after the key's last segment by default.
    expect(made.downloadFilename).toBe(key.slice(key.lastIndexOf('/') + 1).trim())
    expect(response.headers.get('content-disposition')).toBe(
      attachmentContentDisposition(made.downloadFilename!)
    )
  })

  it('makes the browser save the file under a chosen unicode name', async () => {
    const key = 'emoji/🎉 party 🎂.bin'
    const made = await link({
      profileId: 'swift',
      bucket,
      key,
      expiresInSeconds: 300,
      downloadFilename: 'Fête "finale" 🎂.bin'
    })
    const { status, body, response } = await fetchBytes(made.url)
    expect(status).toBe(200)
    expect(body.equals(contents.get(key)!)).toBe(true)
    const header = response.headers.get('content-disposition') ?? ''
    expect(header).toBe(
      `attachment; filename="Fete finale _.bin"; filename*=UTF-8''F%C3%AAte%20%22finale%22%20%F0%9F%8E%82.bin`
    )
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? ''
    expect(decodeURIComponent(encoded)).toBe('Fête "finale" 🎂.bin')
  })

  it('sends no Content-Disposition when the user wants none', async () => {
    const made = await link({
      profileId: 'swift',
      bucket,
      key: 'with spaces/a file name.txt',
      expiresInSeconds: 300,
      downloadFilename: null
    })
    expect(made.url).not.toContain('response-content-disposition')
    const { status, response } = await fetchBytes(made.url)
    expect(status).toBe(200)
    expect(response.headers.get('content-disposition')).toBeNull()
  })

  it('records every link it makes, and they survive a restart of the store', async () => {
    const made = await link({
      profileId: 'swift',
      bucket,
      key: 'double//slash.txt',
      expiresInSeconds: 60
    })
    expect(links.get(made.id)).toEqual(made)
    const reopened = openLinkDatabase({ dir: storeDir })
    expect(reopened.get(made.id)).toEqual(made)
    reopened.close()
  })
})

describe('a tampered link', () => {
  const key = 'unicode/Résumé – 日本語.txt'
  let url: string

  beforeAll(async () => {
    url = (await link({ profileId: 'swift', bucket, key, expiresInSeconds: 300 })).url
    expect((await fetch(url)).status).toBe(200)
  })

  it('is refused when one character of the signature changes', async () => {
    const tampered = withParam(
      url,
      'X-Amz-Signature',
      (value) => (value[0] === 'a' ? 'b' : 'a') + value.slice(1)
    )
    const response = await fetch(tampered)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('SignatureDoesNotMatch')
  })

  it('is refused when its expiry is stretched', async () => {
    const tampered = withParam(url, 'X-Amz-Expires', () => '604800')
    const response = await fetch(tampered)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('SignatureDoesNotMatch')
  })

  it('is refused when pointed at another object, instead of serving that object', async () => {
    const tampered = url.replace(
      `/unicode/${encodeURIComponent('Résumé – 日本語.txt')}`,
      '/with%20spaces/a%20file%20name.txt'
    )
    expect(tampered).not.toBe(url)
    const response = await fetch(tampered)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('SignatureDoesNotMatch')
  })

  it('is refused when its download name is changed', async () => {
    const tampered = withParam(url, 'response-content-disposition', () => 'inline')
    expect((await fetch(tampered)).status).toBe(403)
  })
})

describe('link expiry', () => {
  it('stops working once a 1-second link has expired', async () => {
    // X-Amz-Date has whole seconds: sign early in a second so the link has most of it left.
    while (Date.now() % 1000 > 200) await new Promise((resolve) => setTimeout(resolve, 20))
    const made = await link({
      profileId: 'swift',
      bucket,
      key: 'chars/plus+sign.txt',
      expiresInSeconds: 1
    })
    expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(1000)
    expect((await fetch(made.url)).status).toBe(200)

    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(Date.now()).toBeGreaterThan(Date.parse(made.expiresAt))
    // Swift allows no clock skew on a pre-signed URL's expiry: it is refused at once.
    const response = await fetch(made.url)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Request has expired')
    expect(links.clearExpired().count).toBeGreaterThanOrEqual(1)
    expect(() => links.get(made.id)).toThrow(/no longer in the list/)
  })

  it('ends a link signed with temporary credentials when they do, and the link works till then', async () => {
    const made = await link({
      profileId: 'swift-temporary',
      bucket,
      key: 'one/two/three/four/five/deep.txt',
      expiresInSeconds: 3600
    })
    expect(made.cappedBy).toBe('credentials')
    const lifetime = Date.parse(made.expiresAt) - Date.parse(made.createdAt)
    expect(lifetime).toBeGreaterThan(TEMPORARY_CREDENTIALS_MS - 60_000)
    expect(lifetime).toBeLessThanOrEqual(TEMPORARY_CREDENTIALS_MS + 1000)
    expect(Date.parse(made.requestedExpiresAt) - Date.parse(made.createdAt)).toBe(3_600_000)
    expect(new URL(made.url).searchParams.get('X-Amz-Security-Token')).toBe(
      'session-token-from-sso'
    )

    const { status, body } = await fetchBytes(made.url)
    expect(status).toBe(200)
    expect(body.equals(contents.get('one/two/three/four/five/deep.txt')!)).toBe(true)
  })
})

describe('the bucket’s region', () => {
  it('is what the server checks: a signature for another region is refused', async () => {
    const url = await gateway.presignGet(
      { profileId: 'swift-eu', region: 'us-east-1' },
      { bucket: euBucket, key: 'eu/report.bin', expiresInSeconds: 300 }
    )
    expectSignatureAgreesWithAws4(url, 'us-east-1')
    const response = await fetch(url)
    expect(response.status).toBe(400)
    const text = await response.text()
    expect(text).toContain('<Code>AuthorizationQueryParametersError</Code>')
    expect(text).toContain("the region 'us-east-1' is wrong; expecting 'eu-west-2'")
  })

  it('is found by the app, which signs for eu-west-2 and gets the object', async () => {
    const made = await link({
      profileId: 'swift-eu',
      bucket: euBucket,
      key: 'eu/report.bin',
      expiresInSeconds: 300
    })
    expect(made.region).toBe('eu-west-2')
    expect(made.endpoint).toBe(swift.endpoints['eu-west-2'])
    const { status, body } = await fetchBytes(made.url)
    expect(status).toBe(200)
    expect(body.equals(contents.get('eu/report.bin')!)).toBe(true)
  })
})

describe('a key with "." or ".." segments', () => {
  it.each(DOT_SEGMENT_KEYS)(
    'gets a link for %j that browsers break, but that works sent as-is',
    async (key) => {
      expect(hasDotSegments(key)).toBe(true)
      const made = await link({ profileId: 'swift', bucket, key, expiresInSeconds: 300 })
      // The SDK keeps the segments in the URL and signs them; aws4 agrees (checked after all).
      expect(made.url).toContain(`/${bucket}/${key.replace(/[^/.]+$/, '')}`)

      // fetch() resolves the segments like a browser: the server sees another path and
      // refuses the signature. It never serves another object instead.
      const viaFetch = await fetch(made.url)
      expect(viaFetch.status).toBe(403)
      expect(await viaFetch.text()).toContain('SignatureDoesNotMatch')

      const asIs = await getAsIs(made.url)
      expect(asIs.status).toBe(200)
      expect(asIs.body.equals(contents.get(key)!)).toBe(true)
    }
  )

  it('works with `curl --path-as-is`, the advice the app gives, and not without the flag', async () => {
    const made = await link({
      profileId: 'swift',
      bucket,
      key: 'dots/../escape.txt',
      expiresInSeconds: 300,
      downloadFilename: null
    })
    const curl = (...flags: string[]) =>
      run(
        'curl',
        ['--silent', '--output', '-', '--write-out', '\n%{http_code}', ...flags, made.url],
        {
          encoding: 'buffer'
        }
      )
    const asIs = await curl('--path-as-is')
    expect(asIs.stdout.subarray(-4).toString()).toBe('\n200')
    expect(asIs.stdout.subarray(0, -4).equals(contents.get('dots/../escape.txt')!)).toBe(true)
    const squashed = await curl()
    expect(squashed.stdout.subarray(-4).toString()).toBe('\n403')
  })

  it('also verifies on Swift when its slashes are sent as %2F, but that spelling is Swift’s own', async () => {
    // A form browsers keep (no segment is "..") and Swift verifies, because Swift rebuilds
    // the canonical path from the decoded one. AWS signs the path as sent, so the app does not
    // rely on this; it is here to document the finding.
    const key = 'dots/../escape.txt'
    const made = await link({ profileId: 'swift', bucket, key, expiresInSeconds: 300 })
    const prefix = `/${bucket}/`
    const start = made.url.indexOf(prefix) + prefix.length
    const end = made.url.indexOf('?')
    const slashEncoded =
      made.url.slice(0, start) +
      made.url.slice(start, end).replaceAll('/', '%2F') +
      made.url.slice(end)
    expect(new URL(slashEncoded).pathname).toBe(`/${bucket}/dots%2F..%2Fescape.txt`)
    const { status, body } = await fetchBytes(slashEncoded)
    expect(status).toBe(200)
    expect(body.equals(contents.get(key)!)).toBe(true)
  })
})
