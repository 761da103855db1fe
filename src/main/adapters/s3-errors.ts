import { AppError, isAppError } from '../../shared/errors'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'

/** The S3 call that failed, so the message can say what the user was trying to do. */
export type S3Operation =
  | { kind: 'list-buckets' }
  | { kind: 'locate-bucket'; bucket: string }
  | { kind: 'list-objects'; bucket: string; prefix: string }
  | { kind: 'head-object'; bucket: string; key: string }
  | { kind: 'presign-get'; bucket: string; key: string }
  | { kind: 'presign-put'; bucket: string; key: string }
  /** `key`: the form's key field (an exact key, or `prefix${filename}`). */
  | { kind: 'presign-post'; bucket: string; key: string }
  | { kind: 'put-object'; bucket: string; key: string }
  | { kind: 'delete-object'; bucket: string; key: string }

export interface S3ErrorContext {
  profileId: string
  /** The region the request was signed for. */
  region: string
  /** The profile's custom endpoint, or null for AWS. */
  endpoint: string | null
  operation: S3Operation
}

/** What an SDK error looks like from the outside; every field may be missing. */
interface ErrorShape {
  name: string
  code: string | null
  status: number | null
  headers: Record<string, string>
  message: string
  region: string | null
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT'
])

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO'
])

const WRONG_REGION_NAMES = new Set([
  'PermanentRedirect',
  'TemporaryRedirect',
  'Redirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
  'InvalidRegion'
])

const UNNAMED = new Set(['Unknown', 'UnknownError', 'Error'])

/** Error codes S3 and compatible stores (and the SDK's retry strategy) use for "slow down". */
const THROTTLING_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequests',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded'
])

/** Server failures recognised by name, for the rare answer that lost its status. */
const SERVER_ERROR_NAMES = new Set(['InternalError', 'ServiceUnavailable'])

const EXPIRED_NAMES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'TokenRefreshRequired',
  'RequestExpired'
])

/**
 * Turns whatever the SDK (or Node's socket layer) threw into an `AppError` with a message that
 * says what happened and what to do. AppErrors (e.g. from the credential source) pass through.
 * Never copies server messages wholesale: SignatureDoesNotMatch bodies carry the string to sign.
 */
export function toAppError(error: unknown, context: S3ErrorContext): AppError {
  if (isAppError(error)) return error
  const shape = describe(error)
  const { profileId } = context
  const action = describeAction(context.operation)
  const where = endpointLabel(context)

  const networkCode = findNetworkCode(error)
  if (networkCode !== null || shape.name === 'TimeoutError' || shape.name === 'RequestTimeout') {
    if (networkCode !== null && TLS_CODES.has(networkCode)) {
      return new AppError(
        'endpoint-unreachable',
        `Could not make a secure connection to ${where} to ${action}: its TLS certificate was not accepted (${networkCode}). Check the endpoint_url of profile ${quoteForMessage(profileId)}.`
      )
    }
    const timedOut = networkCode === null || networkCode === 'ETIMEDOUT'
    const reason = timedOut ? 'timed out' : networkCode
    return new AppError(
      'endpoint-unreachable',
      `Could not reach ${where} to ${action} (${reason}). ${reachAdvice(context)}`
    )
  }

  // The SDK has already retried these with backoff; the user should wait before trying again.
  if (THROTTLING_NAMES.has(shape.name) || shape.status === 429) {
    return new AppError(
      'throttled',
      `S3 is throttling requests, try again in a moment (${statusLabel(shape)} from ${where} when asked to ${action}).`
    )
  }

  if (EXPIRED_NAMES.has(shape.name)) {
    return new AppError(
      'credentials-expired',
      `The temporary credentials of profile ${quoteForMessage(profileId)} have expired (${shape.name}). Refresh them (for SSO: \`aws sso login --profile ${cleanForMessage(profileId)}\`) and try again.`
    )
  }

  if (isWrongRegion(shape, context.region)) {
    const expected = expectedRegion(shape)
    const hint =
      expected !== null && expected !== context.region
        ? ` The server says it is in ${quoteForMessage(expected)}.`
        : ''
    return new AppError(
      'wrong-region',
      `Could not ${action}: the request was sent to region ${quoteForMessage(context.region)}, which is not where the bucket lives (${shape.name || `HTTP ${shape.status}`}).${hint} Try again; if it keeps failing, check the region of profile ${quoteForMessage(profileId)}.`
    )
  }

  if (shape.name === 'InvalidAccessKeyId') {
    return new AppError(
      'access-denied',
      `The server does not know the access key of profile ${quoteForMessage(profileId)} (InvalidAccessKeyId). Check aws_access_key_id in its credentials, and whether the key was deactivated or deleted.`
    )
  }
  if (shape.name === 'SignatureDoesNotMatch') {
    return new AppError(
      'access-denied',
      `The server rejected the signature made with the keys of profile ${quoteForMessage(profileId)} (SignatureDoesNotMatch). The secret access key is probably wrong: check aws_secret_access_key in its credentials.`
    )
  }
  if (shape.name === 'RequestTimeTooSkewed') {
    return new AppError(
      'access-denied',
      `The server refused to ${action} because this computer's clock is off (RequestTimeTooSkewed). Set the system clock to the correct time and try again.`
    )
  }

  // Found by the IPC fuzzer: stores refuse names the app's checks let through (they are looser
  // than AWS's rules on purpose), and "try again" was no advice for a name that can never work.
  if (shape.name === 'InvalidBucketName') {
    const bucket = 'bucket' in context.operation ? context.operation.bucket : ''
    return new AppError(
      'invalid-argument',
      `The server does not accept ${quoteForMessage(bucket)} as a bucket name (InvalidBucketName). Check the bucket name.`
    )
  }
  if (shape.name === 'NoSuchBucket' || (shape.status === 404 && isBucketLevel(context.operation))) {
    const bucket = 'bucket' in context.operation ? context.operation.bucket : ''
    return new AppError(
      'no-such-bucket',
      `Bucket ${quoteForMessage(bucket)} does not exist (or profile ${quoteForMessage(profileId)} cannot see it). Check the bucket name.`
    )
  }
  if (shape.name === 'NoSuchKey' || (shape.status === 404 && isObjectLevel(context.operation))) {
    const key = 'key' in context.operation ? context.operation.key : ''
    const bucket = 'bucket' in context.operation ? context.operation.bucket : ''
    return new AppError(
      'no-such-key',
      `${quoteForMessage(key)} was not found in bucket ${quoteForMessage(bucket)}. It may have been deleted or renamed; refresh the listing.`
    )
  }

  if (shape.name === 'AccessDenied' || shape.name === 'Forbidden' || shape.status === 403) {
    // A HEAD refusal has no body, so it cannot tell a missing permission from a wrong key.
    const bodyless = shape.name === '' || shape.name === 'Forbidden'
    const label = bodyless ? 'HTTP 403' : shape.name
    const keysHint = bodyless ? ' If its keys changed recently, check them too.' : ''
    return new AppError(
      'access-denied',
      `Profile ${quoteForMessage(profileId)} is not allowed to ${action} (${label}). Check its IAM policy (or the bucket policy): it needs ${permissionFor(context.operation)}.${keysHint}`
    )
  }

  if ((shape.status !== null && shape.status >= 500) || SERVER_ERROR_NAMES.has(shape.name)) {
    const what =
      shape.status === 503 || shape.name === 'ServiceUnavailable'
        ? 'was unavailable'
        : shape.status === 500 || shape.name === 'InternalError'
          ? 'had an internal error'
          : 'failed'
    return new AppError(
      'server-error',
      `The S3 server ${what} (${statusLabel(shape)}) when asked to ${action}. Try again in a moment; if it keeps failing, check that ${where} is up.`
    )
  }

  const detail = [shape.name || 'error', shape.status === null ? null : `HTTP ${shape.status}`]
    .filter((part) => part !== null)
    .join(', ')
  return new AppError(
    'internal',
    `Could not ${action} (${detail}). Try again; if it keeps failing, check the settings of profile ${quoteForMessage(profileId)}.`
  )
}

/**
 * A call that got no answer before its deadline, retries included.
 *
 * The typical cause is a server that accepts the connection and then says nothing (a stuck
 * proxy, a firewall that swallows packets, the wrong port of a live host).
 */
export function deadlineError(context: S3ErrorContext, deadlineMs: number): AppError {
  const seconds = Number((deadlineMs / 1000).toFixed(1))
  return new AppError(
    'endpoint-unreachable',
    `Could not reach ${endpointLabel(context)} to ${describeAction(context.operation)}: no answer within ${seconds} s. ${reachAdvice(context)}`
  )
}

/**
 * A bucket whose store does not implement POST Object (browser form uploads): Swift's s3api
 * answers 412 "Bad URL", others 405 MethodNotAllowed or 501 NotImplemented. A POST link to it
 * would fail for every recipient, so it is refused when made.
 */
export function formUploadsRefusedError(
  context: S3ErrorContext & { operation: { kind: 'presign-post' } },
  answer: string
): AppError {
  return new AppError(
    'invalid-argument',
    `${cleanForMessage(context.endpoint ?? 'The S3 endpoint')} does not accept form uploads (POST) into bucket ${quoteForMessage(context.operation.bucket)}: it answered ${cleanForMessage(answer, 80)}. Some S3-compatible stores do not implement them. Make a PUT link to an exact file name instead (it cannot limit the size).`
  )
}

/** A call the user stopped waiting for. */
export function cancelledError(context: S3ErrorContext): AppError {
  return new AppError(
    'cancelled',
    `Stopped waiting for ${endpointLabel(context)} to ${describeAction(context.operation)}.`
  )
}

/**
 * The region a failed request says the bucket is in, if it says.
 *
 * S3 sends `x-amz-bucket-region` with 301/400/403 answers (also to HEAD, which has no body),
 * a `<Region>` element with PermanentRedirect/AuthorizationHeaderMalformed, and "expecting
 * 'eu-west-2'" in the AuthorizationHeaderMalformed message.
 */
export function regionFromError(error: unknown): string | null {
  if (isAppError(error)) return null
  return expectedRegion(describe(error))
}

function describe(error: unknown): ErrorShape {
  const record = isRecord(error) ? error : {}
  const metadata = isRecord(record.$metadata) ? record.$metadata : {}
  const response = isRecord(record.$response) ? record.$response : {}
  const rawHeaders = isRecord(response.headers) ? response.headers : {}
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value
  }
  const status =
    typeof metadata.httpStatusCode === 'number'
      ? metadata.httpStatusCode
      : typeof response.statusCode === 'number'
        ? response.statusCode
        : null
  return {
    // The SDK names a bodyless error (any HEAD) 'Unknown', or 'NotFound' for a 404.
    // The server chooses the code: shown in messages, so cleaned and kept short.
    name:
      typeof record.name === 'string' && !UNNAMED.has(record.name)
        ? cleanForMessage(record.name, 80)
        : '',
    code: typeof record.code === 'string' ? record.code : null,
    status,
    headers,
    message: typeof record.message === 'string' ? record.message : '',
    region: typeof record.Region === 'string' && record.Region !== '' ? record.Region : null
  }
}

function isWrongRegion(shape: ErrorShape, requestRegion: string): boolean {
  if (WRONG_REGION_NAMES.has(shape.name)) return true
  if (shape.status === 301 || shape.status === 307) return true
  if (/the region '[^']*' is wrong/i.test(shape.message)) return true
  if (shape.status !== 400) return false
  // A HEAD signed for the wrong region gets a bodyless 400: AWS adds the region header,
  // Swift adds nothing. Nothing else makes a well-formed HEAD fail with 400.
  const header = shape.headers['x-amz-bucket-region']
  return header === undefined ? shape.name === '' : header !== requestRegion
}

function expectedRegion(shape: ErrorShape): string | null {
  const header = shape.headers['x-amz-bucket-region']
  if (header !== undefined && header !== '') return header
  if (shape.region !== null) return shape.region
  const match = /expecting '([a-z0-9-]+)'/i.exec(shape.message)
  return match?.[1] ?? null
}

function findNetworkCode(error: unknown): string | null {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const current = queue.shift()
    if (!isRecord(current) || seen.has(current)) continue
    seen.add(current)
    const code = typeof current.code === 'string' ? current.code : null
    if (code !== null && (NETWORK_CODES.has(code) || TLS_CODES.has(code))) return code
    // Node wraps happy-eyeballs failures (IPv4 + IPv6) in an AggregateError.
    if (Array.isArray(current.errors)) queue.push(...current.errors)
    if ('cause' in current) queue.push(current.cause)
  }
  return null
}

function isBucketLevel(operation: S3Operation): boolean {
  // A write's 404 can only mean the bucket: the key is being created (or was already gone).
  return (
    operation.kind === 'locate-bucket' ||
    operation.kind === 'list-objects' ||
    operation.kind === 'presign-post' ||
    operation.kind === 'put-object' ||
    operation.kind === 'delete-object'
  )
}

function isObjectLevel(operation: S3Operation): boolean {
  return operation.kind === 'head-object' || operation.kind === 'presign-get'
}

function describeAction(operation: S3Operation): string {
  switch (operation.kind) {
    case 'list-buckets':
      return 'list buckets'
    case 'locate-bucket':
      return `find the region of bucket ${quoteForMessage(operation.bucket)}`
    case 'list-objects':
      return `list bucket ${quoteForMessage(operation.bucket)}`
    case 'head-object':
      return `read ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
    case 'presign-get':
      return `sign a link to ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
    case 'presign-put':
      return `sign an upload link to ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
    case 'presign-post':
      return `make an upload form for ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
    case 'put-object':
      return `write ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
    case 'delete-object':
      return `delete ${quoteForMessage(operation.key)} in bucket ${quoteForMessage(operation.bucket)}`
  }
}

function permissionFor(operation: S3Operation): string {
  switch (operation.kind) {
    case 'list-buckets':
      return 's3:ListAllMyBuckets'
    case 'locate-bucket':
      return `s3:ListBucket or s3:GetBucketLocation on ${cleanForMessage(`arn:aws:s3:::${operation.bucket}`)}`
    case 'list-objects':
      return `s3:ListBucket on ${cleanForMessage(`arn:aws:s3:::${operation.bucket}`)}`
    case 'head-object':
    case 'presign-get':
      return `s3:GetObject on ${cleanForMessage(`arn:aws:s3:::${operation.bucket}/${operation.key}`)}`
    case 'presign-put':
    case 'presign-post':
    case 'put-object':
      return `s3:PutObject on ${cleanForMessage(`arn:aws:s3:::${operation.bucket}/${operation.key}`)}`
    case 'delete-object':
      return `s3:DeleteObject on ${cleanForMessage(`arn:aws:s3:::${operation.bucket}/${operation.key}`)}`
  }
}

function reachAdvice({ endpoint, profileId }: S3ErrorContext): string {
  return endpoint === null
    ? `Check your network connection and the region of profile ${quoteForMessage(profileId)}.`
    : `Is the endpoint_url of profile ${quoteForMessage(profileId)} right and the server running?`
}

function endpointLabel(context: S3ErrorContext): string {
  return cleanForMessage(context.endpoint ?? `the S3 endpoint of region ${context.region}`)
}

/** `500 InternalError`, `503 SlowDown`, or `HTTP 502` when the answer had no error code. */
function statusLabel(shape: ErrorShape): string {
  if (shape.status === null) return shape.name || 'an error'
  return shape.name === '' ? `HTTP ${shape.status}` : `${shape.status} ${shape.name}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
