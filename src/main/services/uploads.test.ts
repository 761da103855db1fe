import { describe, expect, it } from 'vitest'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import { profileDirectory, swiftProfile } from '../../../test-support/swift-profiles'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { AppError } from '../../shared/errors'
import type { CredentialsStatus, IssuedLink, ObjectDetails } from '../../shared/models'
import { MAX_SINGLE_UPLOAD_BYTES } from '../../shared/upload-links'
import { parseLink } from '../adapters/link-db'
import { createS3Gateway } from '../adapters/s3-gateway'
import { decodePostPolicy, sha256Base64 } from '../adapters/upload-presigner'
import { createLinkService } from './links'
import type { ListedObject, PutObjectRequest, S3Gateway } from './ports'
import { createSigningService } from './signing'
import {
  createUploadService,
  MAX_RECENT_ARRIVALS,
  uploadRequestProblem,
  type UploadLinkRequest
} from './uploads'

const secret = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
// Nothing listens there: signing needs no network, and what would be sent is recorded instead.
const ENDPOINT = 'http://127.0.0.1:9'
const T0 = Date.parse('2026-03-01T12:00:00.400Z')
const SIGNED_AT = '2026-03-01T12:00:00.000Z'
const MINUTE = 60_000

function request(overrides: Partial<UploadLinkRequest> = {}): UploadLinkRequest {
  return {
    profileId: 'dev',
    bucket: 'inbox',
    destination: { kind: 'key', key: 'reports/q1.pdf' },
    method: 'PUT',
    expiresInSeconds: 3600,
    ...overrides
  }
}

/**
 * The real signing pipeline, registry (SQLite in a temp folder) and SDK signer; what would go
 * over the network (publishing the page, the form check, deleting) is recorded instead.
 */
function setup(
  options: {
    credentialsExpireAt?: number | null
    now?: number
    formUploads?: 'accepted' | 'refused'
    failRecording?: boolean
  } = {}
) {
  const now = options.now ?? T0
  const clock = { now: () => now }
  const gateway = createS3Gateway({
    profiles: profileDirectory([swiftProfile('dev', ENDPOINT)]),
    credentials: { getCredentials: async () => secret, invalidate() {} }
  })
  const calls: string[] = []
  const published: PutObjectRequest[] = []
  const deleted: string[] = []
  const recording: Pick<
    S3Gateway,
    'presignerFor' | 'presignUploadPut' | 'presignUploadPost' | 'checkFormUploads'
  > &
    Pick<S3Gateway, 'putObject' | 'deleteObject'> = {
    presignerFor: (target, bucket) => gateway.presignerFor(target, bucket),
    presignUploadPut: (target, upload) => gateway.presignUploadPut(target, upload),
    presignUploadPost: (target, upload) => gateway.presignUploadPost(target, upload),
    async checkFormUploads(_target, link) {
      calls.push(`check ${link.fields.key}`)
      if (options.formUploads === 'refused') {
        throw new AppError('invalid-argument', 'does not accept form uploads')
      }
    },
    async putObject(_target, object) {
      calls.push(`put ${object.key}`)
      published.push(object)
    },
    async deleteObject(_target, { key }) {
      calls.push(`delete ${key}`)
      deleted.push(key)
    }
  }
  const status: CredentialsStatus = {
    profileId: 'dev',
    temporary: options.credentialsExpireAt != null,
    expiresAt:
      options.credentialsExpireAt == null
        ? null
        : new Date(options.credentialsExpireAt).toISOString(),
    state: options.credentialsExpireAt == null ? 'static' : 'active',
    detail: null
  }
  const links = createLinkService({ repository: openTempLinkDatabase(), clock })
  const signing = createSigningService({
    profiles: profileDirectory([swiftProfile('dev', ENDPOINT)]),
    regions: { regionOf: async () => 'eu-west-2' },
    credentials: { status: async () => status },
    gateway: recording,
    links: options.failRecording
      ? {
          record() {
            throw new AppError('registry-busy', 'The registry is busy.')
          }
        }
      : links,
    clock,
    sha256Base64
  })
  return { signing, links, calls, published, deleted }
}

describe('upload link requests', () => {
  it.each<[string, Partial<UploadLinkRequest>]>([
    ['a PUT link to one key', {}],
    ['a PUT link with an exact type', { contentType: { kind: 'exact', contentType: 'image/png' } }],
    [
      'a POST link under a folder with limits',
      {
        method: 'POST',
        destination: { kind: 'prefix', prefix: 'drop/' },
        minBytes: 1,
        maxBytes: MAX_SINGLE_UPLOAD_BYTES,
        contentType: { kind: 'starts-with', prefix: 'image/' }
      }
    ],
    ['a page outside the folder', { page: { key: '.s3-share/upload-1.html' } }],
    [
      'a page when the whole bucket receives uploads (nothing is outside it)',
      {
        method: 'POST',
        destination: { kind: 'prefix', prefix: '' },
        page: { key: '.s3-share/upload-1.html' }
      }
    ],
    [
      'a POST page next to the folder',
      {
        method: 'POST',
        destination: { kind: 'prefix', prefix: 'drop/' },
        page: { key: 'drop.html' }
      }
    ]
  ])('accepts %s', (_, overrides) => {
    expect(uploadRequestProblem(request(overrides))).toBeNull()
  })

  it.each<[string, Partial<UploadLinkRequest>, RegExp]>([
    [
      'a PUT link to a folder',
      { destination: { kind: 'prefix', prefix: 'drop/' } },
      /PUT link writes one exact file name.*POST link/
    ],
    [
      'a PUT link with a family of types',
      { contentType: { kind: 'starts-with', prefix: 'image/' } },
      /one exact Content-Type/
    ],
    ['a PUT link with a size limit', { maxBytes: 1000 }, /PUT link cannot limit the size/],
    [
      'a POST link above 5 GiB',
      { method: 'POST', maxBytes: MAX_SINGLE_UPLOAD_BYTES + 1 },
      /above S3's limit for a single upload, 5 GiB/
    ],
    [
      'a POST link whose minimum is above its maximum',
      { method: 'POST', minBytes: 2000, maxBytes: 1000 },
      /minimum size \(2000 bytes\) is larger than the maximum/
    ],
    [
      'a key holding ${filename}',
      { destination: { kind: 'key', key: 'drop/${filename}' } },
      /any file name under this folder/
    ],
    ['a key naming a folder', { destination: { kind: 'key', key: 'drop/' } }, /names a folder/],
    [
      'a page where the file goes',
      { page: { key: 'reports/q1.pdf' } },
      /the upload would replace the page/
    ],
    [
      'a page inside the folder that receives uploads',
      {
        method: 'POST',
        destination: { kind: 'prefix', prefix: 'drop/' },
        page: { key: 'drop/.s3-share/page.html' }
      },
      /inside `drop\/`, which receives the uploads/
    ],
    [
      'a page key with dot segments',
      { page: { key: '../page.html' } },
      /browsers remove `.` and `..` path segments/
    ]
  ])('refuses %s, saying why', (_, overrides, message) => {
    expect(uploadRequestProblem(request(overrides))).toMatch(message)
  })
})

describe('making a PUT upload link', () => {
  it('signs it for the bucket’s region, records it with its command, and sends nothing', async () => {
    const { signing, links, calls } = setup()
    const link = await signing.createUploadLink(
      request({ contentType: { kind: 'exact', contentType: 'application/pdf' }, label: ' Ana ' })
    )
    expect(calls).toEqual([])
    expect(link).toMatchObject({
      createdAt: SIGNED_AT,
      profileId: 'dev',
      bucket: 'inbox',
      key: 'reports/q1.pdf',
      region: 'eu-west-2',
      endpoint: ENDPOINT,
      method: 'PUT',
      requestedExpiresInSeconds: 3600,
      expiresAt: '2026-03-01T13:00:00.000Z',
      cappedBy: null,
      label: 'Ana',
      downloadFilename: null,
      batchId: null,
      upload: {
        kind: 'put',
        uploadMethod: 'PUT',
        destination: { kind: 'key', key: 'reports/q1.pdf' },
        contentType: { kind: 'exact', contentType: 'application/pdf' },
        minBytes: null,
        maxBytes: null,
        fields: null,
        headers: { 'Content-Type': 'application/pdf' },
        uploadUrl: link.url,
        pageKey: null
      }
    })
    const url = new URL(link.url)
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260301T120000Z')
    expect(url.searchParams.get('X-Amz-Credential')).toContain('/eu-west-2/s3/')
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host')
    expect(link.upload!.command).toBe(
      `curl --upload-file FILE -H 'Content-Type: application/pdf' '${link.url}'`
    )
    expect(links.get(link.id)).toEqual(link)
  })

  it('records the real expiry when the credentials end first', async () => {
    const credentialsExpireAt = T0 + 20 * MINUTE
    const { signing } = setup({ credentialsExpireAt })
    const link = await signing.createUploadLink(request())
    expect(link).toMatchObject({
      requestedExpiresAt: '2026-03-01T13:00:00.000Z',
      expiresAt: new Date(credentialsExpireAt).toISOString(),
      cappedBy: 'credentials'
    })
  })

  it('refuses to sign with credentials that have already expired, publishing nothing', async () => {
    const { signing, calls, links } = setup({ credentialsExpireAt: T0 - MINUTE })
    await expect(
      signing.createUploadLink(request({ page: { key: 'p.html' } }))
    ).rejects.toMatchObject({ code: 'credentials-expired' })
    expect(calls).toEqual([])
    expect(links.status().total).toBe(0)
  })

  it('refuses a request the rules refuse before any lookup', async () => {
    const { signing, calls } = setup()
    await expect(
      signing.createUploadLink(request({ destination: { kind: 'prefix', prefix: 'x/' } }))
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(signing.createUploadLink(request({ expiresInSeconds: 0 }))).rejects.toMatchObject({
      code: 'invalid-expiry'
    })
    expect(calls).toEqual([])
  })
})

describe('making an upload page', () => {
  it('publishes the page as HTML, then shares its GET link with the same date and lifetime', async () => {
    const credentialsExpireAt = T0 + 30 * MINUTE
    const { signing, published, calls } = setup({ credentialsExpireAt })
    const link = await signing.createUploadLink(
      request({ page: { key: '.s3-share/upload-7c1e.html', title: 'Q1 report', note: 'Thanks' } })
    )
    expect(calls).toEqual(['put .s3-share/upload-7c1e.html'])
    const [page] = published
    expect(page).toMatchObject({
      bucket: 'inbox',
      key: '.s3-share/upload-7c1e.html',
      contentType: 'text/html; charset=utf-8'
    })
    expect(page!.body).toContain('<title>Q1 report</title>')
    // The page counts down to the real expiry, not the requested one.
    expect(page!.body).toContain(`"expiresAt":${credentialsExpireAt}`)
    expect(page!.body).toContain(JSON.stringify(link.upload!.uploadUrl).replaceAll('&', '\\u0026'))

    expect(link).toMatchObject({
      method: 'GET',
      key: 'reports/q1.pdf',
      expiresAt: new Date(credentialsExpireAt).toISOString(),
      cappedBy: 'credentials',
      upload: { kind: 'page', uploadMethod: 'PUT', pageKey: '.s3-share/upload-7c1e.html' }
    })
    const pageUrl = new URL(link.url)
    const uploadUrl = new URL(link.upload!.uploadUrl)
    expect(pageUrl.pathname).toBe('/inbox/.s3-share/upload-7c1e.html')
    expect(pageUrl.searchParams.get('response-content-disposition')).toBeNull()
    expect(pageUrl.origin).toBe(uploadUrl.origin)
    for (const name of ['X-Amz-Date', 'X-Amz-Expires', 'X-Amz-Credential']) {
      expect(pageUrl.searchParams.get(name)).toBe(uploadUrl.searchParams.get(name))
    }
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)
  })

  it('takes the page down again when the link cannot be recorded', async () => {
    const { signing, calls } = setup({ failRecording: true })
    await expect(
      signing.createUploadLink(request({ page: { key: '.s3-share/upload-9.html' } }))
    ).rejects.toMatchObject({ code: 'registry-busy' })
    expect(calls).toEqual(['put .s3-share/upload-9.html', 'delete .s3-share/upload-9.html'])
  })
})

describe('making a POST upload link', () => {
  const post = (overrides: Partial<UploadLinkRequest> = {}) =>
    request({
      method: 'POST',
      destination: { kind: 'prefix', prefix: 'drop/' },
      maxBytes: 25_000_000,
      ...overrides
    })

  it('writes the limits into the policy and checks that the bucket takes forms', async () => {
    const { signing, calls } = setup({ now: Date.now() })
    const link = await signing.createUploadLink(
      post({ minBytes: 1, contentType: { kind: 'starts-with', prefix: 'image/' } })
    )
    expect(calls).toEqual(['check drop/${filename}'])
    expect(link).toMatchObject({
      method: 'POST',
      key: 'drop/',
      upload: {
        kind: 'post',
        uploadMethod: 'POST',
        destination: { kind: 'prefix', prefix: 'drop/' },
        contentType: { kind: 'starts-with', prefix: 'image/' },
        minBytes: 1,
        maxBytes: 25_000_000,
        headers: null,
        uploadUrl: link.url,
        pageKey: null
      }
    })
    const fields = link.upload!.fields!
    expect(Object.keys(fields)[0]).toBe('key')
    expect(decodePostPolicy(fields.Policy!).conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 25_000_000],
        ['starts-with', '$key', 'drop/'],
        ['starts-with', '$Content-Type', 'image/']
      ])
    )
    expect(link.upload!.command).toMatch(/^curl --form-string 'key=drop\/\$\{filename\}' /)
    expect(link.upload!.command).toMatch(/-F file=@FILE '?http/)
  })

  it('defaults to any size up to 5 GiB and any type', async () => {
    const { signing } = setup({ now: Date.now() })
    const link = await signing.createUploadLink(
      request({ method: 'POST', destination: { kind: 'key', key: 'one.bin' } })
    )
    expect(link.upload).toMatchObject({
      minBytes: 0,
      maxBytes: MAX_SINGLE_UPLOAD_BYTES,
      contentType: null
    })
  })

  it('publishes no page and records nothing for a bucket that refuses forms', async () => {
    const { signing, calls, links } = setup({ now: Date.now(), formUploads: 'refused' })
    await expect(
      signing.createUploadLink(post({ page: { key: 'drop.html' } }))
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(calls).toEqual(['check drop/${filename}'])
    expect(links.status().total).toBe(0)
  })
})

/** An upload link as the registry holds it, for the received and forget checks. */
function uploadLink(
  destination: { kind: 'key'; key: string } | { kind: 'prefix'; prefix: string },
  pageKey: string | null = null
): Omit<IssuedLink, 'id'> {
  return {
    createdAt: SIGNED_AT,
    profileId: 'dev',
    bucket: 'inbox',
    key: destination.kind === 'key' ? destination.key : destination.prefix,
    region: 'eu-west-2',
    endpoint: null,
    method: pageKey === null ? 'PUT' : 'GET',
    requestedExpiresInSeconds: 3600,
    requestedExpiresAt: '2026-03-01T13:00:00.000Z',
    expiresAt: '2026-03-01T13:00:00.000Z',
    cappedBy: null,
    url: 'https://example.test/link',
    label: '',
    downloadFilename: null,
    batchId: null,
    upload: {
      kind: pageKey === null ? 'put' : 'page',
      uploadMethod: destination.kind === 'key' ? 'PUT' : 'POST',
      destination,
      contentType: null,
      minBytes: null,
      maxBytes: null,
      fields: null,
      headers: {},
      uploadUrl: 'https://example.test/upload',
      command: 'curl',
      pageKey
    }
  }
}

/** A bucket in memory: objects with their LastModified; records deletes. */
function bucketWith(objects: ListedObject[], options: { failDelete?: boolean } = {}) {
  const deleted: string[] = []
  const listed: string[] = []
  const gateway: Pick<S3Gateway, 'headObject' | 'listAllObjects' | 'deleteObject'> = {
    async headObject(target, { bucket, key }): Promise<ObjectDetails> {
      expect(target).toEqual({ profileId: 'dev', region: 'eu-west-2' })
      const object = objects.find((entry) => entry.key === key)
      if (object === undefined) throw new AppError('no-such-key', `${key} was not found`)
      return {
        bucket,
        key,
        region: target.region,
        size: object.size,
        contentType: null,
        etag: null,
        lastModified: object.lastModified ?? null,
        storageClass: 'STANDARD',
        versionId: null,
        cacheControl: null,
        contentDisposition: null,
        metadata: {}
      }
    },
    async *listAllObjects(_target, { prefix }) {
      listed.push(prefix)
      const matching = objects.filter((object) => object.key.startsWith(prefix))
      // Two pages, to count across them.
      yield matching.slice(0, 2)
      yield matching.slice(2)
    },
    async deleteObject(_target, { key }) {
      if (options.failDelete) throw new AppError('access-denied', 'needs s3:DeleteObject')
      deleted.push(key)
    }
  }
  const links = createLinkService({ repository: openTempLinkDatabase() })
  const uploads = createUploadService({ links, gateway, clock: { now: () => T0 + MINUTE } })
  return { uploads, links, deleted, listed }
}

const at = (offsetMs: number) => new Date(Date.parse(SIGNED_AT) + offsetMs).toISOString()

describe('what arrived through an upload link', () => {
  it('counts the exact key once it is dated from the link’s second on (1 s of skew allowed)', async () => {
    const cases: Array<[string | null, number]> = [
      [at(-1001), 0],
      [at(-1000), 1],
      [at(5 * MINUTE), 1],
      [null, 0]
    ]
    for (const [lastModified, files] of cases) {
      const { uploads, links } = bucketWith([{ key: 'reports/q1.pdf', size: 42, lastModified }])
      const link = links.record(uploadLink({ kind: 'key', key: 'reports/q1.pdf' }))
      const received = await uploads.received(link.id)
      expect(received).toMatchObject({
        linkId: link.id,
        files,
        bytes: files * 42,
        checkedAt: new Date(T0 + MINUTE).toISOString()
      })
    }
  })

  it('counts nothing while the key does not exist', async () => {
    const { uploads, links } = bucketWith([])
    const link = links.record(uploadLink({ kind: 'key', key: 'reports/q1.pdf' }))
    expect(await uploads.received(link.id)).toMatchObject({ files: 0, bytes: 0, recent: [] })
  })

  it('counts new files under the folder, leaving out older ones, the page and folder markers', async () => {
    const { uploads, links, listed } = bucketWith([
      { key: 'drop/', size: 0, lastModified: at(MINUTE) },
      { key: 'drop/old.txt', size: 5, lastModified: at(-MINUTE) },
      { key: 'drop/a.txt', size: 10, lastModified: at(2 * MINUTE) },
      { key: 'drop/page.html', size: 900, lastModified: at(0) },
      { key: 'drop/sub/b.bin', size: 20, lastModified: at(3 * MINUTE) },
      { key: 'drop/sub/', size: 0, lastModified: at(MINUTE) },
      { key: 'drop/empty.txt', size: 0, lastModified: at(MINUTE) },
      { key: 'drop/undated.txt', size: 7 }
    ])
    const link = links.record(uploadLink({ kind: 'prefix', prefix: 'drop/' }, 'drop/page.html'))
    const received = await uploads.received(link.id)
    expect(listed).toEqual(['drop/'])
    expect(received).toMatchObject({ files: 3, bytes: 30 })
    expect(received.recent).toEqual([
      { key: 'drop/sub/b.bin', size: 20, lastModified: at(3 * MINUTE) },
      { key: 'drop/a.txt', size: 10, lastModified: at(2 * MINUTE) },
      { key: 'drop/empty.txt', size: 0, lastModified: at(MINUTE) }
    ])
  })

  it(`lists only the ${MAX_RECENT_ARRIVALS} newest, but counts them all`, async () => {
    const objects = Array.from({ length: 30 }, (_, index) => ({
      key: `drop/${String(index).padStart(2, '0')}.txt`,
      size: 1,
      lastModified: at(index * 1000)
    }))
    const { uploads, links } = bucketWith(objects)
    const link = links.record(uploadLink({ kind: 'prefix', prefix: 'drop/' }))
    const received = await uploads.received(link.id)
    expect(received.files).toBe(30)
    expect(received.recent.map((object) => object.key)).toEqual(
      objects
        .map((object) => object.key)
        .reverse()
        .slice(0, MAX_RECENT_ARRIVALS)
    )
  })

  it('says a download link receives nothing, and an unknown link is not found', async () => {
    const { uploads, links } = bucketWith([])
    const { upload: _upload, ...download } = uploadLink({ kind: 'key', key: 'a.txt' })
    const link = links.record({ ...download, method: 'GET' })
    await expect(uploads.received(link.id)).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('is a download link')
    })
    await expect(uploads.received('missing')).rejects.toMatchObject({ code: 'link-not-found' })
  })
})

describe('forgetting an upload link', () => {
  it('deletes the page first when asked, and only forgets otherwise', async () => {
    const { uploads, links, deleted } = bucketWith([])
    const withPage = links.record(uploadLink({ kind: 'key', key: 'a.txt' }, '.s3-share/a.html'))
    const kept = links.record(uploadLink({ kind: 'key', key: 'b.txt' }, '.s3-share/b.html'))
    const noPage = links.record(uploadLink({ kind: 'key', key: 'c.txt' }))

    await uploads.forget(withPage.id, { deletePage: true })
    await uploads.forget(kept.id)
    await uploads.forget(noPage.id, { deletePage: true })
    expect(deleted).toEqual(['.s3-share/a.html'])
    expect(links.status().total).toBe(0)
  })

  it('can bring the entry back, but not a deleted page', async () => {
    const { uploads, links, deleted } = bucketWith([])
    const link = links.record(uploadLink({ kind: 'key', key: 'a.txt' }, '.s3-share/a.html'))
    const removal = await uploads.forget(link.id, { deletePage: true })
    expect(removal).toEqual({ count: 1, undoToken: expect.any(String) })
    expect(links.undo(removal.undoToken!)).toBe(1)
    expect(links.get(link.id)).toEqual(link)
    expect(deleted).toEqual(['.s3-share/a.html'])
  })

  it('keeps the link when the page cannot be deleted, so the user can choose again', async () => {
    const { uploads, links } = bucketWith([], { failDelete: true })
    const link = links.record(uploadLink({ kind: 'key', key: 'a.txt' }, '.s3-share/a.html'))
    await expect(uploads.forget(link.id, { deletePage: true })).rejects.toMatchObject({
      code: 'access-denied'
    })
    expect(links.get(link.id)).toEqual(link)
  })
})

describe('upload links in the registry', () => {
  it('reads back an upload link’s details, and refuses damaged ones', () => {
    const link = { ...uploadLink({ kind: 'prefix', prefix: 'drop/' }, 'p.html'), id: 'x' }
    expect(parseLink(JSON.parse(JSON.stringify(link)))).toEqual(link)
    for (const damage of [
      { kind: 'other' },
      { destination: { kind: 'prefix' } },
      { contentType: { kind: 'exact' } },
      { minBytes: -1 },
      { fields: { key: 1 } },
      { uploadUrl: null },
      { pageKey: 3 }
    ]) {
      expect(parseLink({ ...link, upload: { ...link.upload, ...damage } })).toBeNull()
    }
    const { upload: _upload, ...download } = link
    expect(parseLink(download)).toEqual(download)
  })

  it('finds an upload link by its destination and by its page', () => {
    const { links } = bucketWith([])
    const link = links.record(
      uploadLink({ kind: 'prefix', prefix: 'Zoë/inbox/' }, 'pages/zoe.html')
    )
    for (const text of ['zoe/inbox', 'pages/zoe.html']) {
      const page = links.query({ text, offset: 0, limit: 10 })
      expect(page.rows.map((row) => (row.kind === 'link' ? row.link.id : null))).toEqual([link.id])
    }
  })
})
