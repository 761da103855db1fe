import type { AwsCredentialIdentity } from '@smithy/types'
import type { BucketSummary, ObjectDetails, ObjectPage, ProfileSummary } from '../../shared/models'

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
  listObjects(
    target: S3Target,
    request: { bucket: string; prefix: string; token: string | null; pageSize?: number }
  ): Promise<ObjectPage>
  headObject(target: S3Target, request: { bucket: string; key: string }): Promise<ObjectDetails>
  presignGet(target: S3Target, request: PresignGetRequest): Promise<string>
  /** Forgets the clients of one profile or of all (after config files change). */
  invalidate(profileId?: string): void
}

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
