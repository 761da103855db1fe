import { S3ServiceException } from '@aws-sdk/client-s3'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMultipart } from '../../../test-support/s3rver-server'
import { formUploadsRefusedError, toAppError, type S3ErrorContext } from './s3-errors'
import {
  describeFormProbeAnswer,
  probeFormUploads,
  refusesFormUploads,
  type FormProbeAnswer
} from './upload-form-check'

/** An error shaped the way the SDK throws it for a given S3 error code and status. */
function s3Error(name: string, status: number): S3ServiceException {
  const error = new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: 'UnknownError'
  })
  return Object.assign(error, { $response: { statusCode: status, headers: {}, body: undefined } })
}

function context(operation: S3ErrorContext['operation']): S3ErrorContext {
  return { profileId: 'dev', region: 'us-east-1', endpoint: null, operation }
}

describe('what an upload failure says', () => {
  it('names s3:PutObject when the upload page cannot be published', () => {
    const error = toAppError(
      s3Error('AccessDenied', 403),
      context({ kind: 'put-object', bucket: 'inbox', key: '.s3-share/upload-1.html' })
    )
    expect(error.code).toBe('access-denied')
    expect(error.message).toBe(
      'Profile `dev` is not allowed to write `.s3-share/upload-1.html` in bucket `inbox` (AccessDenied). Check its IAM policy (or the bucket policy): it needs s3:PutObject on arn:aws:s3:::inbox/.s3-share/upload-1.html.'
    )
  })

  it('names s3:DeleteObject when the page cannot be deleted', () => {
    const error = toAppError(
      s3Error('AccessDenied', 403),
      context({ kind: 'delete-object', bucket: 'inbox', key: 'p.html' })
    )
    expect(error.message).toContain('not allowed to delete `p.html` in bucket `inbox`')
    expect(error.message).toContain('s3:DeleteObject on arn:aws:s3:::inbox/p.html')
  })

  it('reads a 404 on a write as a missing bucket, not a missing key', () => {
    for (const kind of ['put-object', 'delete-object', 'presign-post'] as const) {
      const error = toAppError(
        s3Error('NotFound', 404),
        context({ kind, bucket: 'gone', key: 'k' })
      )
      expect(error.code).toBe('no-such-bucket')
    }
  })

  it('says a store without form uploads cannot take a POST link, and what to make instead', () => {
    const error = formUploadsRefusedError(
      {
        profileId: 'dev',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:8080',
        operation: { kind: 'presign-post', bucket: 'inbox', key: 'drop/${filename}' }
      },
      'HTTP 412'
    )
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toBe(
      'http://127.0.0.1:8080 does not accept form uploads (POST) into bucket `inbox`: it answered HTTP 412. Some S3-compatible stores do not implement them. Make a PUT link to an exact file name instead (it cannot limit the size).'
    )
  })
})

describe('whether a store takes form uploads', () => {
  it.each<[FormProbeAnswer, boolean]>([
    // Swift's s3api: the form reaches Swift, which answers in plain text.
    [{ status: 412, code: null }, true],
    [{ status: 501, code: 'NotImplemented' }, true],
    [{ status: 405, code: 'MethodNotAllowed' }, true],
    [{ status: 501, code: null }, true],
    // S3 reading the form and refusing it: no file, a bad signature, a missing bucket.
    [{ status: 400, code: 'InvalidArgument' }, false],
    [{ status: 403, code: 'SignatureDoesNotMatch' }, false],
    [{ status: 403, code: 'AccessDenied' }, false],
    [{ status: 404, code: 'NoSuchBucket' }, false],
    [{ status: 412, code: 'PreconditionFailed' }, false],
    [{ status: 301, code: null }, false]
  ])('%j refuses form uploads: %s', (answer, refuses) => {
    expect(refusesFormUploads(answer)).toBe(refuses)
  })

  it('describes an answer in a few words', () => {
    expect(describeFormProbeAnswer({ status: 412, code: null })).toBe('HTTP 412')
    expect(describeFormProbeAnswer({ status: 501, code: 'NotImplemented' })).toBe(
      '501 NotImplemented'
    )
  })
})

describe('the form check request', () => {
  let server: Server
  let url: string
  const received: Array<{ method: string; names: string[]; signature: string | null }> = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const boundary = /boundary=(.+)$/.exec(request.headers['content-type'] ?? '')?.[1] ?? ''
        const parts = parseMultipart(Buffer.concat(chunks), boundary)
        received.push({
          method: request.method ?? '',
          names: parts.map((part) => part.name),
          signature:
            parts.find((part) => part.name === 'X-Amz-Signature')?.data.toString('utf8') ?? null
        })
        response.writeHead(501, { 'content-type': 'application/xml' })
        response.end(
          '<?xml version="1.0"?><Error><Code>NotImplemented</Code><Message>POST</Message></Error>'
        )
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    url = `http://127.0.0.1:${address.port}/inbox`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('sends the link’s fields without a file and with a spoiled signature, and reads the code', async () => {
    const fields = {
      key: 'drop/${filename}',
      success_action_status: '201',
      Policy: 'eyJ9',
      'X-Amz-Signature': 'a'.repeat(64)
    }
    const answer = await probeFormUploads({ url, fields }, AbortSignal.timeout(5000))
    expect(answer).toEqual({ status: 501, code: 'NotImplemented' })
    expect(received).toEqual([
      { method: 'POST', names: Object.keys(fields), signature: '0'.repeat(64) }
    ])
  })
})
