import {
  attachmentContentDisposition,
  defaultDownloadFilename,
  sanitizeDownloadFilename
} from '../../shared/content-disposition'
import { AppError } from '../../shared/errors'
import { assertValidLinkLifetime, effectiveExpiry } from '../../shared/expiry'
import type { InvokeArgs } from '../../shared/ipc-contract'
import type { CredentialsStatus, IssuedLink } from '../../shared/models'
import type { LinkService } from './links'
import {
  systemClock,
  type BucketRegionResolver,
  type Clock,
  type ProfileDirectory,
  type S3Gateway
} from './ports'

/** Tells when a profile's credentials stop working (the credential cache implements it). */
export interface CredentialsStatusSource {
  status(profileId: string): Promise<CredentialsStatus>
}

export interface SigningDependencies {
  profiles: ProfileDirectory
  regions: BucketRegionResolver
  credentials: CredentialsStatusSource
  gateway: S3Gateway
  links: Pick<LinkService, 'record'>
  clock?: Clock
}

export type DownloadLinkRequest = InvokeArgs<'links:create-download'>

export interface SigningService {
  /** Signs a GET link for the object, records it in the registry and returns it. */
  createDownloadLink(request: DownloadLinkRequest): Promise<IssuedLink>
}

export function createSigningService({
  profiles,
  regions,
  credentials,
  gateway,
  links,
  clock = systemClock
}: SigningDependencies): SigningService {
  return {
    async createDownloadLink({
      profileId,
      bucket,
      key,
      expiresInSeconds,
      label,
      downloadFilename
    }) {
      // Checked here too, not only at the IPC boundary: the link's expiry math relies on it.
      assertValidLinkLifetime(expiresInSeconds)
      const filename = resolveFilename(key, downloadFilename)
      const profile = profiles.getProfile(profileId)
      // The bucket's own region: a signature for another region is refused by S3.
      const [region, status] = await Promise.all([
        regions.regionOf(profileId, bucket),
        credentials.status(profileId)
      ])
      const now = clock.now()
      // X-Amz-Date has whole seconds and is taken just after this, so rounding down never
      // promises a link more life than it has.
      const signedAt = Math.floor(now / 1000) * 1000
      const credentialsExpireAt = status.expiresAt === null ? null : Date.parse(status.expiresAt)
      const expiry = effectiveExpiry(signedAt, expiresInSeconds, credentialsExpireAt)
      if (expiry.expiresAt <= now) throw credentialsExpired(profileId)
      const url = await gateway.presignGet(
        { profileId, region },
        {
          bucket,
          key,
          expiresInSeconds,
          ...(filename === null
            ? {}
            : { responseContentDisposition: attachmentContentDisposition(filename) })
        }
      )
      return links.record({
        createdAt: new Date(signedAt).toISOString(),
        profileId,
        bucket,
        key,
        region,
        endpoint: profile.endpointUrl,
        method: 'GET',
        requestedExpiresInSeconds: expiresInSeconds,
        requestedExpiresAt: new Date(expiry.requestedExpiresAt).toISOString(),
        expiresAt: new Date(expiry.expiresAt).toISOString(),
        cappedBy: expiry.cappedBy,
        url,
        label: label?.trim() ?? '',
        downloadFilename: filename
      })
    }
  }
}

function resolveFilename(key: string, requested: string | null | undefined): string | null {
  if (requested === null) return null
  if (requested === undefined) return defaultDownloadFilename(key)
  const sanitized = sanitizeDownloadFilename(requested)
  if (sanitized === null) {
    throw new AppError(
      'invalid-argument',
      'The download file name is empty once slashes and control characters are removed. Type another name, or leave it blank to use the object’s own name.'
    )
  }
  return sanitized
}

function credentialsExpired(profileId: string): AppError {
  return new AppError(
    'credentials-expired',
    `The credentials of profile \`${profileId}\` have expired, so a link signed with them would not work. Refresh them (for SSO: \`aws sso login --profile ${profileId}\`) and try again.`
  )
}
