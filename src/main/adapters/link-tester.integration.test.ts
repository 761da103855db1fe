import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy'
import { freePorts } from '../../../test-support/free-ports'
import { swiftSeedClient } from '../../../test-support/swift-profiles'
import { MAX_SELF_TEST_MESSAGE_CHARS } from '../../shared/link-test'
import type { LinkSelfTest } from '../../shared/models'
import { createLinkTester, fetchLinkOnce } from './link-tester'

const swift = inject('swift')
const bucket = `link-test-it-${Math.random().toString(36).slice(2, 10)}`
const KEY = 'reports/Q3 résumé + notes.pdf'
const EMPTY_KEY = 'reports/empty.txt'
const GONE_KEY = 'reports/deleted.txt'
const BODY = 'x'.repeat(50_000)

const test = createLinkTester()
let proxy: FaultProxy

/** A pre-signed GET made by the SDK's own presigner, so the tester is checked independently. */
async function sign(
  key: string,
  options: {
    endpoint?: string
    region?: string
    secretAccessKey?: string
    accessKeyId?: string
    signingDate?: Date
    expiresIn?: number
  } = {}
): Promise<string> {
  const client = new S3Client({
    region: options.region ?? 'us-east-1',
    endpoint: options.endpoint ?? swift.endpoint,
    forcePathStyle: true,
    credentials: {
      accessKeyId: options.accessKeyId ?? swift.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? swift.secretAccessKey
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
  try {
    return await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: options.expiresIn ?? 300,
      ...(options.signingDate === undefined ? {} : { signingDate: options.signingDate })
    })
  } finally {
    client.destroy()
  }
}

/** What every result must be, whatever its outcome: short, printable, no secrets. */
function expectSafe(result: LinkSelfTest, url: string): void {
  expect(result.message.length).toBeLessThanOrEqual(MAX_SELF_TEST_MESSAGE_CHARS)
  // eslint-disable-next-line no-control-regex
  expect(result.message).not.toMatch(/[\u0000-\u001f\u007f]/)
  const signature = /X-Amz-Signature=([0-9a-f]+)/.exec(url)?.[1]
  expect(signature).toBeDefined()
  expect(result.message).not.toContain(signature)
  expect(result.message).not.toContain(swift.secretAccessKey)
  expect(result.message).not.toMatch(/X-Amz-Credential=|aws4_request/)
  expect(Number.isNaN(Date.parse(result.testedAt))).toBe(false)
}

beforeAll(async () => {
  const seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: BODY }))
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: EMPTY_KEY, Body: '' }))
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: GONE_KEY, Body: 'soon gone' }))
  await seed.send(new DeleteObjectCommand({ Bucket: bucket, Key: GONE_KEY }))
  seed.destroy()
  const { hostname, port } = new URL(swift.endpoint)
  proxy = await startFaultProxy({ host: hostname, port: Number(port) })
})

afterAll(async () => {
  await proxy.close()
})

describe('testing a fresh link against a real S3 server (Swift)', () => {
  it('says a good link works, fetching one byte of it', async () => {
    const url = await sign(KEY)
    const answer = await fetchLinkOnce(url)
    expect(answer).toMatchObject({ kind: 'response', status: 206 })
    const result = await test(url)
    expect(result).toMatchObject({ outcome: 'works', httpStatus: 206, s3Code: null })
    expectSafe(result, url)
  })

  it('says a link to an empty object works (there is no first byte to fetch)', async () => {
    const url = await sign(EMPTY_KEY)
    const result = await test(url)
    expect(result.outcome).toBe('works')
    expect([200, 206, 416]).toContain(result.httpStatus)
  })

  it('blames the secret key when the link was signed with a wrong one', async () => {
    const url = await sign(KEY, { secretAccessKey: 'not-the-secret' })
    const result = await test(url)
    expect(result).toMatchObject({
      outcome: 'signature-mismatch',
      httpStatus: 403,
      s3Code: 'SignatureDoesNotMatch'
    })
    expect(result.message).toMatch(/secret key is wrong or the URL was changed/)
    expect(result.message).toContain('SignatureDoesNotMatch')
    expectSafe(result, url)
  })

  it('blames the signature when the URL was changed after signing', async () => {
    const url = await sign(KEY)
    const tampered = url.replace(
      /(X-Amz-Signature=[0-9a-f]{63})([0-9a-f])/,
      (_, head: string, last: string) => `${head}${last === '0' ? '1' : '0'}`
    )
    expect(tampered).not.toBe(url)
    const result = await test(tampered)
    expect(result).toMatchObject({ outcome: 'signature-mismatch', s3Code: 'SignatureDoesNotMatch' })
    expectSafe(result, tampered)
  })

  it('blames the keys when S3 has never heard of the access key', async () => {
    // Swift's tempauth answers SignatureDoesNotMatch here; AWS answers InvalidAccessKeyId,
    // which link-test.test.ts classifies from a recorded answer.
    const url = await sign(KEY, { accessKeyId: 'nobody:nobody' })
    const result = await test(url)
    expect(result).toMatchObject({
      outcome: 'signature-mismatch',
      httpStatus: 403,
      s3Code: 'SignatureDoesNotMatch'
    })
    expectSafe(result, url)
  })

  it('says the object is gone when it was deleted', async () => {
    const url = await sign(GONE_KEY)
    const result = await test(url)
    expect(result).toMatchObject({
      outcome: 'object-missing',
      httpStatus: 404,
      s3Code: 'NoSuchKey'
    })
    expect(result.message).toMatch(/deleted, moved or renamed/)
    expectSafe(result, url)
  })

  it('says the link expired when its lifetime is over', async () => {
    // Signed two hours ago for one minute: no waiting, no fake clock needed on the server.
    const url = await sign(KEY, {
      signingDate: new Date(Date.now() - 2 * 3_600_000),
      expiresIn: 60
    })
    const result = await test(url)
    expect(result).toMatchObject({ outcome: 'expired', httpStatus: 403, s3Code: 'AccessDenied' })
    expect(result.message).toContain('Request has expired')
    expectSafe(result, url)
  })

  it('says the region is wrong when the link was signed for another region', async () => {
    const url = await sign(KEY, { region: 'eu-west-2' })
    const result = await test(url)
    expect(result).toMatchObject({
      outcome: 'wrong-region',
      httpStatus: 400,
      s3Code: 'AuthorizationQueryParametersError'
    })
    expect(result.message).toContain("the region 'eu-west-2' is wrong; expecting 'us-east-1'")
    expect(result.message).toContain('the bucket is in us-east-1')
    expectSafe(result, url)
  })

  it('says the server is unreachable when nothing listens at the endpoint', async () => {
    const [closed] = await freePorts(1)
    const url = await sign(KEY, { endpoint: `http://127.0.0.1:${closed}` })
    const result = await test(url)
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null, s3Code: null })
    expect(result.message).toMatch(/connection refused/)
    expectSafe(result, url)
  })
})

describe('testing a link through a faulty network (fault-injecting proxy)', () => {
  it('works through the proxy when nothing is wrong', async () => {
    proxy.setFault({ kind: 'none' })
    const result = await test(await sign(KEY, { endpoint: proxy.url }))
    expect(result.outcome).toBe('works')
  })

  it('says S3 is busy when it answers 503 SlowDown', async () => {
    proxy.setFault({
      kind: 'status',
      status: 503,
      code: 'SlowDown',
      message: 'Please reduce your request rate.'
    })
    const url = await sign(KEY, { endpoint: proxy.url })
    const result = await test(url)
    expect(result).toMatchObject({ outcome: 'throttled', httpStatus: 503, s3Code: 'SlowDown' })
    expect(result.message).toMatch(/test it again/)
    expectSafe(result, url)
  })

  it('says another server error is the server failing, not the link', async () => {
    proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' })
    const result = await test(await sign(KEY, { endpoint: proxy.url }))
    expect(result).toMatchObject({
      outcome: 'server-error',
      httpStatus: 500,
      s3Code: 'InternalError'
    })
  })

  it('gives up on a silent server after its timeout and says it is unreachable', async () => {
    proxy.setFault({ kind: 'stall' })
    const url = await sign(KEY, { endpoint: proxy.url })
    const result = await createLinkTester({ timeoutMs: 500 })(url)
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null })
    expect(result.message).toMatch(/did not answer in time/)
    expectSafe(result, url)
  })
})
