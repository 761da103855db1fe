import {
  DeleteObjectCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import type { AppError } from '../../shared/errors'
import { type AppErrorCode } from '../../shared/errors'
import { assertValidLinkLifetime } from '../../shared/expiry'
import { assertBucketName, assertObjectKey, assertPrefix } from '../../shared/s3-names'
import type {
  BucketSummary,
  FolderEntry,
  ObjectEntry,
  ObjectVersion,
  ProfileSummary
} from '../../shared/models'
import { postKeyField } from '../../shared/upload-links'
import {
  DEFAULT_REGION,
  MAX_LISTED_VERSIONS,
  type CredentialSource,
  type ProfileDirectory,
  type ListedObject,
  type S3Gateway,
  type S3Target
} from '../services/ports'
import { bucketGetLinkSigner, sdkGetLinkSigner } from './fast-presigner'
import { describeFormProbeAnswer, probeFormUploads, refusesFormUploads } from './upload-form-check'
import { presignUploadPost, presignUploadPut } from './upload-presigner'
import {
  cancelledError,
  deadlineError,
  formUploadsRefusedError,
  regionFromError,
  toAppError,
  type S3Operation
} from './s3-errors'

export interface S3GatewayDependencies {
  profiles: ProfileDirectory
  credentials: CredentialSource
  /** Overrides for tests; the defaults suit the app. */
  network?: Partial<NetworkOptions>
}

export interface NetworkOptions {
  /** An unreachable host should fail in seconds: connect within this, or give up. */
  connectionTimeoutMs: number
  /** One try gives up when the server has not started to answer within this. */
  requestTimeoutMs: number
  /** One try gives up when the answer stops flowing (no byte) for this long. */
  socketTimeoutMs: number
  /** Tries per call, the first included; the SDK backs off between them. */
  maxAttempts: number
  /**
   * A whole call, every try and back-off included, gives up after this: without it a server
   * that accepts connections and then says nothing held a listing for 3 tries of 15 s.
   */
  deadlineMs: number
}

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = {
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 10_000,
  socketTimeoutMs: 10_000,
  maxAttempts: 3,
  deadlineMs: 15_000
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
  const { connectionTimeoutMs, requestTimeoutMs, socketTimeoutMs, maxAttempts, deadlineMs } = {
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
        socketTimeout: socketTimeoutMs,
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

  /**
   * Resolves the client's credentials (memoized by the SDK) before a call's deadline starts:
   * they may wait for the user (an MFA code, an SSO sign-in), which is no slow server. Their
   * errors are AppErrors already.
   */
  async function credentialsBeforeTheClock(profile: ProfileSummary, region: string): Promise<void> {
    await clientFor(profile, region).config.credentials()
  }

  /** Starts the clock of one call; `signal` is the caller's, to stop waiting earlier. */
  function limitsOf(signal?: AbortSignal): CallLimits {
    const deadline = AbortSignal.timeout(deadlineMs)
    return {
      deadline,
      cancel: signal ?? null,
      signal: signal === undefined ? deadline : AbortSignal.any([deadline, signal])
    }
  }

  /** The error for a call that was cancelled or ran out of time, or null if neither happened. */
  function stopped(
    limits: CallLimits,
    profile: ProfileSummary,
    region: string,
    operation: S3Operation
  ): AppError | null {
    const context = { profileId: profile.id, region, endpoint: profile.endpointUrl, operation }
    if (limits.cancel?.aborted) return cancelledError(context)
    if (limits.deadline.aborted) return deadlineError(context, deadlineMs)
    return null
  }

  /**
   * Runs one S3 call within the deadline; `run` should hand `abortSignal` to `client.send`.
   *
   * The SDK stops the request on abort, but the wait itself is raced too: the SDK would
   * notice only between retries, after a back-off.
   */
  async function call<T>(
    profile: ProfileSummary,
    region: string,
    operation: S3Operation,
    run: (client: S3Client, abortSignal: AbortSignal) => Promise<T>,
    signal?: AbortSignal
  ): Promise<T> {
    await credentialsBeforeTheClock(profile, region)
    const limits = limitsOf(signal)
    try {
      return await untilAborted(run(clientFor(profile, region), limits.signal), limits.signal)
    } catch (error) {
      throw stopped(limits, profile, region, operation) ?? fail(profile, region, operation, error)
    }
  }

  /**
   * Runs local signing work (no request is sent), so without a deadline: its errors only need
   * turning into AppErrors.
   */
  async function local<T>(
    profile: ProfileSummary,
    region: string,
    operation: S3Operation,
    work: (client: S3Client) => Promise<T>
  ): Promise<T> {
    try {
      return await work(clientFor(profile, region))
    } catch (error) {
      throw fail(profile, region, operation, error)
    }
  }

  /** One page of ListObjectsV2; `delimiter` '/' lists a folder, none lists everything below. */
  function listPage(
    profile: ProfileSummary,
    region: string,
    request: { bucket: string; prefix: string; token?: string; pageSize?: number; delimiter?: '/' },
    signal?: AbortSignal
  ): Promise<ListObjectsV2CommandOutput> {
    const { bucket, prefix, token, pageSize, delimiter } = request
    return call(
      profile,
      region,
      { kind: 'list-objects', bucket, prefix },
      (client, abortSignal) =>
        client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            ...(delimiter === undefined ? {} : { Delimiter: delimiter }),
            MaxKeys: pageSize ?? DEFAULT_PAGE_SIZE,
            ...(prefix === '' ? {} : { Prefix: prefix }),
            ...(token === undefined ? {} : { ContinuationToken: token })
          }),
          { abortSignal }
        ),
      signal
    )
  }

  /** One call on one object, its bucket and key checked first. */
  function callOnObject<T>(
    target: S3Target,
    kind: 'head-object' | 'put-object' | 'delete-object',
    { bucket, key }: { bucket: string; key: string },
    run: (client: S3Client, abortSignal: AbortSignal) => Promise<T>
  ): Promise<T> {
    assertBucketName(bucket)
    assertObjectKey(key)
    const profile = profiles.getProfile(target.profileId)
    return call(profile, target.region, { kind, bucket, key }, run)
  }

  return {
    async listBuckets(profileId) {
      const profile = profiles.getProfile(profileId)
      const region = profile.region ?? DEFAULT_REGION
      const buckets: BucketSummary[] = []
      let token: string | undefined
      do {
        const output = await call(
          profile,
          region,
          { kind: 'list-buckets' },
          (client, abortSignal) =>
            client.send(
              new ListBucketsCommand(token === undefined ? {} : { ContinuationToken: token }),
              { abortSignal }
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
      assertBucketName(bucket)
      const profile = profiles.getProfile(profileId)
      const region = profile.region ?? DEFAULT_REGION
      const operation: S3Operation = { kind: 'locate-bucket', bucket }
      await credentialsBeforeTheClock(profile, region)
      // One deadline for both questions: to the user they are one wait.
      const limits = limitsOf()
      const { signal: abortSignal } = limits
      try {
        const head = await untilAborted(
          clientFor(profile, region).send(new HeadBucketCommand({ Bucket: bucket }), {
            abortSignal
          }),
          abortSignal
        )
        if (head.BucketRegion) return head.BucketRegion
      } catch (error) {
        const late = stopped(limits, profile, region, operation)
        if (late !== null) throw late
        // AWS names the bucket's region on redirects and refusals too, even to a HEAD.
        const hinted = regionFromError(error)
        if (hinted !== null) return hinted
        const appError = fail(profile, region, operation, error)
        // A HEAD error has no body to explain itself. GetBucketLocation's does: it may be
        // allowed without s3:ListBucket, and Swift's names the expected region.
        if (FINAL_LOCATE_ERRORS.has(appError.code)) throw appError
      }
      try {
        const output = await untilAborted(
          clientFor(profile, region).send(new GetBucketLocationCommand({ Bucket: bucket }), {
            abortSignal
          }),
          abortSignal
        )
        return regionFromLocationConstraint(output.LocationConstraint)
      } catch (error) {
        const late = stopped(limits, profile, region, operation)
        if (late !== null) throw late
        const hinted = regionFromError(error)
        if (hinted !== null) return hinted
        throw fail(profile, region, operation, error)
      }
    },

    async listObjects(target, { bucket, prefix, token, pageSize }, signal) {
      assertBucketName(bucket)
      assertPrefix(prefix)
      const profile = profiles.getProfile(target.profileId)
      // No EncodingType: the XML then carries keys byte-exact, with nothing to decode.
      const output = await listPage(
        profile,
        target.region,
        { bucket, prefix, token: token ?? undefined, pageSize, delimiter: '/' },
        signal
      )
      const folders: FolderEntry[] = []
      for (const common of output.CommonPrefixes ?? []) {
        if (common.Prefix === undefined) continue
        folders.push({ prefix: common.Prefix, name: folderName(common.Prefix, prefix) })
      }
      const objects: ObjectEntry[] = []
      for (const item of output.Contents ?? []) {
        // The zero-byte "folder marker" consoles create for an empty folder is the folder itself.
        // A search prefix (no trailing slash) may equal a whole key: that object stays.
        if (item.Key === undefined || (item.Key === prefix && prefix.endsWith('/'))) continue
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
      const output = await callOnObject(
        target,
        'head-object',
        { bucket, key },
        (client, abortSignal) =>
          client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })
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
      assertBucketName(bucket)
      assertObjectKey(key)
      const profile = profiles.getProfile(target.profileId)
      assertValidLinkLifetime(expiresInSeconds)
      return call(profile, target.region, { kind: 'presign-get', bucket, key }, (client) =>
        // Signed now, as the SDK would date it by itself.
        sdkGetLinkSigner(
          client,
          bucket
        )({
          key,
          expiresInSeconds,
          responseContentDisposition,
          signingDate: new Date()
        })
      )
    },

    async presignerFor(target, bucket) {
      assertBucketName(bucket)
      const profile = profiles.getProfile(target.profileId)
      const operation = (key: string): S3Operation => ({ kind: 'presign-get', bucket, key })
      const sign = await local(profile, target.region, operation(''), (client) =>
        bucketGetLinkSigner(client, bucket)
      )
      return async (request) => {
        assertObjectKey(request.key)
        assertValidLinkLifetime(request.expiresInSeconds)
        try {
          return await sign(request)
        } catch (error) {
          throw fail(profile, target.region, operation(request.key), error)
        }
      }
    },

    async *listAllObjects(target, { bucket, prefix, signal, pageSize }) {
      assertBucketName(bucket)
      assertPrefix(prefix)
      const profile = profiles.getProfile(target.profileId)
      let token: string | undefined
      do {
        // No delimiter: every object under the prefix, however deep, in key order.
        const output = await listPage(
          profile,
          target.region,
          { bucket, prefix, token, pageSize },
          signal
        )
        const page: ListedObject[] = []
        for (const item of output.Contents ?? []) {
          if (item.Key === undefined) continue
          page.push({ key: item.Key, size: item.Size ?? 0, lastModified: toIso(item.LastModified) })
        }
        yield page
        const next = output.NextContinuationToken
        token = output.IsTruncated === true && next && next !== token ? next : undefined
      } while (token !== undefined)
    },

    async presignUploadPut(target, request) {
      const profile = profiles.getProfile(target.profileId)
      const operation: S3Operation = {
        kind: 'presign-put',
        bucket: request.bucket,
        key: request.key
      }
      // Bad input comes back as AppErrors.
      return local(profile, target.region, operation, (client) => presignUploadPut(client, request))
    },

    async presignUploadPost(target, request) {
      const profile = profiles.getProfile(target.profileId)
      const operation: S3Operation = {
        kind: 'presign-post',
        bucket: request.bucket,
        key: postKeyField(request.destination)
      }
      return local(profile, target.region, operation, (client) =>
        presignUploadPost(client, request)
      )
    },

    async checkFormUploads(target, link) {
      const profile = profiles.getProfile(target.profileId)
      const operation = {
        kind: 'presign-post' as const,
        bucket: link.bucket,
        key: link.fields.key ?? ''
      }
      const limits = limitsOf()
      let answer
      try {
        answer = await untilAborted(probeFormUploads(link, limits.signal), limits.signal)
      } catch (error) {
        throw (
          stopped(limits, profile, target.region, operation) ??
          fail(profile, target.region, operation, error)
        )
      }
      if (refusesFormUploads(answer)) {
        throw formUploadsRefusedError(
          {
            profileId: profile.id,
            region: target.region,
            endpoint: profile.endpointUrl,
            operation
          },
          describeFormProbeAnswer(answer)
        )
      }
    },

    async putObject(target, { bucket, key, body, contentType, cacheControl }) {
      await callOnObject(target, 'put-object', { bucket, key }, (client, abortSignal) =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            ...(cacheControl === undefined ? {} : { CacheControl: cacheControl })
          }),
          { abortSignal }
        )
      )
    },

    async deleteObject(target, { bucket, key, versionId }) {
      await callOnObject(target, 'delete-object', { bucket, key }, (client, abortSignal) =>
        client.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(versionId === null || versionId === undefined ? {} : { VersionId: versionId })
          }),
          { abortSignal }
        )
      )
    },

    async listObjectVersions(target, { bucket, key }) {
      assertBucketName(bucket)
      assertObjectKey(key)
      const profile = profiles.getProfile(target.profileId)
      const found: ObjectVersion[] = []
      let keyMarker: string | undefined
      let versionIdMarker: string | undefined
      // The key as prefix also lists longer keys (`a.txt.bak`): only the exact key is kept, and
      // the listing stops once it has passed it (keys come in order) or holds enough.
      for (;;) {
        const output = await call(
          profile,
          target.region,
          { kind: 'list-objects', bucket, prefix: key },
          (client, abortSignal) =>
            client.send(
              new ListObjectVersionsCommand({
                Bucket: bucket,
                Prefix: key,
                MaxKeys: DEFAULT_PAGE_SIZE,
                ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
                ...(versionIdMarker === undefined ? {} : { VersionIdMarker: versionIdMarker })
              }),
              { abortSignal }
            )
        )
        const page: ObjectVersion[] = []
        let passed = false
        for (const item of output.Versions ?? []) {
          if (item.Key !== key) {
            if (item.Key !== undefined && item.Key > key) passed = true
            continue
          }
          page.push({
            versionId: item.VersionId ?? 'null',
            isLatest: item.IsLatest === true,
            isDeleteMarker: false,
            size: item.Size ?? 0,
            lastModified: toIso(item.LastModified),
            etag: item.ETag ?? null
          })
        }
        for (const marker of output.DeleteMarkers ?? []) {
          if (marker.Key !== key) continue
          page.push({
            versionId: marker.VersionId ?? 'null',
            isLatest: marker.IsLatest === true,
            isDeleteMarker: true,
            size: 0,
            lastModified: toIso(marker.LastModified),
            etag: null
          })
        }
        found.push(...page)
        const nextKey = output.NextKeyMarker
        const nextVersion = output.NextVersionIdMarker
        const more =
          output.IsTruncated === true &&
          nextKey !== undefined &&
          (nextKey !== keyMarker || nextVersion !== versionIdMarker)
        if (!more || passed || (nextKey !== undefined && nextKey > key)) break
        if (found.length >= MAX_LISTED_VERSIONS) break
        keyMarker = nextKey
        versionIdMarker = nextVersion
      }
      return newestFirst(found).slice(0, MAX_LISTED_VERSIONS)
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

/**
 * Versions newest first: the latest one first, then by date (S3 lists a key's versions newest
 * first but its delete markers apart); same-second versions keep the server's order.
 */
export function newestFirst(versions: ObjectVersion[]): ObjectVersion[] {
  const time = (version: ObjectVersion) =>
    version.lastModified === null ? 0 : Date.parse(version.lastModified)
  return versions
    .map((version, index) => ({ version, index }))
    .sort(
      (a, b) =>
        Number(b.version.isLatest) - Number(a.version.isLatest) ||
        time(b.version) - time(a.version) ||
        a.index - b.index
    )
    .map(({ version }) => version)
}

function toIso(date: Date | undefined): string | null {
  return date === undefined || Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** The clock and the caller's signal of one call. */
interface CallLimits {
  deadline: AbortSignal
  cancel: AbortSignal | null
  /** Aborts when either does: what the SDK is given. */
  signal: AbortSignal
}

/** Settles like `promise`, or rejects as soon as `signal` aborts, whichever comes first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The request may still be under way: its outcome no longer matters.
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
