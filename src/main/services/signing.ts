import {
  attachmentContentDisposition,
  defaultDownloadFilename,
  sanitizeDownloadFilename
} from '../../shared/content-disposition'
import { AppError } from '../../shared/errors'
import { assertValidLinkLifetime, effectiveExpiry, type EffectiveExpiry } from '../../shared/expiry'
import type { InvokeArgs } from '../../shared/ipc-contract'
import type {
  CredentialsStatus,
  DownloadNameRule,
  IssuedLink,
  ProfileSummary,
  UploadLinkDetails
} from '../../shared/models'
import { assertBucketName, assertObjectKey } from '../../shared/s3-names'
import { postUploadCommand, putUploadCommand } from '../../shared/upload-commands'
import type { PostUploadLink, PutUploadLink } from '../../shared/upload-links'
import { renderUploadPage } from '../../shared/upload-page'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'
import {
  systemClock,
  type BucketRegionResolver,
  type Clock,
  type ProfileDirectory,
  type S3Gateway
} from './ports'
import type { LinkDraft, LinkService } from './registry-ports'
import { assertUploadRequest, postLimitsOf, type UploadLinkRequest } from './uploads'

/** Tells when a profile's credentials stop working (the credential cache implements it). */
export interface CredentialsStatusSource {
  status(profileId: string): Promise<CredentialsStatus>
}

export interface SigningDependencies {
  profiles: ProfileDirectory
  regions: BucketRegionResolver
  credentials: CredentialsStatusSource
  gateway: Pick<S3Gateway, 'presignerFor'> & UploadGateway
  links: Pick<LinkService, 'record'>
  clock?: Clock
  /**
   * Base64 SHA-256 of a text's UTF-8 bytes, for the upload page's CSP (services cannot import
   * node:crypto; the app passes `sha256Base64` from `adapters/upload-presigner.ts`).
   */
  sha256Base64?: (text: string) => string
}

/** What upload links need of the gateway, besides the GET signer of their page. */
export type UploadGateway = Pick<
  S3Gateway,
  'presignUploadPut' | 'presignUploadPost' | 'checkFormUploads' | 'putObject' | 'deleteObject'
>

export type DownloadLinkRequest = InvokeArgs<'links:create-download'>

/** What every link of one signing session shares. */
export interface DownloadLinksRequest {
  profileId: string
  bucket: string
  expiresInSeconds: number
  label?: string
}

/**
 * Signs GET links for one bucket, all with one X-Amz-Date, one lifetime and one label.
 *
 * Made by `prepareDownloadLinks`: the bucket's region, the credentials' real expiry and the
 * signer are looked up once, so each link costs one signature.
 */
export interface DownloadLinkSigner {
  region: string
  /** The links' X-Amz-Date (epoch ms, whole seconds). */
  signedAt: number
  expiry: EffectiveExpiry
  /**
   * Signs one key into a link ready to record (nothing is recorded here).
   *
   * `downloadFilename` is the name the browser saves the file as, already cleaned
   * (`downloadFilenameFor`), or null for none; `batchId` the batch the link belongs to.
   */
  sign(key: string, downloadFilename: string | null, batchId?: string | null): Promise<LinkDraft>
}

export interface SigningService {
  /** Signs a GET link for the object, records it in the registry and returns it. */
  createDownloadLink(request: DownloadLinkRequest): Promise<IssuedLink>
  /**
   * Everything links to one bucket share, resolved once; the bulk job signs its batch with it.
   *
   * Throws `credentials-expired` when the credentials have already run out: a link signed
   * with them would never work.
   */
  prepareDownloadLinks(request: DownloadLinksRequest): Promise<DownloadLinkSigner>
  /**
   * Signs an upload link (PUT, or POST with its limits in the policy), records it and returns
   * it. With `page`, first publishes the browser upload page at `page.key` and records the
   * page's GET link (same lifetime) as the link's URL.
   *
   * A POST link is made only for a bucket that takes form uploads (`checkFormUploads`).
   */
  createUploadLink(request: UploadLinkRequest): Promise<IssuedLink>
}

/** What every link of one signing session shares: region, X-Amz-Date, real expiry. */
interface SigningSession {
  profile: ProfileSummary
  region: string
  /** The links' X-Amz-Date (epoch ms, whole seconds). */
  signedAt: number
  expiry: EffectiveExpiry
}

/** The download name a bulk rule gives an object: its own name, or none. */
export function downloadFilenameFor(key: string, rule: DownloadNameRule): string | null {
  return rule === 'object-name' ? defaultDownloadFilename(key) : null
}

/**
 * One signing pipeline for single links and batches.
 *
 * A link's real expiry is the earlier of its requested lifetime and its credentials' expiry;
 * it is signed for the bucket's own region; its X-Amz-Date is taken once per session, so a
 * batch's links share it and their recorded expiry is exact to the second.
 */
export function createSigningService({
  profiles,
  regions,
  credentials,
  gateway,
  links,
  clock = systemClock,
  sha256Base64
}: SigningDependencies): SigningService {
  async function openSession(
    profileId: string,
    bucket: string,
    expiresInSeconds: number
  ): Promise<SigningSession> {
    // Checked here too, not only at the IPC boundary: the link's expiry math relies on it.
    assertValidLinkLifetime(expiresInSeconds)
    // Before the region lookup: a name S3 cannot store should not cost a request.
    assertBucketName(bucket)
    const profile = profiles.getProfile(profileId)
    // The bucket's own region: a signature for another region is refused by S3.
    const [region, status] = await Promise.all([
      regions.regionOf(profileId, bucket),
      credentials.status(profileId)
    ])
    const now = clock.now()
    // X-Amz-Date has whole seconds, and this one is passed to the signer, so the recorded
    // expiry is exactly the one S3 applies.
    const signedAt = Math.floor(now / 1000) * 1000
    const credentialsExpireAt = status.expiresAt === null ? null : Date.parse(status.expiresAt)
    const expiry = effectiveExpiry(signedAt, expiresInSeconds, credentialsExpireAt)
    if (expiry.expiresAt <= now) throw credentialsExpired(profileId)
    return { profile, region, signedAt, expiry }
  }

  async function prepareDownloadLinks({
    profileId,
    bucket,
    expiresInSeconds,
    label
  }: DownloadLinksRequest): Promise<DownloadLinkSigner> {
    const { profile, region, signedAt, expiry } = await openSession(
      profileId,
      bucket,
      expiresInSeconds
    )
    const presign = await gateway.presignerFor({ profileId, region }, bucket)

    const signingDate = new Date(signedAt)
    // Shared by every link of the session: computed once, not per link.
    const common = {
      createdAt: signingDate.toISOString(),
      profileId,
      bucket,
      region,
      endpoint: profile.endpointUrl,
      method: 'GET' as const,
      requestedExpiresInSeconds: expiresInSeconds,
      requestedExpiresAt: new Date(expiry.requestedExpiresAt).toISOString(),
      expiresAt: new Date(expiry.expiresAt).toISOString(),
      cappedBy: expiry.cappedBy,
      label: label?.trim() ?? ''
    }

    return {
      region,
      signedAt,
      expiry,
      async sign(key, downloadFilename, batchId = null) {
        const url = await presign(
          downloadFilename === null
            ? { key, expiresInSeconds, signingDate }
            : {
                key,
                expiresInSeconds,
                signingDate,
                responseContentDisposition: attachmentContentDisposition(downloadFilename)
              }
        )
        return { ...common, key, url, downloadFilename, batchId }
      }
    }
  }

  return {
    prepareDownloadLinks,

    async createDownloadLink({
      profileId,
      bucket,
      key,
      expiresInSeconds,
      label,
      downloadFilename
    }) {
      assertValidLinkLifetime(expiresInSeconds)
      assertBucketName(bucket)
      assertObjectKey(key)
      const filename = resolveFilename(key, downloadFilename)
      const signer = await prepareDownloadLinks({
        profileId,
        bucket,
        expiresInSeconds,
        ...(label === undefined ? {} : { label })
      })
      return links.record(await signer.sign(key, filename))
    },

    async createUploadLink(request) {
      assertUploadRequest(request)
      if (request.page && sha256Base64 === undefined) {
        throw new AppError('internal', 'This build of the app cannot publish upload pages.')
      }
      const { profileId, bucket, destination, method, expiresInSeconds, page } = request
      const session = await openSession(profileId, bucket, expiresInSeconds)
      const target = { profileId, region: session.region }
      const signingDate = new Date(session.signedAt)

      let link: PutUploadLink | PostUploadLink
      let details: Omit<UploadLinkDetails, 'kind' | 'pageKey'>
      if (method === 'PUT') {
        // uploadRequestProblem has refused a prefix and a starts-with rule for PUT.
        const key = destination.kind === 'key' ? destination.key : ''
        const rule = request.contentType ?? null
        const put = await gateway.presignUploadPut(target, {
          bucket,
          key,
          expiresInSeconds,
          contentType: rule?.kind === 'exact' ? rule.contentType : null,
          signingDate
        })
        link = put
        details = {
          uploadMethod: 'PUT',
          destination,
          contentType: rule,
          minBytes: null,
          maxBytes: null,
          fields: null,
          headers: put.headers,
          uploadUrl: put.url,
          command: putUploadCommand(put)
        }
      } else {
        const limits = postLimitsOf(request)
        const post = await gateway.presignUploadPost(target, {
          bucket,
          destination,
          limits,
          expiresInSeconds
        })
        // Before anything is published or recorded: a POST link to a store without form
        // uploads would fail for every recipient.
        await gateway.checkFormUploads(target, post)
        link = post
        details = {
          uploadMethod: 'POST',
          destination,
          contentType: limits.contentType,
          minBytes: limits.minBytes,
          maxBytes: limits.maxBytes,
          fields: post.fields,
          headers: null,
          uploadUrl: post.url,
          command: postUploadCommand(post)
        }
      }

      // The POST's dates are the SDK's clock; the link ends at whichever ends first.
      const expiresAt = Math.min(session.expiry.expiresAt, Date.parse(link.expiresAt))
      const draft: LinkDraft = {
        createdAt: signingDate.toISOString(),
        profileId,
        bucket,
        // Where files land: what the Links view shows and searches.
        key: destination.kind === 'key' ? destination.key : destination.prefix,
        region: session.region,
        endpoint: session.profile.endpointUrl,
        method,
        requestedExpiresInSeconds: expiresInSeconds,
        requestedExpiresAt: new Date(session.expiry.requestedExpiresAt).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        cappedBy: session.expiry.cappedBy,
        url: link.url,
        label: request.label?.trim() ?? '',
        downloadFilename: null,
        batchId: null,
        upload: { ...details, kind: method === 'PUT' ? 'put' : 'post', pageKey: null }
      }
      if (page === null || page === undefined || sha256Base64 === undefined) {
        return links.record(draft)
      }

      const rendered = renderUploadPage({
        link,
        expiresAt,
        ...(page.title === undefined ? {} : { title: page.title }),
        ...(page.note === undefined ? {} : { note: page.note }),
        sha256Base64
      })
      // The page's GET link: same X-Amz-Date and lifetime as the upload link, served inline.
      // Signed before the page is written, so that a failure leaves nothing in the bucket.
      const presign = await gateway.presignerFor(target, bucket)
      const pageUrl = await presign({ key: page.key, expiresInSeconds, signingDate })
      await gateway.putObject(target, {
        bucket,
        key: page.key,
        body: rendered.html,
        contentType: rendered.contentType
      })
      try {
        return links.record({
          ...draft,
          method: 'GET',
          url: pageUrl,
          upload: { ...details, kind: 'page', pageKey: page.key }
        })
      } catch (error) {
        // Not recorded, so nothing would ever offer to delete the page: take it down again.
        await gateway.deleteObject(target, { bucket, key: page.key }).catch(() => {})
        throw error
      }
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
    `The credentials of profile ${quoteForMessage(profileId)} have expired, so a link signed with them would not work. Refresh them (for SSO: \`aws sso login --profile ${cleanForMessage(profileId)}\`) and try again.`
  )
}
