import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { createHash } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { assertValidLinkLifetime } from '../../shared/expiry'
import { assertBucketName, assertObjectKey } from '../../shared/s3-names'
import {
  assertContentType,
  assertPostLimits,
  assertUploadDestination,
  assertUploadKey,
  postKeyField,
  type PostPolicyCondition,
  type PostUploadLimits,
  type PostUploadLink,
  type PutUploadLink,
  type UploadDestination
} from '../../shared/upload-links'

/**
 * Upload links: pre-signed PUT URLs and pre-signed POST forms.
 *
 * Both take the S3 client to sign with, normally the gateway's cached client for the profile and
 * region (created with `requestChecksumCalculation: 'WHEN_REQUIRED'`), so an upload link is
 * signed exactly like a download link of the same profile. SDK errors (credentials missing or
 * expired) are thrown as the SDK or the credential source threw them; the caller turns them into
 * messages. Bad input is refused first, with `AppError('invalid-argument' | 'invalid-expiry')`.
 */

export interface PutUploadRequest {
  bucket: string
  key: string
  /** 1 s to 7 days, whole seconds (SigV4's range). */
  expiresInSeconds: number
  /**
   * Bound into the signature (`signableHeaders`): the uploader must send exactly this
   * Content-Type, and S3 refuses any other. null or absent: any type, unsigned.
   */
  contentType?: string | null
  /** The link's X-Amz-Date; now by default. */
  signingDate?: Date
}

export interface PostUploadRequest {
  bucket: string
  destination: UploadDestination
  limits: PostUploadLimits
  /** 1 s to 7 days, whole seconds. */
  expiresInSeconds: number
}

/** What S3 answers to a successful form upload: 201 with an XML body naming the stored key. */
const SUCCESS_ACTION_STATUS = '201'

/** Query parameters of the SDK's flexible checksums: a PUT URL carrying one refuses real uploads. */
const CHECKSUM_PARAMETER = /[?&]x-amz-(sdk-)?checksum-/i

/**
 * A pre-signed PUT URL for exactly `request.key`.
 *
 * It carries no checksum parameter (with the SDK's default it would carry the CRC of an empty
 * body, so every real upload would fail); a client that adds one is refused rather than handed
 * out. A PUT URL cannot limit the size of what is uploaded: use a POST link for that.
 */
export async function presignUploadPut(
  client: S3Client,
  request: PutUploadRequest
): Promise<PutUploadLink> {
  const { bucket, key, expiresInSeconds } = request
  assertBucketName(bucket)
  assertObjectKey(key)
  assertUploadKey(key)
  assertValidLinkLifetime(expiresInSeconds)
  const contentType = request.contentType ?? null
  if (contentType !== null) assertContentType(contentType)
  // X-Amz-Date has whole seconds; the expiry is counted from there.
  const signingDate = new Date(
    Math.floor((request.signingDate ?? new Date()).getTime() / 1000) * 1000
  )

  const url = await getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(contentType === null ? {} : { ContentType: contentType })
    }),
    {
      expiresIn: expiresInSeconds,
      signingDate,
      ...(contentType === null ? {} : { signableHeaders: new Set(['content-type']) })
    }
  )
  if (CHECKSUM_PARAMETER.test(url)) {
    throw new AppError(
      'internal',
      'The upload link came out with a checksum parameter, which would make S3 refuse every upload. The S3 client must be created with requestChecksumCalculation: WHEN_REQUIRED.'
    )
  }
  return {
    method: 'PUT',
    url,
    headers: contentType === null ? {} : { 'Content-Type': contentType },
    bucket,
    key,
    contentType,
    signedAt: signingDate.toISOString(),
    expiresAt: new Date(signingDate.getTime() + expiresInSeconds * 1000).toISOString()
  }
}

/**
 * A pre-signed POST form (`@aws-sdk/s3-presigned-post`) with its limits in the signed policy:
 * the size as `content-length-range`, the key exactly or `starts-with` a prefix (the form's key
 * is `prefix${filename}`, so S3 keeps the uploader's file name), the Content-Type, and
 * `success_action_status` 201 so the upload page gets an XML answer naming the stored key.
 *
 * When the Content-Type is not fixed, the policy still names it (`starts-with` the rule's
 * prefix, or '' for any type): the form then carries the file's own type, which S3 stores,
 * instead of leaving every upload as `binary/octet-stream`.
 *
 * The signing time is the SDK's clock (`Date.now()` plus the client's clock-skew correction);
 * `signedAt` and `expiresAt` are read back from what was signed.
 */
export async function presignUploadPost(
  client: S3Client,
  request: PostUploadRequest
): Promise<PostUploadLink> {
  const { bucket, destination, limits, expiresInSeconds } = request
  assertBucketName(bucket)
  assertUploadDestination(destination)
  assertPostLimits(limits)
  assertValidLinkLifetime(expiresInSeconds)

  const options = postPolicyOptions(request)
  const presigned = await createPresignedPost(client, options)
  const { key, ...rest } = presigned.fields
  if (key === undefined) throw new Error('The presigned POST has no key field.')
  const fields: Record<string, string> = { key, ...rest }
  const policy = decodePostPolicy(fields.Policy ?? '')
  const rule = limits.contentType
  return {
    method: 'POST',
    url: presigned.url,
    fields,
    contentTypeField:
      rule === null
        ? { startsWith: '' }
        : rule.kind === 'exact'
          ? null
          : { startsWith: rule.prefix },
    bucket,
    destination,
    limits,
    conditions: policy.conditions,
    signedAt: amzDateToIso(fields['X-Amz-Date'] ?? ''),
    expiresAt: new Date(Date.parse(policy.expiration)).toISOString()
  }
}

/**
 * The arguments `createPresignedPost` gets for a request: exported so a test can hand the same
 * inputs to another implementation (botocore) and compare the policies.
 */
export function postPolicyOptions(request: PostUploadRequest): PresignedPostOptions & {
  Conditions: NonNullable<PresignedPostOptions['Conditions']>
  Fields: Record<string, string>
} {
  const { bucket, destination, limits, expiresInSeconds } = request
  const rule = limits.contentType
  // Fields become exact-match conditions too (the SDK adds one per field).
  const fields: Record<string, string> = { success_action_status: SUCCESS_ACTION_STATUS }
  const conditions: NonNullable<PresignedPostOptions['Conditions']> = [
    ['content-length-range', limits.minBytes, limits.maxBytes]
  ]
  if (rule?.kind === 'exact') fields['Content-Type'] = rule.contentType
  else conditions.push(['starts-with', '$Content-Type', rule?.prefix ?? ''])
  return {
    Bucket: bucket,
    Key: postKeyField(destination),
    Conditions: conditions,
    Fields: fields,
    Expires: expiresInSeconds
  }
}

/** A POST policy document, decoded from its base64 `Policy` field. */
export function decodePostPolicy(policy: string): {
  expiration: string
  conditions: PostPolicyCondition[]
} {
  const decoded = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as {
    expiration: string
    conditions: PostPolicyCondition[]
  }
  return { expiration: decoded.expiration, conditions: decoded.conditions }
}

/** `20300102T030405Z` → `2030-01-02T03:04:05.000Z`. */
function amzDateToIso(amzDate: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (match === null) throw new Error(`Unexpected X-Amz-Date ${amzDate}`)
  const [, year, month, day, hour, minute, second] = match
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`).toISOString()
}

/**
 * SHA-256 of a text's UTF-8 bytes, base64: what a Content-Security-Policy `'sha256-…'` source
 * names. Handed to `renderUploadPage` (src/shared cannot import node:crypto).
 */
export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64')
}
