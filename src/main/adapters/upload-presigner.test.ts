import { S3Client } from '@aws-sdk/client-s3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  botocorePresignedPost,
  type BotocorePostAnswer
} from '../../../test-support/botocore-presigned-post'
import { AppError } from '../../shared/errors'
import {
  MAX_SINGLE_UPLOAD_BYTES,
  type PostUploadLink,
  type PostUploadLimits,
  type UploadDestination
} from '../../shared/upload-links'
import {
  decodePostPolicy,
  postPolicyOptions,
  presignUploadPost,
  presignUploadPut,
  sha256Base64,
  type PostUploadRequest
} from './upload-presigner'

/**
 * POST policies are checked against botocore, an independent implementation (AWS's Python SDK
 * core), at a fixed time. No server here enforces a POST policy (Swift's s3api answers
 * NotImplemented to POST Object, s3rver ignores policies), so these tests prove the policy and
 * its signature are what AWS documents and botocore makes, not that S3 enforces them.
 */

const NOW = new Date('2030-01-02T03:04:05Z')
const KEYS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
}

interface ClientOptions {
  region?: string
  endpoint?: string | null
  sessionToken?: string
}

/** A client configured like the gateway's: path-style custom endpoint or AWS, no checksums. */
function client({
  region = 'us-east-1',
  endpoint = 'http://127.0.0.1:8080',
  sessionToken
}: ClientOptions = {}): S3Client {
  return new S3Client({
    region,
    ...(endpoint === null ? {} : { endpoint, forcePathStyle: true }),
    credentials: { ...KEYS, ...(sessionToken === undefined ? {} : { sessionToken }) },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
}

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

function postRequest(
  destination: UploadDestination,
  limits: Partial<PostUploadLimits> = {},
  expiresInSeconds = 600
): PostUploadRequest {
  return {
    bucket: 'inbox-bucket',
    destination,
    limits: { minBytes: 0, maxBytes: 25_000_000, contentType: null, ...limits },
    expiresInSeconds
  }
}

/** Signs at NOW: createPresignedPost reads `Date.now()`, so only Date is faked. */
async function postAt(s3: S3Client, request: PostUploadRequest): Promise<PostUploadLink> {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  try {
    return await presignUploadPost(s3, request)
  } finally {
    vi.useRealTimers()
  }
}

/** botocore's form for the same inputs, and its signature over the app's policy. */
function botocoreFor(
  request: PostUploadRequest,
  link: PostUploadLink,
  options: ClientOptions
): Promise<BotocorePostAnswer> {
  const sdk = postPolicyOptions(request)
  return botocorePresignedPost({
    now: NOW.toISOString().replace(/\.000Z$/, 'Z'),
    region: options.region ?? 'us-east-1',
    endpoint: options.endpoint === undefined ? 'http://127.0.0.1:8080' : options.endpoint,
    ...KEYS,
    sessionToken: options.sessionToken ?? null,
    bucket: sdk.Bucket,
    key: sdk.Key,
    fields: sdk.Fields,
    // botocore adds no condition for a field by itself (its documentation says so); the SDK does.
    conditions: [
      ...sdk.Conditions,
      ...Object.entries(sdk.Fields).map(([name, value]) => ({ [name]: value }))
    ],
    expiresIn: sdk.Expires ?? 3600,
    policyToSign: link.fields.Policy ?? null
  })
}

/**
 * Conditions compared as a set. The two differ in two ways S3 does not care about:
 * - order: the SDK lists the caller's conditions, then one per form field, then the key;
 *   botocore the caller's, then bucket and key, then its x-amz-* fields;
 * - the case of the SigV4 field names: `X-Amz-Date` (SDK) and `x-amz-date` (botocore). S3
 *   matches form field names without regard to case (the SDK's capitalised form works on AWS).
 */
function normalized(conditions: unknown[]): string[] {
  return conditions
    .map((condition) => {
      if (Array.isArray(condition)) return JSON.stringify(condition)
      const entries = Object.entries(condition as Record<string, string>).map(([name, value]) => [
        name.toLowerCase().startsWith('x-amz-') ? name.toLowerCase() : name,
        value
      ])
      return JSON.stringify(Object.fromEntries(entries))
    })
    .sort()
}

afterEach(() => {
  vi.useRealTimers()
})

describe('POST policies, checked against botocore at a fixed time', () => {
  const cases: Array<[string, PostUploadRequest, ClientOptions]> = [
    [
      'any file name under a folder, images only, 1 KB to 25 MB, custom endpoint',
      postRequest(
        { kind: 'prefix', prefix: 'incoming/2030 photos/' },
        { minBytes: 1_000, contentType: { kind: 'starts-with', prefix: 'image/' } }
      ),
      {}
    ],
    [
      'an exact key with an exact type, temporary credentials, on AWS in eu-west-2',
      postRequest(
        { kind: 'key', key: 'reports/Q4 “final” – Zoë.pdf' },
        {
          maxBytes: MAX_SINGLE_UPLOAD_BYTES,
          contentType: { kind: 'exact', contentType: 'application/pdf' }
        },
        7 * 24 * 3600
      ),
      { region: 'eu-west-2', endpoint: null, sessionToken: 'FwoGZXIvYXdzEXAMPLE//token+/=' }
    ],
    [
      'the top of the bucket, any type, one second',
      postRequest({ kind: 'prefix', prefix: '' }, {}, 1),
      { region: 'ap-southeast-2' }
    ]
  ]

  it.each(cases)(
    '%s: same conditions and signature as botocore',
    async (_name, request, options) => {
      const link = await postAt(client(options), request)
      const boto = await botocoreFor(request, link, options)

      expect(normalized(link.conditions)).toEqual(normalized(boto.policy.conditions))
      expect(decodePostPolicy(link.fields.Policy!).expiration).toBe(boto.policy.expiration)
      // botocore's own SigV4 POST signer, over the app's base64 policy, gives the app's signature.
      expect(boto.signerMatchesOwnForm).toBe(true)
      expect(boto.signatureOfPolicyToSign).toBe(link.fields['X-Amz-Signature'])
      expect(link.fields['X-Amz-Credential']).toBe(boto.scope)
      expect(link.fields['X-Amz-Date']).toBe(boto.fields['x-amz-date'])
      expect(link.fields.key).toBe(boto.fields.key)
      if (options.endpoint !== null) expect(link.url).toBe(boto.url)
      if (options.sessionToken !== undefined) {
        expect(link.fields['X-Amz-Security-Token']).toBe(boto.fields['x-amz-security-token'])
      }
    }
  )

  it('writes expiration, starts-with and content-length-range as AWS documents them', async () => {
    const request = postRequest(
      { kind: 'prefix', prefix: 'incoming/' },
      {
        minBytes: 10,
        maxBytes: 25_000_000,
        contentType: { kind: 'starts-with', prefix: 'image/' }
      },
      3600
    )
    const link = await postAt(client(), request)
    const policy = decodePostPolicy(link.fields.Policy!)

    // ISO 8601 in GMT: the signing time plus the lifetime.
    expect(policy.expiration).toBe('2030-01-02T04:04:05Z')
    expect(link.signedAt).toBe('2030-01-02T03:04:05.000Z')
    expect(link.expiresAt).toBe('2030-01-02T04:04:05.000Z')
    // Sizes as JSON numbers, both bounds inclusive.
    expect(link.conditions).toContainEqual(['content-length-range', 10, 25_000_000])
    // `$` + field name; S3 puts the uploader's file name where the key field says ${filename}.
    expect(link.conditions).toContainEqual(['starts-with', '$key', 'incoming/'])
    expect(link.fields.key).toBe('incoming/${filename}')
    expect(link.conditions).toContainEqual(['starts-with', '$Content-Type', 'image/'])
    expect(link.contentTypeField).toEqual({ startsWith: 'image/' })
    expect(link.conditions).toContainEqual({ success_action_status: '201' })
    expect(link.conditions).toContainEqual({ bucket: 'inbox-bucket' })

    // AWS: every form field except the signature, the policy and the file needs a condition.
    const covered = new Set(
      link.conditions.map((condition) =>
        (Array.isArray(condition)
          ? String(condition[1]).replace(/^\$/, '')
          : Object.keys(condition)[0]!
        ).toLowerCase()
      )
    )
    for (const name of [...Object.keys(link.fields), 'Content-Type']) {
      if (name === 'Policy' || name === 'X-Amz-Signature') continue
      expect(covered, name).toContain(name.toLowerCase())
    }
    expect(Object.keys(link.fields)[0]).toBe('key')
    expect(Object.keys(link.fields)).not.toContain('file')
  })

  it('fixes an exact Content-Type in the form and asks the uploader for none', async () => {
    const link = await postAt(
      client(),
      postRequest(
        { kind: 'key', key: 'in/report.pdf' },
        { contentType: { kind: 'exact', contentType: 'application/pdf' } }
      )
    )
    expect(link.fields['Content-Type']).toBe('application/pdf')
    expect(link.conditions).toContainEqual({ 'Content-Type': 'application/pdf' })
    expect(link.conditions).toContainEqual({ key: 'in/report.pdf' })
    expect(link.contentTypeField).toBeNull()
  })

  it('lets the uploader name any Content-Type when no rule is set, so S3 stores the real one', async () => {
    const link = await postAt(client(), postRequest({ kind: 'prefix', prefix: 'in/' }))
    expect(link.conditions).toContainEqual(['starts-with', '$Content-Type', ''])
    expect(link.contentTypeField).toEqual({ startsWith: '' })
  })
})

describe('POST inputs refused before signing', () => {
  const s3 = client()

  it("refuses a maximum above S3's 5 GiB single-request limit", async () => {
    const error = await refusal(() =>
      presignUploadPost(
        s3,
        postRequest({ kind: 'prefix', prefix: 'in/' }, { maxBytes: 6 * 1024 ** 3 })
      )
    )
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toMatch(/5 GiB/)
  })

  it('refuses a minimum above the maximum', async () => {
    const error = await refusal(() =>
      presignUploadPost(
        s3,
        postRequest({ kind: 'prefix', prefix: 'in/' }, { minBytes: 10, maxBytes: 9 })
      )
    )
    expect(error.code).toBe('invalid-argument')
  })

  it.each([0, 604_801, 1.5])('refuses a lifetime of %s seconds', async (seconds) => {
    const error = await refusal(() =>
      presignUploadPost(s3, postRequest({ kind: 'prefix', prefix: 'in/' }, {}, seconds))
    )
    expect(error.code).toBe('invalid-expiry')
  })

  it('refuses keys and prefixes no upload can use', async () => {
    for (const destination of [
      { kind: 'key', key: 'in/${filename}' },
      { kind: 'key', key: 'in/' },
      { kind: 'key', key: '' },
      { kind: 'prefix', prefix: 'a\u0000b/' }
    ] as UploadDestination[]) {
      expect((await refusal(() => presignUploadPost(s3, postRequest(destination)))).code).toBe(
        'invalid-argument'
      )
    }
    const badBucket = { ...postRequest({ kind: 'prefix', prefix: '' }), bucket: 'a/b' }
    expect((await refusal(() => presignUploadPost(s3, badBucket))).code).toBe('invalid-argument')
  })
})

describe('PUT links', () => {
  it('carries no checksum parameter, and binds the Content-Type when asked', async () => {
    const link = await presignUploadPut(client(), {
      bucket: 'inbox-bucket',
      key: 'in/photo.png',
      expiresInSeconds: 900,
      contentType: 'image/png',
      signingDate: new Date('2030-01-02T03:04:05.678Z')
    })
    const query = new URL(link.url).searchParams
    expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([])
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-type;host')
    expect(query.get('X-Amz-Date')).toBe('20300102T030405Z')
    expect(query.get('X-Amz-Expires')).toBe('900')
    expect(link).toMatchObject({
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      contentType: 'image/png',
      signedAt: '2030-01-02T03:04:05.000Z',
      expiresAt: '2030-01-02T03:19:05.000Z'
    })
  })

  it('signs only the host without a Content-Type, and asks for no header', async () => {
    const link = await presignUploadPut(client(), {
      bucket: 'inbox-bucket',
      key: 'in/any.bin',
      expiresInSeconds: 60
    })
    expect(new URL(link.url).searchParams.get('X-Amz-SignedHeaders')).toBe('host')
    expect(link.headers).toEqual({})
  })

  it("refuses to hand out a URL from a client that adds checksums (the SDK's default)", async () => {
    const defaults = new S3Client({ region: 'us-east-1', credentials: KEYS })
    const error = await refusal(() =>
      presignUploadPut(defaults, { bucket: 'b', key: 'k', expiresInSeconds: 60 })
    )
    expect(error.code).toBe('internal')
    expect(error.message).toMatch(/WHEN_REQUIRED/)
  })

  it('refuses bad keys, types and lifetimes before signing', async () => {
    const s3 = client()
    const base = { bucket: 'b', key: 'in/x.bin', expiresInSeconds: 60 }
    for (const request of [
      { ...base, key: 'in/${filename}' },
      { ...base, key: 'in/' },
      { ...base, contentType: 'image/png, text/html' },
      { ...base, contentType: 'not a type' }
    ]) {
      expect((await refusal(() => presignUploadPut(s3, request))).code).toBe('invalid-argument')
    }
    expect(
      (await refusal(() => presignUploadPut(s3, { ...base, expiresInSeconds: 604_801 }))).code
    ).toBe('invalid-expiry')
  })
})

describe('sha256Base64', () => {
  it("hashes UTF-8 like a browser checks a CSP 'sha256-' source", () => {
    // RFC 6234 test vector "abc".
    expect(sha256Base64('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=')
    expect(sha256Base64('é')).toBe(sha256Base64('\u00e9'))
  })
})
