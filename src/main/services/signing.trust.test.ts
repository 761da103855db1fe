import { describe, expect, it } from 'vitest'
import { credentialsStatusAt } from '../../../test-support/credentials-status'
import { profileDirectory, swiftProfile } from '../../../test-support/swift-profiles'
import { openTempLinkDatabase } from '../../../test-support/temp-link-database'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { MAX_LINK_URL_LENGTH, type DownloadLinkOptions } from '../../shared/ipc-contract'
import { SHORTENED_MARK } from '../../shared/link-length'
import type { LinkSelfTest, UploadLinkDetails } from '../../shared/models'
import { createS3Gateway } from '../adapters/s3-gateway'
import { createLinkService } from './links'
import type { PostUploadSigningRequest, PutObjectRequest, S3Target } from './ports'
import { createSigningService, type UploadGateway } from './signing'
import type { UploadLinkRequest } from './uploads'

const secret = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
// Nothing listens there: signing needs no network, and the self-test is a stand-in.
const ENDPOINT = 'http://127.0.0.1:9'
const T0 = Date.parse('2026-03-01T12:00:00.400Z')
const HOUR = 3_600_000

const works = (url: string): LinkSelfTest => ({
  outcome: 'works',
  httpStatus: 206,
  s3Code: null,
  message: `fetched ${url.length}`,
  testedAt: new Date(T0).toISOString()
})

/**
 * The signing service over the real signer (offline) and the real registry in a temp folder;
 * the self-test is a stand-in that records the URLs it was asked to fetch.
 */
function setup(
  options: {
    sessionToken?: string
    credentialsExpireAt?: number | null
    testLink?: (url: string) => Promise<LinkSelfTest>
    testNewLinks?: () => boolean
  } = {}
) {
  let now = T0
  const clock = { now: () => now }
  const directory = profileDirectory([swiftProfile('swift', ENDPOINT)])
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = {
    ...secret,
    ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken })
  }
  const gateway = createS3Gateway({
    profiles: directory,
    credentials: { getCredentials: async () => credentials, invalidate() {} }
  })
  const puts: PutObjectRequest[] = []
  const uploads: UploadGateway = {
    presignUploadPut: gateway.presignUploadPut,
    presignUploadPost: (target: S3Target, request: PostUploadSigningRequest) =>
      gateway.presignUploadPost(target, request),
    checkFormUploads: async () => {},
    putObject: async (_target, request) => {
      puts.push(request)
    },
    deleteObject: async () => {}
  }
  const links = createLinkService({ repository: openTempLinkDatabase({ clock }), clock })
  const tested: string[] = []
  const signing = createSigningService({
    profiles: directory,
    regions: { regionOf: async () => 'us-east-1' },
    credentials: {
      status: async () => credentialsStatusAt('swift', options.credentialsExpireAt, now)
    },
    gateway: { presignerFor: gateway.presignerFor, ...uploads },
    links,
    clock,
    sha256Base64: () => 'AAAA',
    ...(options.testNewLinks === undefined ? {} : { testNewLinks: options.testNewLinks }),
    testLink: async (url) => {
      tested.push(url)
      return (options.testLink ?? (async (u: string) => works(u)))(url)
    }
  })
  return {
    signing,
    links,
    tested,
    puts,
    advance(ms: number) {
      now += ms
    },
    /** New credentials from now on, as after a refresh (the signer asks for them per link). */
    useSessionToken(sessionToken: string) {
      credentials = { ...secret, sessionToken }
      // The SDK keeps credentials until they expire; a refresh hands it new ones.
      gateway.invalidate('swift')
    }
  }
}

const base: DownloadLinkOptions = {
  profileId: 'swift',
  bucket: 'reports',
  key: '2026/Q1 résumé.pdf',
  expiresInSeconds: 3600
}

/** A PUT upload link to one key, which tests add a page or rules to. */
const PUT_UPLOAD: UploadLinkRequest = {
  profileId: 'swift',
  bucket: 'inbox',
  destination: { kind: 'key', key: 'drop/report.pdf' },
  method: 'PUT',
  expiresInSeconds: 600
}

function query(url: string): URLSearchParams {
  return new URL(url).searchParams
}

describe('a link until a date', () => {
  it('ends exactly at the chosen second, counted from the X-Amz-Date it carries', async () => {
    const { signing } = setup()
    const until = '2026-03-03T09:30:15.900+01:00'
    const link = await signing.createDownloadLink({
      ...base,
      expiresInSeconds: undefined,
      until
    })
    const params = query(link.url)
    expect(params.get('X-Amz-Date')).toBe('20260301T120000Z')
    // 12:00:00 (the date, whole seconds) + X-Amz-Expires = 08:30:15 UTC, the fraction dropped.
    expect(Number(params.get('X-Amz-Expires'))).toBe(
      (Date.parse('2026-03-03T08:30:15Z') - Date.parse('2026-03-01T12:00:00Z')) / 1000
    )
    expect(link.expiresAt).toBe('2026-03-03T08:30:15.000Z')
    expect(link.requestedExpiresAt).toBe('2026-03-03T08:30:15.000Z')
    expect(link.cappedBy).toBeNull()
  })

  it('refuses a moment in the past, or beyond 7 days from now, before signing', async () => {
    const { signing, tested } = setup()
    for (const until of ['2026-03-01T12:00:00Z', '2026-02-28T00:00:00Z', '2026-03-08T12:00:01Z']) {
      await expect(
        signing.createDownloadLink({ ...base, expiresInSeconds: undefined, until })
      ).rejects.toMatchObject({ code: 'invalid-argument' })
    }
    // Exactly 7 days is the SigV4 limit, and allowed.
    const link = await signing.createDownloadLink({
      ...base,
      expiresInSeconds: undefined,
      until: '2026-03-08T12:00:00Z'
    })
    expect(query(link.url).get('X-Amz-Expires')).toBe('604800')
    expect(tested).toHaveLength(1)
  })

  it('still ends when the credentials do, and says so', async () => {
    const { signing } = setup({ credentialsExpireAt: T0 + HOUR })
    const link = await signing.createDownloadLink({
      ...base,
      expiresInSeconds: undefined,
      until: '2026-03-02T12:00:00Z'
    })
    expect(link.cappedBy).toBe('credentials')
    expect(link.expiresAt).toBe(new Date(T0 + HOUR).toISOString())
    expect(link.requestedExpiresAt).toBe('2026-03-02T12:00:00.000Z')
  })

  it('takes a lifetime or a date, not both', async () => {
    const { signing } = setup()
    await expect(
      signing.createDownloadLink({ ...base, until: '2026-03-02T12:00:00Z' })
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(
      signing.createDownloadLink({ ...base, expiresInSeconds: undefined })
    ).rejects.toMatchObject({ code: 'invalid-argument' })
  })
})

describe('open or download, content type and version', () => {
  it('lets the browser show the file, under its name, with the chosen Content-Type', async () => {
    const { signing } = setup()
    const link = await signing.createDownloadLink({
      ...base,
      disposition: 'inline',
      contentType: 'text/plain; charset=utf-8'
    })
    const params = query(link.url)
    expect(params.get('response-content-disposition')).toBe(
      `inline; filename="Q1 resume.pdf"; filename*=UTF-8''Q1%20r%C3%A9sum%C3%A9.pdf`
    )
    expect(params.get('response-content-type')).toBe('text/plain; charset=utf-8')
    expect(link).toMatchObject({
      disposition: 'inline',
      responseContentType: 'text/plain; charset=utf-8'
    })
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)
  })

  it('sends plain inline when the link carries no name, and nothing for a nameless download', async () => {
    const { signing } = setup()
    const inline = await signing.createDownloadLink({
      ...base,
      downloadFilename: null,
      disposition: 'inline'
    })
    expect(query(inline.url).get('response-content-disposition')).toBe('inline')
    const attachment = await signing.createDownloadLink({ ...base, downloadFilename: null })
    expect(query(attachment.url).has('response-content-disposition')).toBe(false)
    expect(attachment.disposition).toBe('attachment')
  })

  it('pins the link to one version, signed into it and recorded', async () => {
    const { signing, links } = setup()
    const link = await signing.createDownloadLink({
      ...base,
      versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY'
    })
    expect(query(link.url).get('versionId')).toBe('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY')
    expect(links.get(link.id).versionId).toBe('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY')
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)
  })
})

describe('the self-test of a new link', () => {
  it('fetches the new link once and records what it found', async () => {
    const { signing, links, tested } = setup()
    const link = await signing.createDownloadLink(base)
    expect(tested).toEqual([link.url])
    expect(link.selfTest?.outcome).toBe('works')
    expect(links.get(link.id).selfTest).toEqual(link.selfTest)
  })

  it('still records and returns a link that failed, with why', async () => {
    const failed: LinkSelfTest = {
      outcome: 'signature-mismatch',
      httpStatus: 403,
      s3Code: 'SignatureDoesNotMatch',
      message: 'The secret key is wrong.',
      testedAt: new Date(T0).toISOString()
    }
    const { signing, links } = setup({ testLink: async () => failed })
    const link = await signing.createDownloadLink(base)
    expect(link.selfTest).toEqual(failed)
    expect(links.get(link.id).selfTest).toEqual(failed)
  })

  it('records a test that broke as a failed test, never as a failed link', async () => {
    const { signing } = setup({
      testLink: async () => {
        throw new Error('boom')
      }
    })
    const link = await signing.createDownloadLink(base)
    expect(link.selfTest).toMatchObject({ outcome: 'failed', httpStatus: null })
  })

  it('is skipped when the user says so', async () => {
    const { signing, tested } = setup()
    const link = await signing.createDownloadLink({ ...base, selfTest: false })
    expect(tested).toEqual([])
    expect(link.selfTest).toBeNull()
  })

  it('follows the user’s setting for renewals and upload pages when it is off', async () => {
    let testing = true
    const { signing, tested } = setup({ testNewLinks: () => testing })
    const old = await signing.createDownloadLink(base)
    expect(tested).toHaveLength(1)
    testing = false
    const plain = await signing.createDownloadLink(base)
    const renewed = await signing.renew(old.id)
    const page = await signing.createUploadLink({
      ...PUT_UPLOAD,
      page: { key: 'drop/upload.html' }
    })
    expect(tested).toHaveLength(1)
    for (const link of [plain, renewed, page]) expect(link.selfTest).toBeNull()
    // A request that asks for a test is tested whatever the setting.
    await signing.createDownloadLink({ ...base, selfTest: true })
    expect(tested).toHaveLength(2)
  })

  it('records upload links as not tested, without fetching them', async () => {
    const { signing, tested } = setup()
    const link = await signing.createUploadLink(PUT_UPLOAD)
    expect(tested).toEqual([])
    expect(link.selfTest?.outcome).toBe('not-tested')
  })

  it('tests an upload page’s link once the page is published', async () => {
    const { signing, tested, puts } = setup()
    const link = await signing.createUploadLink({
      ...PUT_UPLOAD,
      page: { key: 'drop/upload.html' }
    })
    expect(puts.map((put) => put.key)).toEqual(['drop/upload.html'])
    expect(tested).toEqual([link.url])
    expect(link.selfTest?.outcome).toBe('works')
  })
})

describe('renewing a link', () => {
  it('signs a new link like the old one and ties the two together', async () => {
    const { signing, links, advance } = setup()
    const old = await signing.createDownloadLink({
      ...base,
      expiresInSeconds: 900,
      downloadFilename: 'for Ana.pdf',
      disposition: 'inline',
      contentType: 'application/pdf',
      versionId: 'v1',
      label: 'for Ana'
    })
    advance(HOUR)
    const renewed = await signing.renew(old.id)

    expect(renewed).toMatchObject({
      profileId: old.profileId,
      bucket: old.bucket,
      key: old.key,
      downloadFilename: 'for Ana.pdf',
      disposition: 'inline',
      responseContentType: 'application/pdf',
      versionId: 'v1',
      label: 'for Ana',
      requestedExpiresInSeconds: 900,
      renewedFromId: old.id,
      expiresAt: new Date(T0 + HOUR - 400 + 900_000).toISOString()
    })
    expect(renewed.selfTest?.outcome).toBe('works')
    expect(renewed.url).not.toBe(old.url)
    expect(links.get(old.id).renewedById).toBe(renewed.id)
  })

  it('renews an upload link through the upload path, with the same rules', async () => {
    const { signing, tested } = setup()
    const old = await signing.createUploadLink({
      ...PUT_UPLOAD,
      contentType: { kind: 'exact', contentType: 'application/pdf' },
      label: 'from Ben'
    })
    const renewed = await signing.renew(old.id)
    const details = renewed.upload as UploadLinkDetails
    expect(details).toMatchObject({
      kind: 'put',
      destination: { kind: 'key', key: 'drop/report.pdf' },
      contentType: { kind: 'exact', contentType: 'application/pdf' }
    })
    expect(renewed).toMatchObject({ method: 'PUT', label: 'from Ben', renewedFromId: old.id })
    expect(renewed.selfTest?.outcome).toBe('not-tested')
    expect(tested).toEqual([])
  })

  it('refuses an upload page, saying what to do instead', async () => {
    const { signing } = setup()
    const page = await signing.createUploadLink({
      ...PUT_UPLOAD,
      page: { key: 'drop/upload.html', title: 'For the auditors' }
    })
    await expect(signing.renew(page.id)).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('new upload page')
    })
  })

  it('shows the whole chain oldest first, from any link in it', async () => {
    const { signing, links } = setup()
    const first = await signing.createDownloadLink(base)
    const second = await signing.renew(first.id)
    const third = await signing.renew(second.id)
    const ids = [first.id, second.id, third.id]
    for (const id of ids) expect(signing.chain(id).map((link) => link.id)).toEqual(ids)
    // A forgotten link in the middle ends the walk there, without an error.
    links.forget(second.id)
    expect(signing.chain(third.id).map((link) => link.id)).toEqual([third.id])
    expect(signing.chain(first.id).map((link) => link.id)).toEqual([first.id])
  })

  it('renews a link renewed before from the newest of its chain, so the chain never forks', async () => {
    const { signing } = setup()
    const first = await signing.createDownloadLink(base)
    const second = await signing.renew(first.id)
    const third = await signing.renew(first.id)
    expect(third.renewedFromId).toBe(second.id)
    expect(signing.chain(first.id).map((link) => link.id)).toEqual([first.id, second.id, third.id])
  })

  it('keeps watching: the renewal of a watched link is watched', async () => {
    const { signing, links } = setup()
    const old = await signing.createDownloadLink(base)
    links.update(old.id, { watched: true })
    const renewed = await signing.renew(old.id)
    expect(renewed.watched).toBe(true)
    expect(links.watched().map((link) => link.id)).toContain(renewed.id)
    const unwatched = await signing.renew(
      (await signing.createDownloadLink({ ...base, key: 'other.txt' })).id
    )
    expect(unwatched.watched ?? false).toBe(false)
  })

  it('makes one renewal of a link renewed twice at once (a double click), so the chain never forks', async () => {
    const { signing } = setup()
    const first = await signing.createDownloadLink(base)
    const [a, b] = await Promise.all([signing.renew(first.id), signing.renew(first.id)])
    expect(a.id).toBe(b.id)
    expect(signing.chain(first.id).map((link) => link.id)).toEqual([first.id, a.id])
    // Once it is done, the next renewal continues the chain.
    const next = await signing.renew(first.id)
    expect(next.renewedFromId).toBe(a.id)
  })

  it('refuses to renew a revoked link, or a chain whose newest link was revoked', async () => {
    const { signing, links } = setup()
    const first = await signing.createDownloadLink(base)
    const second = await signing.renew(first.id)
    links.update(second.id, { revoked: { at: new Date(T0).toISOString(), how: 'marked' } })
    for (const id of [first.id, second.id]) {
      await expect(signing.renew(id)).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringContaining('revoked')
      })
    }
    expect(links.status().total).toBe(2)
  })

  it('stops at a cycle in a damaged registry', async () => {
    const { signing, links } = setup()
    const a = await signing.createDownloadLink(base)
    const b = await signing.renew(a.id)
    // a -> b -> a: only a damaged file could say so.
    links.update(b.id, { renewedById: a.id })
    expect(signing.chain(a.id).map((link) => link.id)).toEqual([a.id, b.id])
  })
})

describe('links that survive being sent', () => {
  // A name of 200 CJK characters: ~3,200 characters of URL on its own.
  const longName = `${'資料'.repeat(100)}.pdf`
  const longKey = `${'長いフォルダ名/'.repeat(16)}${longName}`
  const token = `IQoJb3JpZ2luX2Vj${'A'.repeat(2_000)}==`

  it('shortens the default name, keeping its extension, to stay under the limit', async () => {
    const { signing } = setup({ sessionToken: token })
    const link = await signing.createDownloadLink({ ...base, key: longKey })
    expect(link.url.length).toBeLessThanOrEqual(MAX_LINK_URL_LENGTH)
    expect(link.url.length).toBeGreaterThan(MAX_LINK_URL_LENGTH - 40)
    expect(link.downloadFilename).toMatch(new RegExp(`^(資料)+資?${SHORTENED_MARK}\\.pdf$`))
    const check = checkPresignedUrl(link.url, secret)
    expect(check.expected).toBe(check.actual)
  })

  it('measures a link without recording it, with the name it would carry', async () => {
    const { signing, links, tested } = setup({ sessionToken: token })
    const measured = await signing.measureDownloadLink({ ...base, key: longKey })
    expect(measured.shortened).toBe(true)
    expect(measured.length).toBeLessThanOrEqual(MAX_LINK_URL_LENGTH)
    expect(measured.downloadFilename?.endsWith(`${SHORTENED_MARK}.pdf`)).toBe(true)
    const short = await signing.measureDownloadLink(base)
    expect(short).toMatchObject({ shortened: false, downloadFilename: 'Q1 résumé.pdf' })
    expect(links.status().total).toBe(0)
    expect(tested).toEqual([])
  })

  it('refuses a link the user’s own name makes too long, before recording anything', async () => {
    const { signing, links, tested } = setup({ sessionToken: token })
    await expect(
      signing.createDownloadLink({ ...base, key: longKey, downloadFilename: longName })
    ).rejects.toMatchObject({
      code: 'link-too-long',
      message: expect.stringContaining('the download name')
    })
    // Measuring says how long it would be, for the dialog to show before signing.
    const measured = await signing.measureDownloadLink({
      ...base,
      key: longKey,
      downloadFilename: longName
    })
    expect(measured.length).toBeGreaterThan(MAX_LINK_URL_LENGTH)
    expect(measured.shortened).toBe(false)
    expect(links.status().total).toBe(0)
    expect(tested).toEqual([])
  })

  it('renews a link with the default name by shortening it again, not refusing it, when the new credentials make it longer', async () => {
    const { signing, useSessionToken } = setup()
    const old = await signing.createDownloadLink({ ...base, key: longKey })
    expect(old.downloadFilename).toBe(longName)
    // Signed in again since: role credentials, whose session token lengthens every link.
    useSessionToken(token)
    const renewed = await signing.renew(old.id)
    expect(renewed.url.length).toBeLessThanOrEqual(MAX_LINK_URL_LENGTH)
    expect(renewed.downloadFilename?.endsWith(`${SHORTENED_MARK}.pdf`)).toBe(true)
    // And a name shortened once is the default again when the link has room for it.
    useSessionToken('short')
    const again = await signing.renew(renewed.id)
    expect(again.downloadFilename).toBe(longName)
  })

  it('shortens the default names of a batch by the same rule', async () => {
    const { signing } = setup({ sessionToken: token })
    const signer = await signing.prepareDownloadLinks({
      profileId: 'swift',
      bucket: 'reports',
      expiresInSeconds: 600
    })
    const draft = await signer.sign(longKey, longName, 'batch-1')
    expect(draft.url.length).toBeLessThanOrEqual(MAX_LINK_URL_LENGTH)
    expect(draft.downloadFilename?.endsWith(`${SHORTENED_MARK}.pdf`)).toBe(true)
  })
})
