import { describe, expect, it } from 'vitest'
import {
  classifyLinkTest,
  MAX_SELF_TEST_MESSAGE_CHARS,
  notTestedUpload,
  parseS3Error,
  type LinkTestAnswer
} from './link-test'

const AT = Date.parse('2026-11-30T14:00:00.000Z')
const SIGNATURE = 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + '01234567'
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE'

function answer(
  status: number,
  body = '',
  headers: Record<string, string> = {}
): Extract<LinkTestAnswer, { kind: 'response' }> {
  return { kind: 'response', status, headers, body }
}

/** An S3 error document as AWS sends it (the extra elements vary by code). */
function awsError(code: string, message: string, extra = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message>${extra}` +
    '<RequestId>4442587FB7D0A2F9</RequestId><HostId>aGVsbG8=</HostId></Error>'
  )
}

function expectSafe(message: string): void {
  expect(message.length).toBeLessThanOrEqual(MAX_SELF_TEST_MESSAGE_CHARS)
  // eslint-disable-next-line no-control-regex
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  expect(message).not.toContain(SIGNATURE)
  expect(message).not.toContain(ACCESS_KEY)
}

describe('what a test fetch of a link means (answers recorded from AWS S3)', () => {
  it('says a link works when S3 serves the first byte (206) or the whole object (200)', () => {
    for (const status of [200, 206]) {
      const result = classifyLinkTest(answer(status), AT)
      expect(result).toEqual({
        outcome: 'works',
        httpStatus: status,
        s3Code: null,
        message: expect.stringMatching(/works/),
        testedAt: '2026-11-30T14:00:00.000Z'
      })
    }
  })

  it('says a link to an empty object works although the range cannot be served (416)', () => {
    const result = classifyLinkTest(
      answer(416, awsError('InvalidRange', 'The requested range is not satisfiable')),
      AT
    )
    expect(result.outcome).toBe('works')
  })

  it('blames the secret key or an edited URL for SignatureDoesNotMatch, without echoing what S3 echoes', () => {
    const body = awsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      `<AWSAccessKeyId>${ACCESS_KEY}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20261130T140000Z</StringToSign>` +
        `<SignatureProvided>${SIGNATURE}</SignatureProvided><CanonicalRequest>GET\n/report.pdf</CanonicalRequest>`
    )
    const result = classifyLinkTest(answer(403, body), AT)
    expect(result).toMatchObject({
      outcome: 'signature-mismatch',
      httpStatus: 403,
      s3Code: 'SignatureDoesNotMatch'
    })
    expect(result.message).toMatch(/the secret key is wrong or the URL was changed/)
    expect(result.message).toContain('(S3: SignatureDoesNotMatch: The request signature')
    expectSafe(result.message)
  })

  it('says the access key is unknown for InvalidAccessKeyId', () => {
    const body = awsError(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      `<AWSAccessKeyId>${ACCESS_KEY}</AWSAccessKeyId>`
    )
    const result = classifyLinkTest(answer(403, body), AT)
    expect(result).toMatchObject({ outcome: 'unknown-access-key', s3Code: 'InvalidAccessKeyId' })
    expect(result.message).toMatch(/access key id/)
    expectSafe(result.message)
  })

  it('says the link expired for "Request has expired", and for an expired session token', () => {
    const expired = awsError(
      'AccessDenied',
      'Request has expired',
      '<X-Amz-Expires>60</X-Amz-Expires><Expires>2026-11-30T12:01:00Z</Expires><ServerTime>2026-11-30T14:00:00Z</ServerTime>'
    )
    expect(classifyLinkTest(answer(403, expired), AT)).toMatchObject({
      outcome: 'expired',
      s3Code: 'AccessDenied'
    })
    const token = classifyLinkTest(
      answer(400, awsError('ExpiredToken', 'The provided token has expired.')),
      AT
    )
    expect(token).toMatchObject({ outcome: 'expired', s3Code: 'ExpiredToken' })
    expect(token.message).toMatch(/Sign in again/)
  })

  it('says access is denied for any other AccessDenied', () => {
    const result = classifyLinkTest(answer(403, awsError('AccessDenied', 'Access Denied')), AT)
    expect(result).toMatchObject({ outcome: 'access-denied', s3Code: 'AccessDenied' })
    expect(result.message).toMatch(/s3:GetObject/)
  })

  it('says the object is missing for NoSuchKey, NoSuchBucket, NoSuchVersion and a bare 404', () => {
    for (const [code, words] of [
      ['NoSuchKey', /deleted, moved or renamed/],
      ['NoSuchBucket', /bucket does not exist/],
      ['NoSuchVersion', /version of the object does not exist/]
    ] as const) {
      const result = classifyLinkTest(answer(404, awsError(code, 'gone')), AT)
      expect(result).toMatchObject({ outcome: 'object-missing', s3Code: code })
      expect(result.message).toMatch(words)
    }
    expect(classifyLinkTest(answer(404), AT)).toMatchObject({
      outcome: 'object-missing',
      s3Code: null
    })
  })

  it('names the right region when the link was signed for the wrong one', () => {
    const query = awsError(
      'AuthorizationQueryParametersError',
      "Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'eu-west-2'",
      '<Region>eu-west-2</Region>'
    )
    const header = awsError(
      'AuthorizationHeaderMalformed',
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-2'",
      '<Region>eu-west-2</Region>'
    )
    for (const body of [query, header]) {
      const result = classifyLinkTest(answer(400, body), AT)
      expect(result.outcome).toBe('wrong-region')
      expect(result.message).toContain('the bucket is in eu-west-2')
    }
  })

  it('names a wrong region as MinIO words it (InvalidRegion)', () => {
    const result = classifyLinkTest(
      answer(400, awsError('InvalidRegion', 'Region does not match.')),
      AT
    )
    expect(result).toMatchObject({ outcome: 'wrong-region', s3Code: 'InvalidRegion' })
    expectSafe(result.message)
  })

  it('blames a fast clock, not permissions, for "Request is not valid yet"', () => {
    const result = classifyLinkTest(
      answer(403, awsError('AccessDenied', 'Request is not valid yet')),
      AT
    )
    expect(result.outcome).toBe('expired')
    expect(result.message).toMatch(/clock is ahead/)
    expect(result.message).not.toMatch(/permissions/)
  })

  it('says a link pinned to a deleted version (a delete marker, 405) leads nowhere', () => {
    const result = classifyLinkTest(
      answer(
        405,
        awsError('MethodNotAllowed', 'The specified method is not allowed against this resource.'),
        { 'x-amz-delete-marker': 'true' }
      ),
      AT
    )
    expect(result).toMatchObject({ outcome: 'object-missing', httpStatus: 405 })
    expect(result.message).toMatch(/version/)
  })

  it('reads a permanent redirect (the bucket lives elsewhere) as a wrong region', () => {
    const body = awsError(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      '<Endpoint>reports.s3.eu-west-2.amazonaws.com</Endpoint><Bucket>reports</Bucket>'
    )
    const result = classifyLinkTest(answer(301, body, { 'x-amz-bucket-region': 'eu-west-2' }), AT)
    expect(result).toMatchObject({ outcome: 'wrong-region', s3Code: 'PermanentRedirect' })
    expect(result.message).toContain('the bucket is in eu-west-2')
    expect(classifyLinkTest(answer(301), AT).outcome).toBe('wrong-region')
    expect(
      classifyLinkTest(answer(400, awsError('IllegalLocationConstraintException', 'x')), AT).outcome
    ).toBe('wrong-region')
  })

  it('calls 503 and SlowDown throttling and other 5xx a server error', () => {
    expect(
      classifyLinkTest(answer(503, awsError('SlowDown', 'Please reduce your request rate.')), AT)
    ).toMatchObject({ outcome: 'throttled', s3Code: 'SlowDown' })
    expect(classifyLinkTest(answer(503), AT).outcome).toBe('throttled')
    expect(
      classifyLinkTest(
        answer(500, awsError('InternalError', 'We encountered an internal error.')),
        AT
      )
    ).toMatchObject({ outcome: 'server-error', s3Code: 'InternalError' })
    expect(classifyLinkTest(answer(502, '<html>Bad gateway</html>'), AT)).toMatchObject({
      outcome: 'server-error',
      s3Code: null
    })
  })

  it('does not blame the link for a web page a proxy or a wrong endpoint answered with', () => {
    const page = '<!DOCTYPE html><html><title>Access blocked</title><code>403</code></html>'
    for (const [status, headers] of [
      [403, { 'content-type': 'text/html; charset=utf-8' }],
      [404, {}],
      [302, { 'content-type': 'text/html', location: 'https://portal.example/login' }]
    ] as const) {
      const result = classifyLinkTest(answer(status, page, headers), AT)
      expect(result).toMatchObject({ outcome: 'failed', httpStatus: status, s3Code: null })
      expect(result.message).toMatch(/Something other than S3 answered/)
      expectSafe(result.message)
    }
    // S3's own XML on the same statuses is still read as S3's.
    expect(
      classifyLinkTest(
        answer(403, awsError('AccessDenied', 'Access Denied'), {
          'content-type': 'application/xml'
        }),
        AT
      ).outcome
    ).toBe('access-denied')
  })

  it('reads the error code from the headers when the answer has no body', () => {
    const result = classifyLinkTest(
      answer(403, '', { 'x-amz-error-code': 'InvalidAccessKeyId', 'x-amz-error-message': 'nope' }),
      AT
    )
    expect(result).toMatchObject({ outcome: 'unknown-access-key', s3Code: 'InvalidAccessKeyId' })
    expect(classifyLinkTest(answer(403), AT).outcome).toBe('access-denied')
  })

  it('calls anything else a failure, with its code', () => {
    const result = classifyLinkTest(
      answer(400, awsError('InvalidArgument', 'Invalid version id specified')),
      AT
    )
    expect(result).toMatchObject({ outcome: 'failed', httpStatus: 400, s3Code: 'InvalidArgument' })
    expect(result.message).toContain('InvalidArgument')
  })

  it('says the server is unreachable when nothing answered, and why', () => {
    const refused = classifyLinkTest(
      { kind: 'network-failure', code: 'ECONNREFUSED', timedOut: false },
      AT
    )
    expect(refused).toMatchObject({ outcome: 'unreachable', httpStatus: null, s3Code: null })
    expect(refused.message).toMatch(/connection refused/)
    const silent = classifyLinkTest({ kind: 'network-failure', code: null, timedOut: true }, AT)
    expect(silent.message).toMatch(/did not answer in time/)
    const dns = classifyLinkTest(
      { kind: 'network-failure', code: 'ENOTFOUND', timedOut: false },
      AT
    )
    expect(dns.message).toMatch(/does not resolve/)
    const tls = classifyLinkTest(
      { kind: 'network-failure', code: 'CERT_HAS_EXPIRED', timedOut: false },
      AT
    )
    expect(tls).toMatchObject({ outcome: 'unreachable' })
    expect(tls.message).toMatch(/TLS certificate was not accepted \(CERT_HAS_EXPIRED\)/)
  })

  it('keeps a hostile error message short, printable and free of signatures', () => {
    const body = awsError(
      'Weird\u0007Code',
      `line one\nline two \u202e X-Amz-Signature=${SIGNATURE}&X-Amz-Credential=${ACCESS_KEY}%2F20261130 ${'long '.repeat(400)}`
    )
    const result = classifyLinkTest(answer(400, body), AT)
    expect(result.outcome).toBe('failed')
    expect(result.s3Code).toBe('Weird\\u0007Code')
    expectSafe(result.message)
  })

  it('decodes XML entities in S3 messages', () => {
    expect(parseS3Error(awsError('AccessDenied', 'a &amp; b &lt;c&gt; &#39;d&#x27;'))).toEqual({
      code: 'AccessDenied',
      message: "a & b <c> 'd'",
      region: null
    })
  })

  it('says upload links are not tested, and why', () => {
    const result = notTestedUpload(AT)
    expect(result).toMatchObject({ outcome: 'not-tested', httpStatus: null, s3Code: null })
    expect(result.message).toMatch(/would put a file in the bucket/)
  })
})
