import {
  defaultDownloadFilename,
  responseContentDisposition as dispositionHeader,
  sanitizeDownloadFilename
} from '../../shared/content-disposition'
import { AppError, isAppError } from '../../shared/errors'
import { assertValidLinkLifetime, effectiveExpiry, type EffectiveExpiry } from '../../shared/expiry'
import {
  MAX_LINK_SECONDS,
  MAX_LINK_URL_LENGTH,
  MIN_LINK_SECONDS,
  type DownloadLinkOptions,
  type InvokeArgs
} from '../../shared/ipc-contract'
import {
  isShortenedFrom,
  linkTooLongError,
  pathEncodedLength,
  queryEncodedLength,
  shortenDownloadFilename,
  type LinkLengthParts
} from '../../shared/link-length'
import { notTestedUpload, untestedByError } from '../../shared/link-test'
import type {
  CredentialsStatus,
  DownloadNameRule,
  IssuedLink,
  LinkDisposition,
  LinkMeasure,
  LinkSelfTest,
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
  /** `get` and `update` are needed to renew links (and `get` to walk their chains). */
  links: Pick<LinkService, 'record'> & Partial<Pick<LinkService, 'get' | 'update'>>
  /**
   * Fetches a freshly signed download link once (`Range: bytes=0-0`) and says whether it works
   * (`services/link-checks.ts`). Without it, links are recorded untested.
   */
  testLink?: (url: string) => Promise<LinkSelfTest>
  /**
   * Whether new links are tested when the request does not say (the user's `testNewLinks`
   * setting): renewals and upload pages follow it as single links do. Default: always.
   */
  testNewLinks?: () => boolean
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
  /** The lifetime in seconds; give this or `until`. */
  expiresInSeconds?: number
  /** The moment (ISO) the links end, within 7 days of signing; give this or `expiresInSeconds`. */
  until?: string
  label?: string
  /** `attachment` (the default) or `inline`. */
  disposition?: LinkDisposition
  /** The Content-Type recipients get instead of the stored one. */
  contentType?: string | null
}

/** What one link of a session adds to it. */
export interface LinkSignOptions {
  /** Pins the link to one version of the object. */
  versionId?: string | null
  /**
   * Whether `downloadFilename` is the default name (the key's own), which may be shortened to
   * keep the link under `MAX_LINK_URL_LENGTH`. Absent: it is when it equals the key's own name
   * (a bulk share's names).
   */
  defaultName?: boolean
}

/** A link signed but not recorded, with what its length made of its download name. */
export interface SignedDraft {
  draft: LinkDraft
  /** Whether the default download name was shortened to fit. */
  shortened: boolean
  /** What makes the link too long, when it is longer than `MAX_LINK_URL_LENGTH`; else null. */
  tooLong: LinkLengthParts | null
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
  /** The links' lifetime in seconds (from `until`, the time left from X-Amz-Date to it). */
  expiresInSeconds: number
  /**
   * Signs one key into a link ready to record (nothing is recorded here).
   *
   * `downloadFilename` is the name the browser saves the file as, already cleaned
   * (`downloadFilenameFor`), or null for none; `batchId` the batch the link belongs to. A
   * default name is shortened to keep the link under `MAX_LINK_URL_LENGTH`; a link that is
   * still longer throws `link-too-long`.
   */
  sign(
    key: string,
    downloadFilename: string | null,
    batchId?: string | null,
    options?: LinkSignOptions
  ): Promise<LinkDraft>
  /** As `sign`, but a link that is too long is returned (to be measured) with why, not refused. */
  measure(
    key: string,
    downloadFilename: string | null,
    options?: LinkSignOptions
  ): Promise<SignedDraft>
}

export interface SigningService {
  /**
   * Signs a GET link for the object, tests it once (unless `selfTest` is false) and records it
   * with the test's result. A link that fails its test is still recorded and returned.
   */
  createDownloadLink(request: DownloadLinkRequest): Promise<IssuedLink>
  /** Signs a GET link as `createDownloadLink` would, without testing or recording it. */
  measureDownloadLink(request: DownloadLinkOptions): Promise<LinkMeasure>
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
  /**
   * Signs a new link like the one recorded as `id` (same profile, object, name, disposition,
   * content type, version, label and requested lifetime; an upload link's same upload rules),
   * records it as renewing that one and returns it. A link already renewed is renewed from the
   * newest link of its chain, so chains never fork. Upload pages and revoked links are refused.
   */
  renew(id: string): Promise<IssuedLink>
  /** The renewal chain `id` belongs to, oldest first (missing links and cycles end it). */
  chain(id: string): IssuedLink[]
}

/** What every link of one signing session shares: region, X-Amz-Date, real expiry. */
interface SigningSession {
  profile: ProfileSummary
  region: string
  /** The links' X-Amz-Date (epoch ms, whole seconds). */
  signedAt: number
  /** The lifetime signed into the links (`X-Amz-Expires`). */
  expiresInSeconds: number
  expiry: EffectiveExpiry
}

/** How long a session's links live: a lifetime, or a moment to end at. */
type Lifetime = { expiresInSeconds?: number | undefined; until?: string | undefined }

/** What a renewal carries over from the link it renews. */
interface RenewalExtras {
  renewedFromId?: string
  /** A watched link's renewal is watched too: the user still wants to hear when it ends. */
  watched?: boolean
}

/** What a recorded link carries besides the signed draft. */
interface RecordExtras extends RenewalExtras {
  selfTest: LinkSelfTest | null
}

/** The longest renewal chain walked; far beyond any real one, it only bounds a damaged registry. */
const MAX_CHAIN_LENGTH = 1_000

/** The download name a bulk rule gives an object: its own name, or none. */
export function downloadFilenameFor(key: string, rule: DownloadNameRule): string | null {
  return rule === 'object-name' ? defaultDownloadFilename(key) : null
}

/**
 * One signing pipeline for single links, batches and uploads.
 *
 * A link's real expiry is the earlier of its requested lifetime and its credentials' expiry;
 * it is signed for the bucket's own region; its X-Amz-Date is taken once per session, so a
 * batch's links share it and their recorded expiry is exact to the second. A link that must
 * end at a given moment (`until`) gets the lifetime from that X-Amz-Date to it.
 */
export function createSigningService({
  profiles,
  regions,
  credentials,
  gateway,
  links,
  testLink,
  testNewLinks = () => true,
  clock = systemClock,
  sha256Base64
}: SigningDependencies): SigningService {
  async function openSession(
    profileId: string,
    bucket: string,
    lifetime: Lifetime
  ): Promise<SigningSession> {
    assertOneLifetime(lifetime)
    // Checked here too, not only at the IPC boundary: the link's expiry math relies on it.
    if (lifetime.expiresInSeconds !== undefined) assertValidLinkLifetime(lifetime.expiresInSeconds)
    const until = lifetime.until === undefined ? null : parseUntil(lifetime.until)
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
    const expiresInSeconds =
      until === null ? lifetime.expiresInSeconds! : lifetimeUntil(until, signedAt)
    const credentialsExpireAt = status.expiresAt === null ? null : Date.parse(status.expiresAt)
    const expiry = effectiveExpiry(signedAt, expiresInSeconds, credentialsExpireAt)
    if (expiry.expiresAt <= now) throw credentialsExpired(profileId)
    return { profile, region, signedAt, expiresInSeconds, expiry }
  }

  async function prepareDownloadLinks({
    profileId,
    bucket,
    expiresInSeconds: asked,
    until,
    label,
    disposition = 'attachment',
    contentType
  }: DownloadLinksRequest): Promise<DownloadLinkSigner> {
    const session = await openSession(profileId, bucket, { expiresInSeconds: asked, until })
    const { profile, region, signedAt, expiry, expiresInSeconds } = session
    const presign = await gateway.presignerFor({ profileId, region }, bucket)
    const responseContentType = contentType ?? null

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
      label: label?.trim() ?? '',
      disposition,
      // Only when set: a bulk share records thousands of links, and absent means none.
      ...(responseContentType === null ? {} : { responseContentType })
    }

    function signOnce(key: string, name: string | null, versionId: string | null) {
      const responseContentDisposition = dispositionHeader(disposition, name)
      return presign({
        key,
        expiresInSeconds,
        signingDate,
        ...(responseContentDisposition === undefined ? {} : { responseContentDisposition }),
        ...(responseContentType === null ? {} : { responseContentType }),
        ...(versionId === null ? {} : { versionId })
      })
    }

    async function measure(
      key: string,
      downloadFilename: string | null,
      options: LinkSignOptions = {}
    ): Promise<SignedDraft> {
      const versionId = options.versionId ?? null
      let name = downloadFilename
      let url = await signOnce(key, name, versionId)
      let shortened = false
      if (url.length > MAX_LINK_URL_LENGTH && name !== null) {
        const isDefault = options.defaultName ?? name === defaultDownloadFilename(key)
        if (isDefault) {
          // The URL is the rest plus the disposition's encoded value: exact, so no re-signing
          // is needed to try a shorter name.
          const rest = url.length - dispositionLength(disposition, name)
          const fitted = shortenDownloadFilename(
            name,
            (candidate) => rest + dispositionLength(disposition, candidate) <= MAX_LINK_URL_LENGTH
          )
          if (fitted !== null && fitted !== name) {
            name = fitted
            shortened = true
            url = await signOnce(key, name, versionId)
          }
        }
      }
      const draft: LinkDraft = {
        ...common,
        key,
        url,
        downloadFilename: name,
        batchId: null,
        ...(versionId === null ? {} : { versionId })
      }
      const tooLong =
        url.length > MAX_LINK_URL_LENGTH
          ? {
              length: url.length,
              keyLength: pathEncodedLength(key),
              nameLength: dispositionLength(disposition, name),
              contentTypeLength:
                responseContentType === null ? 0 : queryEncodedLength(responseContentType),
              tokenLength: queryEncodedLength(
                new URL(url).searchParams.get('X-Amz-Security-Token') ?? ''
              )
            }
          : null
      return { draft, shortened, tooLong }
    }

    return {
      region,
      signedAt,
      expiry,
      expiresInSeconds,
      async sign(key, downloadFilename, batchId = null, options = {}) {
        const { draft, tooLong } = await measure(key, downloadFilename, options)
        if (tooLong !== null) throw linkTooLongError(tooLong)
        return { ...draft, batchId }
      },
      measure
    }
  }

  /** Tests a freshly signed GET link once; never throws (a failed test is a result). */
  async function selfTestOf(url: string, wanted: boolean): Promise<LinkSelfTest | null> {
    if (!wanted || testLink === undefined) return null
    try {
      return await testLink(url)
    } catch {
      return untestedByError(clock.now())
    }
  }

  async function signDownload(
    request: DownloadLinkOptions & { label?: string | undefined }
  ): Promise<SignedDraft> {
    const { profileId, bucket, key, downloadFilename, versionId } = request
    assertOneLifetime(request)
    if (request.expiresInSeconds !== undefined) assertValidLinkLifetime(request.expiresInSeconds)
    assertBucketName(bucket)
    assertObjectKey(key)
    const filename = resolveFilename(key, downloadFilename)
    const signer = await prepareDownloadLinks({
      profileId,
      bucket,
      expiresInSeconds: request.expiresInSeconds,
      until: request.until,
      ...(request.label === undefined ? {} : { label: request.label }),
      ...(request.disposition === undefined ? {} : { disposition: request.disposition }),
      contentType: request.contentType ?? null
    })
    return signer.measure(key, filename, {
      versionId: versionId ?? null,
      defaultName: downloadFilename === undefined
    })
  }

  async function createDownload(
    request: DownloadLinkRequest,
    extras: RenewalExtras = {}
  ): Promise<IssuedLink> {
    const { draft, tooLong } = await signDownload(request)
    // Before anything is tested or recorded.
    if (tooLong !== null) throw linkTooLongError(tooLong)
    const selfTest = await selfTestOf(draft.url, request.selfTest ?? testNewLinks())
    return record(draft, { selfTest, ...extras })
  }

  function record(draft: LinkDraft, extras: RecordExtras): IssuedLink {
    return links.record({
      ...draft,
      selfTest: extras.selfTest,
      ...(extras.renewedFromId === undefined ? {} : { renewedFromId: extras.renewedFromId }),
      ...(extras.watched === true ? { watched: true } : {})
    })
  }

  /** Signs, records and ties in the renewal of `old`, the newest link of its chain. */
  async function renewFrom(old: IssuedLink): Promise<IssuedLink> {
    const { update } = registry()
    if ((old.revoked ?? null) !== null) {
      // Revoked on purpose: a renewal would quietly give the recipient access again.
      throw new AppError(
        'invalid-argument',
        'This link was revoked, so it is not renewed. To share the object again, make a new link from its folder.'
      )
    }
    const extras: RenewalExtras = {
      renewedFromId: old.id,
      ...(old.watched === true ? { watched: true } : {})
    }
    let renewed: IssuedLink
    if (old.upload?.kind === 'page') {
      throw new AppError(
        'invalid-argument',
        'An upload page cannot be renewed: its title and note are not kept with the link, so the page could not be published again as it was. Make a new upload page from the folder (it can use the same page name).'
      )
    } else if (old.upload !== null && old.upload !== undefined) {
      const { upload } = old
      renewed = await createUpload(
        {
          profileId: old.profileId,
          bucket: old.bucket,
          destination: upload.destination,
          method: upload.uploadMethod,
          expiresInSeconds: old.requestedExpiresInSeconds,
          ...(old.label === '' ? {} : { label: old.label }),
          contentType: upload.contentType,
          ...(upload.uploadMethod === 'POST'
            ? {
                ...(upload.minBytes === null ? {} : { minBytes: upload.minBytes }),
                ...(upload.maxBytes === null ? {} : { maxBytes: upload.maxBytes })
              }
            : {})
        },
        extras
      )
    } else {
      renewed = await createDownload(
        {
          profileId: old.profileId,
          bucket: old.bucket,
          key: old.key,
          expiresInSeconds: old.requestedExpiresInSeconds,
          // The user's own name as it was; the default name (maybe shortened before) is left
          // to be the default again, shortened only if today's link needs it (a longer
          // session token, say), rather than refused as too long.
          ...(hasDefaultName(old) ? {} : { downloadFilename: old.downloadFilename }),
          ...(old.disposition === undefined ? {} : { disposition: old.disposition }),
          contentType: old.responseContentType ?? null,
          versionId: old.versionId ?? null,
          ...(old.label === '' ? {} : { label: old.label })
        },
        extras
      )
    }
    update(old.id, { renewedById: renewed.id })
    return renewed
  }

  /** Renewals being signed, by the id of the link they renew. */
  const renewing = new Map<string, Promise<IssuedLink>>()

  function registry(): Pick<LinkService, 'get' | 'update'> {
    if (links.get === undefined || links.update === undefined) {
      throw new AppError('internal', 'This build of the app cannot renew links.')
    }
    return { get: links.get.bind(links), update: links.update.bind(links) }
  }

  return {
    prepareDownloadLinks,

    createDownloadLink(request) {
      return createDownload(request)
    },

    async measureDownloadLink(request) {
      const { draft, shortened } = await signDownload(request)
      return { length: draft.url.length, downloadFilename: draft.downloadFilename, shortened }
    },

    async renew(id) {
      const { get } = registry()
      // A link renewed before is renewed from the newest of its chain (each copies the one
      // before), so a chain stays one line: oldest, renewals, newest.
      const old = newestOf(get, get(id))
      // A second click while the first renewal is signed and tested gets that renewal: two
      // renewals of one link would fork its chain.
      const pending = renewing.get(old.id)
      if (pending !== undefined) return pending
      const renewal = renewFrom(old).finally(() => renewing.delete(old.id))
      renewing.set(old.id, renewal)
      return renewal
    },

    chain(id) {
      const { get } = registry()
      const start = get(id)
      const seen = new Set([start.id])
      const follow = (from: IssuedLink, next: (link: IssuedLink) => string | null | undefined) => {
        const found: IssuedLink[] = []
        let current = from
        while (found.length < MAX_CHAIN_LENGTH) {
          const nextId = next(current)
          if (nextId === null || nextId === undefined || seen.has(nextId)) break
          const link = getIfThere(get, nextId)
          if (link === null) break
          seen.add(link.id)
          found.push(link)
          current = link
        }
        return found
      }
      const older = follow(start, (link) => link.renewedFromId)
      const newer = follow(start, (link) => link.renewedById)
      return [...older.reverse(), start, ...newer]
    },

    createUploadLink(request) {
      return createUpload(request)
    }
  }

  async function createUpload(
    request: UploadLinkRequest,
    extras: RenewalExtras = {}
  ): Promise<IssuedLink> {
    assertUploadRequest(request)
    if (request.page && sha256Base64 === undefined) {
      throw new AppError('internal', 'This build of the app cannot publish upload pages.')
    }
    const { profileId, bucket, destination, method, expiresInSeconds, page } = request
    const session = await openSession(profileId, bucket, { expiresInSeconds })
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
      // Testing a PUT or POST link would upload something: recorded as not tested.
      return record(draft, { selfTest: notTestedUpload(clock.now()), ...extras })
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
    // The page is in the bucket now, so its link can be tested like any download link.
    const selfTest = await selfTestOf(pageUrl, testNewLinks())
    try {
      return record(
        {
          ...draft,
          method: 'GET',
          url: pageUrl,
          upload: { ...details, kind: 'page', pageKey: page.key }
        },
        { selfTest, ...extras }
      )
    } catch (error) {
      // Not recorded, so nothing would ever offer to delete the page: take it down again.
      await gateway.deleteObject(target, { bucket, key: page.key }).catch(() => {})
      throw error
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

function assertOneLifetime(lifetime: Lifetime): void {
  if ((lifetime.expiresInSeconds === undefined) === (lifetime.until === undefined)) {
    throw new AppError(
      'invalid-argument',
      'Give the link either a lifetime or a date and time to end at, not both or neither.'
    )
  }
}

/** `until` as epoch ms, cut to its whole second (X-Amz-Expires counts whole seconds). */
function parseUntil(until: string): number {
  const at = Date.parse(until)
  if (Number.isNaN(at)) {
    throw new AppError(
      'invalid-argument',
      `${quoteForMessage(until)} is not a date and time the link can end at.`
    )
  }
  return Math.floor(at / 1000) * 1000
}

/** The lifetime that ends a link signed at `signedAt` exactly at `until` (both whole seconds). */
function lifetimeUntil(until: number, signedAt: number): number {
  const seconds = (until - signedAt) / 1000
  if (seconds < MIN_LINK_SECONDS || seconds > MAX_LINK_SECONDS) {
    const when = new Date(until).toISOString().replace(/\.000Z$/, 'Z')
    throw new AppError(
      'invalid-argument',
      seconds < MIN_LINK_SECONDS
        ? `The link cannot end at ${when}: that is not in the future. Choose a later date and time.`
        : `The link cannot end at ${when}: a pre-signed link lives at most 7 days from now (the SigV4 limit). Choose an earlier date and time.`
    )
  }
  return seconds
}

/** The URL characters a link's `response-content-disposition` takes (0 when it has none). */
function dispositionLength(disposition: LinkDisposition, name: string | null): number {
  const value = dispositionHeader(disposition, name)
  return value === undefined ? 0 : queryEncodedLength(value)
}

/** Whether a download link carries the key's own name, whole or shortened to fit. */
function hasDefaultName(link: IssuedLink): boolean {
  const own = defaultDownloadFilename(link.key)
  return (
    link.downloadFilename !== null && own !== null && isShortenedFrom(link.downloadFilename, own)
  )
}

/** The newest link that renewed `link`, following `renewedById` while those links exist. */
function newestOf(get: (id: string) => IssuedLink, link: IssuedLink): IssuedLink {
  const seen = new Set([link.id])
  let newest = link
  while (seen.size < MAX_CHAIN_LENGTH) {
    const nextId = newest.renewedById
    if (nextId === null || nextId === undefined || seen.has(nextId)) break
    const next = getIfThere(get, nextId)
    if (next === null) break
    seen.add(next.id)
    newest = next
  }
  return newest
}

/** A link of a chain, or null when it has been forgotten since. */
function getIfThere(get: (id: string) => IssuedLink, id: string): IssuedLink | null {
  try {
    return get(id)
  } catch (error) {
    if (isAppError(error) && error.code === 'link-not-found') return null
    throw error
  }
}
