import {
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { AppError } from '../../shared/errors'
import { type AppErrorCode } from '../../shared/errors'
import { assertValidLinkLifetime } from '../../shared/expiry'
import type { BucketSummary, FolderEntry, ObjectEntry, ProfileSummary } from '../../shared/models'
import {
  DEFAULT_REGION,
  type CredentialSource,
  type ProfileDirectory,
  type S3Gateway,
  type S3Target
} from '../services/ports'
import { regionFromError, toAppError, type S3Operation } from './s3-errors'

export interface S3GatewayDependencies {
  profiles: ProfileDirectory
  credentials: CredentialSource
  /** Overrides for tests; the defaults suit the app. */
  network?: Partial<NetworkOptions>
}

export interface NetworkOptions {
  /** An unreachable host should fail in seconds: connect within this, or give up. */
  connectionTimeoutMs: number
  /** A whole request (a 1,000-key listing included) must finish within this. */
  requestTimeoutMs: number
  /** Tries per call, the first included; the SDK backs off between them. */
  maxAttempts: number
}

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = {
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 15_000,
  maxAttempts: 3
}

const DEFAULT_PAGE_SIZE = 1_000

/** HeadBucket failures that GetBucketLocation would only repeat. */
const FINAL_LOCATE_ERRORS = new Set<AppErrorCode>([
  'no-such-bucket',
  'endpoint-unreachable',
  'credentials-missing',
  'credentials-expired',
  'profile-not-found'
])

interface CachedClient {
  profileId: string
  client: S3Client
}

/** Every S3 call the app makes, through one cached SDK client per (profile, region, endpoint). */
export function createS3Gateway({
  profiles,
  credentials,
  network
}: S3GatewayDependencies): S3Gateway {
  const { connectionTimeoutMs, requestTimeoutMs, maxAttempts } = {
    ...DEFAULT_NETWORK_OPTIONS,
    ...network
  }
  const clients = new Map<string, CachedClient>()

  function clientFor(profile: ProfileSummary, region: string): S3Client {
    const forcePathStyle = usesPathStyle(profile)
    const cacheKey = [profile.id, region, profile.endpointUrl ?? '', String(forcePathStyle)].join(
      '\u0000'
    )
    const cached = clients.get(cacheKey)
    if (cached !== undefined) return cached.client
    const profileId = profile.id
    const client = new S3Client({
      region,
      // The SDK memoizes what this returns until it expires; `invalidate` drops the client too.
      credentials: () => credentials.getCredentials(profileId),
      ...(profile.endpointUrl === null ? {} : { endpoint: profile.endpointUrl }),
      // The profile service has already applied AWS_ENDPOINT_URL* and endpoint_url for this
      // profile; left alone, the SDK would add AWS_PROFILE's or [default]'s endpoint_url to it.
      ignoreConfiguredEndpointUrls: true,
      forcePathStyle,
      // Otherwise the SDK adds CRC checksums, which pre-signed URLs get wrong (see ENVIRONMENT.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts,
      // Constructor options of the SDK's NodeHttpHandler: without them a dead endpoint hangs.
      requestHandler: {
        connectionTimeout: connectionTimeoutMs,
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true
      }
    })
    clients.set(cacheKey, { profileId, client })
    return client
  }

  function forget(profileId?: string): void {
    for (const [cacheKey, entry] of clients) {
      // Not destroyed: requests still running on the old client finish normally, and its
      // idle sockets close on their own.
      if (profileId === undefined || entry.profileId === profileId) clients.delete(cacheKey)
    }
  }

  /** Turns an SDK failure into an AppError the user can act on. */
  function fail(
    profile: ProfileSummary,
    region: string,
    operation: S3Operation,
    error: unknown
  ): AppError {
    const appError = toAppError(error, {
      profileId: profile.id,
      region,
      endpoint: profile.endpointUrl,
      operation
    })
    if (appError.code === 'credentials-expired') {
      // The server knows better than the expiry we cached: fetch fresh credentials next time.
      credentials.invalidate(profile.id)
      forget(profile.id)
    }
    return appError
  }

  async function call<T>(
    profile: ProfileSummary,
    region: string,
    operation: S3Operation,
    run: (client: S3Client) => Promise<T>
  ): Promise<T> {
    try {
      return await run(clientFor(profile, region))
    } catch (error) {
      throw fail(profile, region, operation, error)
    }
  }

  return {
    async listBuckets(profileId) {
      const profile = profiles.getProfile(profileId)
      const region = profile.region ?? DEFAULT_REGION
      const buckets: BucketSummary[] = []
      let token: string | undefined
      do {
        const output = await call(profile, region, { kind: 'list-buckets' }, (client) =>
          client.send(
            new ListBucketsCommand(token === undefined ? {} : { ContinuationToken: token })
          )
        )
        for (const bucket of output.Buckets ?? []) {
          if (bucket.Name === undefined) continue
          buckets.push({ name: bucket.Name, createdAt: toIso(bucket.CreationDate) })
        }
        // Guard against a server that repeats its token instead of ending the listing.
        token =
          output.ContinuationToken && output.ContinuationToken !== token
            ? output.ContinuationToken
            : undefined
      } while (token !== undefined)
      return buckets
    },

    async locateBucket(profileId, bucket) {
      const profile = profiles.getProfile(profileId)
      const region = profile.region ?? DEFAULT_REGION
      const operation: S3Operation = { kind: 'locate-bucket', bucket }
      try {
        const head = await clientFor(profile, region).send(
          new HeadBucketCommand({ Bucket: bucket })
        )
        if (head.BucketRegion) return head.BucketRegion
      } catch (error) {
        // AWS names the bucket's region on redirects and refusals too, even to a HEAD.
        const hinted = regionFromError(error)
        if (hinted !== null) return hinted
        const appError = fail(profile, region, operation, error)
        // A HEAD error has no body to explain itself. GetBucketLocation's does: it may be
        // allowed without s3:ListBucket, and Swift's names the expected region.
        if (FINAL_LOCATE_ERRORS.has(appError.code)) throw appError
      }
      try {
        const output = await clientFor(profile, region).send(
          new GetBucketLocationCommand({ Bucket: bucket })
        )
        return regionFromLocationConstraint(output.LocationConstraint)
      } catch (error) {
        const hinted = regionFromError(error)
        if (hinted !== null) return hinted
        throw fail(profile, region, operation, error)
      }
    },

    async listObjects(target, { bucket, prefix, token, pageSize }) {
      const profile = profiles.getProfile(target.profileId)
      // No EncodingType: the XML then carries keys byte-exact, with nothing to decode.
      const output = await call(
        profile,
        target.region,
        { kind: 'list-objects', bucket, prefix },
        (client) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Delimiter: '/',
              MaxKeys: pageSize ?? DEFAULT_PAGE_SIZE,
              ...(prefix === '' ? {} : { Prefix: prefix }),
              ...(token === null ? {} : { ContinuationToken: token })
            })
          )
      )
      const folders: FolderEntry[] = []
      for (const common of output.CommonPrefixes ?? []) {
        if (common.Prefix === undefined) continue
        folders.push({ prefix: common.Prefix, name: folderName(common.Prefix, prefix) })
      }
      const objects: ObjectEntry[] = []
      for (const item of output.Contents ?? []) {
        // The zero-byte "folder marker" consoles create for an empty folder is the folder itself.
        if (item.Key === undefined || item.Key === prefix) continue
        objects.push({
          key: item.Key,
          name: item.Key.slice(prefix.length),
          size: item.Size ?? 0,
          lastModified: toIso(item.LastModified),
          storageClass: item.StorageClass ?? null,
          etag: item.ETag ?? null
        })
      }
      const next = output.NextContinuationToken
      return {
        bucket,
        prefix,
        folders,
        objects,
        nextToken: output.IsTruncated === true && next && next !== token ? next : null
      }
    },

    async headObject(target, { bucket, key }) {
      const profile = profiles.getProfile(target.profileId)
      const output = await call(
        profile,
        target.region,
        { kind: 'head-object', bucket, key },
        (client) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      )
      return {
        bucket,
        key,
        region: target.region,
        size: output.ContentLength ?? 0,
        contentType: output.ContentType ?? null,
        etag: output.ETag ?? null,
        lastModified: toIso(output.LastModified),
        // S3 sends x-amz-storage-class for every class except STANDARD.
        storageClass: output.StorageClass ?? 'STANDARD',
        versionId: output.VersionId ?? null,
        cacheControl: output.CacheControl ?? null,
        contentDisposition: output.ContentDisposition ?? null,
        metadata: { ...output.Metadata }
      }
    },

    async presignGet(target: S3Target, request) {
      const { bucket, key, expiresInSeconds, responseContentDisposition } = request
      const profile = profiles.getProfile(target.profileId)
      assertValidLinkLifetime(expiresInSeconds)
      return call(profile, target.region, { kind: 'presign-get', bucket, key }, (client) =>
        getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(responseContentDisposition === undefined
              ? {}
              : { ResponseContentDisposition: responseContentDisposition })
          }),
          { expiresIn: expiresInSeconds }
        )
      )
    },

    invalidate(profileId) {
      forget(profileId)
    }
  }
}

/**
 * Whether requests put the bucket in the path rather than the host name.
 *
 * S3-compatible stores (MinIO, Swift, Ceph) behind a custom endpoint rarely have wildcard DNS
 * for `bucket.host`, so 'auto' means path style there; on AWS 'auto' lets the SDK choose.
 */
export function usesPathStyle(
  profile: Pick<ProfileSummary, 'addressingStyle' | 'endpointUrl'>
): boolean {
  if (profile.addressingStyle === 'path') return true
  if (profile.addressingStyle === 'virtual') return false
  return profile.endpointUrl !== null
}

/** GetBucketLocation's answer as a region: empty means us-east-1, 'EU' is eu-west-1's old name. */
export function regionFromLocationConstraint(constraint: string | null | undefined): string {
  if (constraint === undefined || constraint === null || constraint === '') return DEFAULT_REGION
  if (constraint === 'EU') return 'eu-west-1'
  return constraint
}

function folderName(folderPrefix: string, parent: string): string {
  const rest = folderPrefix.slice(parent.length)
  return rest.endsWith('/') ? rest.slice(0, -1) : rest
}

function toIso(date: Date | undefined): string | null {
  return date === undefined || Number.isNaN(date.getTime()) ? null : date.toISOString()
}
