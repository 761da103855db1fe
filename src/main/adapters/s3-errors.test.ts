import { NoSuchBucket, S3ServiceException } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { regionFromError, toAppError, type S3ErrorContext } from './s3-errors'

const listing: S3ErrorContext = {
  profileId: 'dev',
  region: 'us-east-1',
  endpoint: null,
  operation: { kind: 'list-objects', bucket: 'photos', prefix: '' }
}

/** An error shaped the way the SDK throws it for a given S3 error code and status. */
function s3Error(
  name: string,
  status: number,
  extra: { message?: string; headers?: Record<string, string>; Region?: string } = {}
): S3ServiceException {
  const error = new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: extra.message ?? 'UnknownError'
  })
  return Object.assign(error, {
    $response: { statusCode: status, headers: extra.headers ?? {}, body: undefined },
    ...(extra.Region === undefined ? {} : { Region: extra.Region })
  })
}

describe('toAppError', () => {
  it('passes AppErrors (e.g. from the credential source) through unchanged', () => {
    const original = new AppError('credentials-missing', 'Run `aws sso login --profile dev`.')

    expect(toAppError(original, listing)).toBe(original)
  })

  it('says which bucket a profile may not list and which permission it needs', () => {
    const error = toAppError(s3Error('AccessDenied', 403, { message: 'Access Denied' }), listing)

    expect(error.code).toBe('access-denied')
    expect(error.message).toBe(
      'Profile `dev` is not allowed to list bucket `photos` (AccessDenied). Check its IAM policy (or the bucket policy): it needs s3:ListBucket on arn:aws:s3:::photos.'
    )
  })

  it('points at the secret key on SignatureDoesNotMatch, without repeating the server text', () => {
    const error = toAppError(
      s3Error('SignatureDoesNotMatch', 403, {
        message: 'The request signature we calculated does not match. StringToSign: AWS4-HMAC...'
      }),
      listing
    )

    expect(error.code).toBe('access-denied')
    expect(error.message).toContain('aws_secret_access_key')
    expect(error.message).not.toContain('AWS4-HMAC')
  })

  it('maps an unknown access key to access-denied with a hint about the key id', () => {
    const error = toAppError(s3Error('InvalidAccessKeyId', 403), listing)

    expect(error.code).toBe('access-denied')
    expect(error.message).toContain('aws_access_key_id')
  })

  it('blames the bucket name, not the network, when the server refuses the name', () => {
    const error = toAppError(s3Error('InvalidBucketName', 400), listing)

    expect(error.code).toBe('invalid-argument')
    expect(error.message).toContain('`photos`')
    expect(error.message).not.toMatch(/try again/i)
  })

  it('maps NoSuchBucket (also as the SDK class) and a bodyless 404 on a bucket', () => {
    const typed = new NoSuchBucket({
      message: 'The specified bucket does not exist.',
      $metadata: {}
    })
    const head = toAppError(s3Error('NotFound', 404), {
      ...listing,
      operation: { kind: 'locate-bucket', bucket: 'photos' }
    })

    expect(toAppError(typed, listing).code).toBe('no-such-bucket')
    expect(head.code).toBe('no-such-bucket')
    expect(head.message).toContain('`photos`')
  })

  it('maps a 404 on an object to no-such-key', () => {
    const error = toAppError(s3Error('NotFound', 404), {
      ...listing,
      operation: { kind: 'head-object', bucket: 'photos', key: 'a b.jpg' }
    })

    expect(error.code).toBe('no-such-key')
    expect(error.message).toContain('`a b.jpg`')
  })

  it('says which region the server expects, from the message, the body or the header', () => {
    const fromMessage = s3Error('AuthorizationHeaderMalformed', 400, {
      message:
        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-2'"
    })
    const fromBody = s3Error('PermanentRedirect', 301, { Region: 'ap-south-1' })
    const fromHeader = s3Error('Unknown', 400, { headers: { 'x-amz-bucket-region': 'sa-east-1' } })

    expect(toAppError(fromMessage, listing).code).toBe('wrong-region')
    expect(toAppError(fromMessage, listing).message).toContain('`eu-west-2`')
    expect(regionFromError(fromMessage)).toBe('eu-west-2')
    expect(regionFromError(fromBody)).toBe('ap-south-1')
    expect(toAppError(fromHeader, listing).code).toBe('wrong-region')
    expect(regionFromError(fromHeader)).toBe('sa-east-1')
  })

  it('treats a bodyless 400 (a HEAD signed for another region) as wrong-region', () => {
    const bodyless = toAppError(s3Error('Unknown', 400), listing)

    expect(bodyless.code).toBe('wrong-region')
    expect(bodyless.message).toContain('(HTTP 400)')
    expect(toAppError(s3Error('InvalidArgument', 400), listing).code).toBe('internal')
  })

  it('maps expired temporary credentials and tells how to refresh them', () => {
    const error = toAppError(s3Error('ExpiredToken', 400), listing)

    expect(error.code).toBe('credentials-expired')
    expect(error.message).toContain('aws sso login --profile dev')
  })

  it('maps refused connections, unknown hosts and timeouts to endpoint-unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED'
    })
    const both = new AggregateError([refused, refused], 'connect failed')
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND nope'), {
      code: 'ENOTFOUND'
    })
    const timeout = Object.assign(new Error('Socket timed out'), { name: 'TimeoutError' })
    const custom = { ...listing, endpoint: 'http://127.0.0.1:9' }

    const error = toAppError(refused, custom)
    expect(error.code).toBe('endpoint-unreachable')
    expect(error.message).toBe(
      'Could not reach http://127.0.0.1:9 to list bucket `photos` (ECONNREFUSED). Is the endpoint_url of profile `dev` right and the server running?'
    )
    expect(toAppError(both, custom).code).toBe('endpoint-unreachable')
    expect(toAppError(unknownHost, listing).message).toContain('Check your network connection')
    expect(toAppError(timeout, custom).message).toContain('timed out')
  })

  it('tells the user to wait when S3 throttles (503 SlowDown, 429, ThrottlingException)', () => {
    const slowDown = toAppError(
      s3Error('SlowDown', 503, { message: 'Please reduce your request rate.' }),
      listing
    )
    expect(slowDown.code).toBe('throttled')
    expect(slowDown.message).toBe(
      'S3 is throttling requests, try again in a moment (503 SlowDown from the S3 endpoint of region us-east-1 when asked to list bucket `photos`).'
    )
    expect(toAppError(s3Error('Unknown', 429), listing)).toMatchObject({
      code: 'throttled',
      message: expect.stringContaining('(HTTP 429 from')
    })
    expect(toAppError(s3Error('ThrottlingException', 400), listing).code).toBe('throttled')
  })

  it('says the server failed, not the app, for 500 InternalError, 503 and other 5xx', () => {
    const internal = toAppError(s3Error('InternalError', 500, { message: 'secret-ish detail' }), {
      ...listing,
      endpoint: 'http://127.0.0.1:9000'
    })
    expect(internal.code).toBe('server-error')
    expect(internal.message).toBe(
      'The S3 server had an internal error (500 InternalError) when asked to list bucket `photos`. Try again in a moment; if it keeps failing, check that http://127.0.0.1:9000 is up.'
    )
    expect(internal.message).not.toContain('secret-ish')

    const unavailable = toAppError(s3Error('ServiceUnavailable', 503), listing)
    expect(unavailable.code).toBe('server-error')
    expect(unavailable.message).toContain('was unavailable (503 ServiceUnavailable)')

    const badGateway = toAppError(s3Error('Unknown', 502), listing)
    expect(badGateway.code).toBe('server-error')
    expect(badGateway.message).toContain('failed (HTTP 502)')
    expect(toAppError(s3Error('Unknown', 504), listing).code).toBe('server-error')
  })

  it('keeps other client errors generic, with their code and status only', () => {
    const error = toAppError(s3Error('InvalidArgument', 400, { message: 'detail' }), listing)

    expect(error.code).toBe('internal')
    expect(error.message).toContain('InvalidArgument, HTTP 400')
    expect(error.message).not.toContain('detail')
  })

  it('quotes keys, buckets and profiles short and free of control characters', () => {
    const key = 'a\u0000\u202e\n'.repeat(100_000)
    const error = toAppError(s3Error('AccessDenied', 403), {
      profileId: 'dev\u001b[31m',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000/\r\n',
      operation: { kind: 'head-object', bucket: 'photos\u2066', key }
    })

    expect(error.code).toBe('access-denied')
    expect(error.message.length).toBeLessThan(900)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(error.message).toContain('Profile `dev\\u001b[31m`')
    expect(error.message).toContain('in bucket `photos\\u2066`')
    expect(error.message).toContain('`a\\u0000\\u202e\\na')

    const throttled = toAppError(s3Error('SlowDown\n'.repeat(1_000), 503), {
      ...listing,
      endpoint: 'http://x/\u0000'
    })
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(throttled.message).not.toMatch(/[\u0000-\u001f]/)
    expect(throttled.message.length).toBeLessThan(400)
  })
})
