import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import type { CredentialsStatus, ProfileSummary } from '../../shared/models'
import { createInMemoryLinkRepository } from '../../../test-support/in-memory-link-repository'
import { createLinkService } from './links'
import type { PresignGetRequest, S3Gateway, S3Target } from './ports'
import { createSigningService, type DownloadLinkRequest } from './signing'

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
  request: PresignGetRequest
}

function setup(options: { credentialsExpireAt?: number | null; now?: number } = {}) {
  const presigned: PresignCall[] = []
  const gateway = {
    async presignGet(target: S3Target, request: PresignGetRequest) {
      presigned.push({ target, request })
      return `https://s3.example.test/${request.bucket}/${request.key}?X-Amz-Signature=f00`
    }
  } as Pick<S3Gateway, 'presignGet'> as S3Gateway
  const status: CredentialsStatus = {
    profileId: 'dev',
    temporary: options.credentialsExpireAt != null,
    expiresAt:
      options.credentialsExpireAt == null
        ? null
        : new Date(options.credentialsExpireAt).toISOString()
  }
  const clock = { now: () => options.now ?? T0 }
  const links = createLinkService({ repository: createInMemoryLinkRepository(), clock })
  const signing = createSigningService({
    profiles: {
      getProfile(id) {
        if (id !== 'dev') throw new AppError('profile-not-found', `No profile named ${id}.`)
        return profile
      }
    },
    // The bucket lives in another region than the profile's default.
    regions: { regionOf: async () => 'eu-west-2' },
    credentials: { status: async () => status },
    gateway,
    links,
    clock
  })
  return { signing, links, presigned }
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
      const { signing, presigned, links } = setup()
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
      expect(links.snapshot().links).toEqual([])
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
    const { signing, links } = setup({ credentialsExpireAt: T0 - MINUTE })
    await expect(signing.createDownloadLink(request)).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringContaining('aws sso login --profile dev')
    })
    expect(links.snapshot().links).toEqual([])
  })

  it('dates the link to the whole second, as X-Amz-Date does, never later', async () => {
    const { signing } = setup({ now: T0 + 999 })
    const link = await signing.createDownloadLink(request)
    expect(link.createdAt).toBe(new Date(T0).toISOString())
    expect(link.expiresAt).toBe(new Date(T0 + 60 * MINUTE).toISOString())
  })
})

describe('signing service: the link', () => {
  it('signs for the bucket’s own region and records the link in the registry', async () => {
    const { signing, presigned, links } = setup()
    const link = await signing.createDownloadLink({ ...request, label: '  for Ana  ' })
    expect(presigned[0]?.target).toEqual({ profileId: 'dev', region: 'eu-west-2' })
    expect(link).toMatchObject({
      profileId: 'dev',
      bucket: 'reports',
      key: '2026/Q1 résumé.pdf',
      region: 'eu-west-2',
      endpoint: 'https://s3.example.test',
      method: 'GET',
      url: 'https://s3.example.test/reports/2026/Q1 résumé.pdf?X-Amz-Signature=f00',
      label: 'for Ana'
    })
    expect(links.snapshot().links).toEqual([link])
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
