import { describe, expect, it } from 'vitest'
import { credentialsStatusAt } from '../../../test-support/credentials-status'
import { AppError } from '../../shared/errors'
import type { IssuedLink, ProfileSummary } from '../../shared/models'
import type { BucketGetLinkRequest, S3Gateway, S3Target } from './ports'
import type { LinkDraft } from './registry-ports'
import {
  createSigningService,
  downloadFilenameFor,
  type DownloadLinkRequest,
  type UploadGateway
} from './signing'

const uploadsNotUsed: UploadGateway = {
  presignUploadPut: () => Promise.reject(new Error('not used')),
  presignUploadPost: () => Promise.reject(new Error('not used')),
  checkFormUploads: () => Promise.reject(new Error('not used')),
  putObject: () => Promise.reject(new Error('not used')),
  deleteObject: () => Promise.reject(new Error('not used'))
}

const T0 = Date.parse('2026-03-01T12:00:00.000Z')
const MINUTE = 60_000

const profile: ProfileSummary = {
  id: 'dev',
  name: 'dev',
  kind: 'sso',
  sources: ['/home/me/.aws/config'],
  region: 'us-east-1',
  endpointUrl: 'https://s3.example.test',
  addressingStyle: 'path',
  detail: null
}

interface PresignCall {
  target: S3Target
  bucket: string
  request: BucketGetLinkRequest
}

function setup(options: { credentialsExpireAt?: number | null; now?: number } = {}) {
  const presigned: PresignCall[] = []
  let signersMade = 0
  let regionLookups = 0
  const gateway: Pick<S3Gateway, 'presignerFor'> & UploadGateway = {
    async presignerFor(target, bucket) {
      signersMade += 1
      return async (request) => {
        presigned.push({ target, bucket, request })
        return `https://s3.example.test/${bucket}/${request.key}?X-Amz-Date=${request.signingDate.toISOString()}`
      }
    },
    // Upload links are tested in uploads.test.ts.
    ...uploadsNotUsed
  }
  const status = credentialsStatusAt('dev', options.credentialsExpireAt, options.now ?? T0)
  const clock = { now: () => options.now ?? T0 }
  // The registry itself is tested in links.test.ts; here only what reaches it matters.
  const recorded: IssuedLink[] = []
  const links = {
    record(draft: LinkDraft): IssuedLink {
      const link = { ...draft, id: `link-${recorded.length + 1}` }
      recorded.push(link)
      return link
    }
  }
  const signing = createSigningService({
    profiles: {
      getProfile(id) {
        if (id !== 'dev') throw new AppError('profile-not-found', `No profile named ${id}.`)
        return profile
      }
    },
    // The bucket lives in another region than the profile's default.
    regions: {
      regionOf: async () => {
        regionLookups += 1
        return 'eu-west-2'
      }
    },
    credentials: { status: async () => status },
    gateway,
    links,
    clock
  })
  return {
    signing,
    recorded,
    presigned,
    counts: () => ({ signersMade, regionLookups })
  }
}

const request: DownloadLinkRequest = {
  profileId: 'dev',
  bucket: 'reports',
  key: '2026/Q1 résumé.pdf',
  expiresInSeconds: 3600
}

describe('signing service: link lifetime', () => {
  it.each([0, 604_801, 1.5, -60, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s seconds with a message that says what is allowed',
    async (expiresInSeconds) => {
      const { signing, presigned, recorded } = setup()
      const attempt = signing.createDownloadLink({ ...request, expiresInSeconds })
      await expect(attempt).rejects.toThrow(AppError)
      await expect(attempt).rejects.toMatchObject({
        code: 'invalid-expiry',
        message: expect.stringContaining(
          'from 1 second to 7 days (604800 seconds), in whole seconds'
        )
      })
      await expect(attempt).rejects.toThrow(String(expiresInSeconds))
      expect(presigned).toEqual([])
      expect(recorded).toEqual([])
    }
  )

  it('refuses a lifetime that is not a number at all, whatever the caller sent', async () => {
    const { signing } = setup()
    const sneaky = { ...request, expiresInSeconds: '3600' as unknown as number }
    await expect(signing.createDownloadLink(sneaky)).rejects.toMatchObject({
      code: 'invalid-expiry',
      message: expect.stringContaining('a string')
    })
  })

  it.each([1, 604_800])('accepts the SigV4 limit of %s seconds', async (expiresInSeconds) => {
    const { signing, presigned } = setup()
    const link = await signing.createDownloadLink({ ...request, expiresInSeconds })
    expect(presigned[0]?.request.expiresInSeconds).toBe(expiresInSeconds)
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(expiresInSeconds * 1000)
  })
})

describe('signing service: real expiry', () => {
  it('caps the link at the credentials’ expiry when they end first', async () => {
    const { signing } = setup({ credentialsExpireAt: T0 + 15 * MINUTE })
    const link = await signing.createDownloadLink(request)
    expect(link.requestedExpiresAt).toBe(new Date(T0 + 60 * MINUTE).toISOString())
    expect(link.expiresAt).toBe(new Date(T0 + 15 * MINUTE).toISOString())
    expect(link.cappedBy).toBe('credentials')
    expect(link.requestedExpiresInSeconds).toBe(3600)
  })

  it('keeps the requested expiry when the credentials outlive it', async () => {
    const { signing } = setup({ credentialsExpireAt: T0 + 120 * MINUTE })
    const link = await signing.createDownloadLink(request)
    expect(link.expiresAt).toBe(new Date(T0 + 60 * MINUTE).toISOString())
    expect(link.cappedBy).toBeNull()
  })

  it('keeps the requested expiry with long-term credentials', async () => {
    const { signing } = setup({ credentialsExpireAt: null })
    const link = await signing.createDownloadLink(request)
    expect(link.expiresAt).toBe(link.requestedExpiresAt)
    expect(link.cappedBy).toBeNull()
  })

  it('refuses to sign with credentials that have already expired', async () => {
    const { signing, recorded, presigned } = setup({ credentialsExpireAt: T0 - MINUTE })
    await expect(signing.createDownloadLink(request)).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringContaining('aws sso login --profile dev')
    })
    expect(recorded).toEqual([])
    expect(presigned).toEqual([])
  })

  it('dates the link to the whole second, as X-Amz-Date does, never later', async () => {
    const { signing, presigned } = setup({ now: T0 + 999 })
    const link = await signing.createDownloadLink(request)
    expect(link.createdAt).toBe(new Date(T0).toISOString())
    expect(link.expiresAt).toBe(new Date(T0 + 60 * MINUTE).toISOString())
    // The signature carries the very date the registry records.
    expect(presigned[0]?.request.signingDate.toISOString()).toBe(link.createdAt)
  })
})

describe('signing service: the link', () => {
  it('signs for the bucket’s own region and records the link in the registry', async () => {
    const { signing, presigned, recorded } = setup()
    const link = await signing.createDownloadLink({ ...request, label: '  for Ana  ' })
    expect(presigned[0]?.target).toEqual({ profileId: 'dev', region: 'eu-west-2' })
    expect(link).toMatchObject({
      profileId: 'dev',
      bucket: 'reports',
      key: '2026/Q1 résumé.pdf',
      region: 'eu-west-2',
      endpoint: 'https://s3.example.test',
      method: 'GET',
      url: 'https://s3.example.test/reports/2026/Q1 résumé.pdf?X-Amz-Date=2026-03-01T12:00:00.000Z',
      label: 'for Ana',
      batchId: null
    })
    expect(recorded).toEqual([link])
  })

  it('names the download after the key unless told otherwise', async () => {
    const { signing, presigned } = setup()
    const link = await signing.createDownloadLink(request)
    expect(link.downloadFilename).toBe('Q1 résumé.pdf')
    expect(presigned[0]?.request.responseContentDisposition).toBe(
      `attachment; filename="Q1 resume.pdf"; filename*=UTF-8''Q1%20r%C3%A9sum%C3%A9.pdf`
    )
  })

  it('uses the name the user chose, cleaned of path separators', async () => {
    const { signing, presigned } = setup()
    const link = await signing.createDownloadLink({ ...request, downloadFilename: '🎉/report.pdf' })
    expect(link.downloadFilename).toBe('🎉_report.pdf')
    expect(presigned[0]?.request.responseContentDisposition).toBe(
      `attachment; filename="__report.pdf"; filename*=UTF-8''%F0%9F%8E%89_report.pdf`
    )
  })

  it('sets no download name when asked for none', async () => {
    const { signing, presigned } = setup()
    const link = await signing.createDownloadLink({ ...request, downloadFilename: null })
    expect(link.downloadFilename).toBeNull()
    expect(presigned[0]?.request).not.toHaveProperty('responseContentDisposition')
  })

  it('refuses a download name with nothing usable in it', async () => {
    const { signing, presigned } = setup()
    await expect(
      signing.createDownloadLink({ ...request, downloadFilename: ' .. ' })
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(presigned).toEqual([])
  })

  it('passes on an unknown profile as the profile’s own error', async () => {
    const { signing } = setup()
    await expect(
      signing.createDownloadLink({ ...request, profileId: 'ghost' })
    ).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})

describe('signing service: many links to one bucket', () => {
  const batch = {
    profileId: 'dev',
    bucket: 'reports',
    expiresInSeconds: 3600,
    label: ' Q1 for Ana '
  }

  it('gives every link one date, one real expiry, one label and the batch', async () => {
    const { signing, presigned } = setup({ credentialsExpireAt: T0 + 15 * MINUTE, now: T0 + 400 })
    const signer = await signing.prepareDownloadLinks(batch)
    const drafts = await Promise.all(
      ['a.txt', 'b/c.txt', 'd e.pdf'].map((key) => signer.sign(key, null, 'batch-1'))
    )
    expect(signer.region).toBe('eu-west-2')
    expect(signer.expiry.cappedBy).toBe('credentials')
    for (const draft of drafts) {
      expect(draft).toMatchObject({
        createdAt: new Date(T0).toISOString(),
        expiresAt: new Date(T0 + 15 * MINUTE).toISOString(),
        requestedExpiresAt: new Date(T0 + 60 * MINUTE).toISOString(),
        cappedBy: 'credentials',
        label: 'Q1 for Ana',
        batchId: 'batch-1',
        region: 'eu-west-2',
        downloadFilename: null
      })
    }
    expect(new Set(presigned.map((call) => call.request.signingDate.getTime()))).toEqual(
      new Set([T0])
    )
    expect(drafts.map((draft) => draft.key)).toEqual(['a.txt', 'b/c.txt', 'd e.pdf'])
  })

  it('looks up the region and builds the signer once for a whole batch', async () => {
    const { signing, counts } = setup()
    const signer = await signing.prepareDownloadLinks(batch)
    for (let i = 0; i < 50; i += 1) await signer.sign(`file ${i}.txt`, null)
    expect(counts()).toEqual({ signersMade: 1, regionLookups: 1 })
  })

  it('refuses to start a batch with credentials that have already expired', async () => {
    const { signing, counts } = setup({ credentialsExpireAt: T0 - MINUTE })
    await expect(signing.prepareDownloadLinks(batch)).rejects.toMatchObject({
      code: 'credentials-expired'
    })
    expect(counts().signersMade).toBe(0)
  })

  it('names each download after its object, or not at all, by the batch’s rule', async () => {
    const { signing, presigned } = setup()
    const signer = await signing.prepareDownloadLinks(batch)
    const key = 'reports/2026/Q1 résumé.pdf'
    const named = await signer.sign(key, downloadFilenameFor(key, 'object-name'))
    const unnamed = await signer.sign(key, downloadFilenameFor(key, 'none'))
    expect(named.downloadFilename).toBe('Q1 résumé.pdf')
    expect(presigned[0]?.request.responseContentDisposition).toContain('filename*=UTF-8')
    expect(unnamed.downloadFilename).toBeNull()
    expect(presigned[1]?.request).not.toHaveProperty('responseContentDisposition')
  })

  it('refuses a bucket name no S3 store accepts before asking anything', async () => {
    const { signing, counts } = setup()
    await expect(signing.prepareDownloadLinks({ ...batch, bucket: '..' })).rejects.toMatchObject({
      code: 'invalid-argument'
    })
    expect(counts()).toEqual({ signersMade: 0, regionLookups: 0 })
  })
})
