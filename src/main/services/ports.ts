import type { AwsCredentialIdentity } from '@smithy/types'
import type {
  BucketSummary,
  ObjectDetails,
  ObjectPage,
  ObjectVersion,
  ProfileSummary
} from '../../shared/models'
import type {
  PostUploadLimits,
  PostUploadLink,
  PutUploadLink,
  UploadDestination
} from '../../shared/upload-links'

/**
 * The seams between services and adapters. Each is implemented once and passed in by the
 * composition root (`src/main/index.ts`), so services and their tests never build their own.
 * Only `src/main/adapters` import the AWS SDK, Electron and electron-store.
 */

/** Looks up a profile by id; throws `AppError('profile-not-found')` when there is none. */
export interface ProfileDirectory {
  getProfile(profileId: string): ProfileSummary
}

/**
 * Resolves a profile's credentials once and caches them until shortly before they expire.
 *
 * Throws `AppError('credentials-missing' | 'credentials-expired')` with a message that says
 * what to run (e.g. `aws sso login --profile dev`). Never logs the credentials.
 */
export interface CredentialSource {
  getCredentials(profileId: string): Promise<AwsCredentialIdentity>
  /** Drops the cached credentials of one profile (e.g. after its config changed) or of all. */
  invalidate(profileId?: string): void
}

/** Which profile and region a request is made for. */
export interface S3Target {
  profileId: string
  region: string
}

export interface PresignGetRequest {
  bucket: string
  key: string
  expiresInSeconds: number
  /** Sent back by S3 as the Content-Disposition header, e.g. for a friendly file name. */
  responseContentDisposition?: string
}

/** One GET link to sign for a bucket already chosen (see `S3Gateway.presignerFor`). */
export interface BucketGetLinkRequest {
  key: string
  expiresInSeconds: number
  /** `response-content-disposition`: `attachment; filename=...`, `inline`, ... */
  responseContentDisposition?: string
  /** `response-content-type`: the Content-Type S3 sends instead of the stored one. */
  responseContentType?: string
  /** `versionId`: one version of the object rather than the latest. */
  versionId?: string
  /** The link's X-Amz-Date (whole seconds): every link of a batch shares one. */
  signingDate: Date
}

/** Signs GET links for one bucket; returns the URL `getSignedUrl` would for the same input. */
export type BucketGetLinkSigner = (request: BucketGetLinkRequest) => Promise<string>

/** An object found by a recursive listing. */
export interface ListedObject {
  key: string
  size: number
  /** ISO; absent where a caller (or a fake) does not need it. */
  lastModified?: string | null
}

/** A PUT upload link to sign (see `adapters/upload-presigner.ts`). */
export interface PutUploadSigningRequest {
  bucket: string
  key: string
  expiresInSeconds: number
  /** Bound into the signature: the uploader must send exactly this Content-Type. */
  contentType: string | null
  /** The link's X-Amz-Date (whole seconds). */
  signingDate: Date
}

/** A POST upload form to sign, with its limits in the policy. */
export interface PostUploadSigningRequest {
  bucket: string
  destination: UploadDestination
  limits: PostUploadLimits
  expiresInSeconds: number
}

/** An object to write (the upload page): small, held in memory. */
export interface PutObjectRequest {
  bucket: string
  key: string
  body: string
  contentType: string
  cacheControl?: string
}

/**
 * Every S3 call the app makes, behind one port.
 *
 * The adapter keeps one S3 client per (profile, region, endpoint), reused; clients honour the
 * profile's `endpoint_url` and `addressing_style` and are created with
 * `requestChecksumCalculation`/`responseChecksumValidation` = `WHEN_REQUIRED`. SDK errors are
 * turned into `AppError`s with user-facing messages.
 */
export interface S3Gateway {
  listBuckets(profileId: string): Promise<BucketSummary[]>
  /** Asks the server where the bucket lives (`x-amz-bucket-region`, then GetBucketLocation). */
  locateBucket(profileId: string, bucket: string): Promise<string>
  /**
   * One page of a folder. Fails with `endpoint-unreachable` when the server has not answered
   * within the call's deadline, and with `cancelled` once `signal` aborts.
   */
  listObjects(
    target: S3Target,
    request: { bucket: string; prefix: string; token: string | null; pageSize?: number },
    signal?: AbortSignal
  ): Promise<ObjectPage>
  headObject(target: S3Target, request: { bucket: string; key: string }): Promise<ObjectDetails>
  presignGet(target: S3Target, request: PresignGetRequest): Promise<string>
  /**
   * A signer for many GET links to one bucket: the endpoint, addressing style and signing
   * scope are resolved once, each link costs one signature (`adapters/fast-presigner.ts`).
   */
  presignerFor(target: S3Target, bucket: string): Promise<BucketGetLinkSigner>
  /**
   * Every object under a prefix, sub-folders included (no delimiter), one page at a time.
   * Stops between pages once `signal` aborts.
   */
  listAllObjects(
    target: S3Target,
    request: { bucket: string; prefix: string; signal?: AbortSignal; pageSize?: number }
  ): AsyncIterable<ListedObject[]>
  /** Signs a PUT upload link with the profile's client (no request is sent). */
  presignUploadPut(target: S3Target, request: PutUploadSigningRequest): Promise<PutUploadLink>
  /** Signs a POST upload form with the profile's client (no request is sent). */
  presignUploadPost(target: S3Target, request: PostUploadSigningRequest): Promise<PostUploadLink>
  /**
   * Asks the bucket whether it takes form uploads at all, with a form that cannot store
   * anything (no file, a spoiled signature). Throws `invalid-argument`, naming the problem, when
   * the store answers that it does not implement POST Object (Swift: 412, others 405/501).
   */
  checkFormUploads(target: S3Target, link: PostUploadLink): Promise<void>
  /** PutObject; `access-denied` names the missing s3:PutObject. */
  putObject(target: S3Target, request: PutObjectRequest): Promise<void>
  /**
   * DeleteObject; deleting a key that is not there succeeds, as in S3. With `versionId`, that
   * version is deleted for good (no delete marker), as S3 does.
   */
  deleteObject(
    target: S3Target,
    request: { bucket: string; key: string; versionId?: string | null }
  ): Promise<void>
  /**
   * The versions of exactly `key` (ListObjectVersions with the key as prefix, other keys
   * dropped), newest first, delete markers flagged; at most `MAX_LISTED_VERSIONS`. An
   * unversioned bucket answers with one entry, version `null`, as S3 does.
   */
  listObjectVersions(
    target: S3Target,
    request: { bucket: string; key: string }
  ): Promise<ObjectVersion[]>
  /** Forgets the clients of one profile or of all (after config files change). */
  invalidate(profileId?: string): void
}

/** The most versions of one object `listObjectVersions` returns (newest first). */
export const MAX_LISTED_VERSIONS = 1_000

/** Finds and caches the region a bucket lives in. */
export interface BucketRegionResolver {
  regionOf(profileId: string, bucket: string): Promise<string>
}

/** The region S3 uses when none is given (and what an empty LocationConstraint means). */
export const DEFAULT_REGION = 'us-east-1'

/** Wall-clock time; tests pass a fake one where time matters. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
