import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { swiftSeedClient } from '../../../test-support/swift-profiles'
import { postUploadCommand, putUploadCommand } from '../../shared/upload-commands'
import { presignUploadPost, presignUploadPut } from './upload-presigner'

/**
 * Upload links against OpenStack Swift's s3api, which verifies SigV4 signatures and expiry.
 *
 * PUT links are proven here end to end. POST forms are not: Swift does not implement POST
 * Object (checked below), and no server installable here enforces a POST policy. The policies are checked against botocore instead (upload-presigner.test.ts).
 */

const run = promisify(execFile)
const swift = inject('swift')
const bucket = `upload-it-${Math.random().toString(36).slice(2, 10)}`
let s3: S3Client
let workDir: string

async function stored(key: string): Promise<{ body: Buffer; contentType: string | undefined }> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return {
    body: Buffer.from(await output.Body!.transformToByteArray()),
    contentType: output.ContentType
  }
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return true
  } catch {
    return false
  }
}

/** The S3 error code in an XML error body. */
function errorCode(body: string): string {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? ''
}

async function put(url: string, body: Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'PUT', body, headers })
  return { status: response.status, body: await response.text() }
}

beforeAll(async () => {
  // Created like the gateway's clients: path-style, checksums only WHEN_REQUIRED.
  s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  workDir = await mkdtemp(join(tmpdir(), 's3sm-upload-it-'))
})

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

describe('PUT upload links against Swift', () => {
  it('stores exactly the bytes uploaded, for keys with spaces, quotes and unicode', async () => {
    for (const key of ['incoming/plain.bin', 'incoming/it\'s "Zoë" – 日本 #1?.bin']) {
      const link = await presignUploadPut(s3, { bucket, key, expiresInSeconds: 300 })
      expect(link.url).not.toMatch(/checksum/i)
      const body = randomBytes(256 * 1024 + 7)
      expect(await put(link.url, body)).toMatchObject({ status: 200 })
      expect((await stored(key)).body.equals(body)).toBe(true)
    }
  })

  it('accepts the bound Content-Type and refuses any other, or none', async () => {
    const key = 'incoming/photo.png'
    const link = await presignUploadPut(s3, {
      bucket,
      key,
      expiresInSeconds: 300,
      contentType: 'image/png'
    })
    const body = randomBytes(2048)

    const wrongType = await put(link.url, body, { 'Content-Type': 'text/html' })
    expect(wrongType.status).toBe(403)
    expect(errorCode(wrongType.body)).toBe('SignatureDoesNotMatch')
    const noType = await put(link.url, body)
    expect(noType.status).toBe(403)
    expect(await exists(key)).toBe(false)

    expect((await put(link.url, body, link.headers)).status).toBe(200)
    const object = await stored(key)
    expect(object.body.equals(body)).toBe(true)
    expect(object.contentType).toBe('image/png')
  })

  it('refuses an upload once the link has expired', async () => {
    const key = 'incoming/late.bin'
    const link = await presignUploadPut(s3, {
      bucket,
      key,
      expiresInSeconds: 60,
      // Signed two minutes ago for one minute: expired a minute ago, without waiting.
      signingDate: new Date(Date.now() - 120_000)
    })
    const late = await put(link.url, randomBytes(100))
    expect(late.status).toBe(403)
    expect(errorCode(late.body)).toBe('AccessDenied')
    expect(late.body).toMatch(/expired/i)
    expect(await exists(key)).toBe(false)
  })

  it('carries no checksum parameter in the URL', async () => {
    const link = await presignUploadPut(s3, {
      bucket,
      key: 'incoming/any.bin',
      expiresInSeconds: 60,
      contentType: 'application/octet-stream'
    })
    const names = [...new URL(link.url).searchParams.keys()]
    expect(names.filter((name) => /checksum/i.test(name))).toEqual([])
    expect(names.sort()).toEqual([
      'X-Amz-Algorithm',
      'X-Amz-Content-Sha256',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-Signature',
      'X-Amz-SignedHeaders',
      'x-id'
    ])
    // The body is not part of the signature: any content, of any size, matches it.
    expect(new URL(link.url).searchParams.get('X-Amz-Content-Sha256')).toBe('UNSIGNED-PAYLOAD')
  })

  it('uploads through its curl command, run by a real shell and curl', async () => {
    const key = "incoming/curl 'quoted' $HOME `id`.csv"
    const link = await presignUploadPut(s3, {
      bucket,
      key,
      expiresInSeconds: 300,
      contentType: 'text/csv; charset=utf-8'
    })
    const file = join(workDir, "my file's $name.csv")
    const body = Buffer.from('name,amount\nZoë,42\n')
    await writeFile(file, body)
    await run('/bin/sh', ['-c', `${putUploadCommand(link, file)} --silent --fail-with-body`])
    const object = await stored(key)
    expect(object.body.equals(body)).toBe(true)
    expect(object.contentType).toBe('text/csv; charset=utf-8')
  })
})

describe('POST upload forms against Swift', () => {
  it('are refused: Swift does not implement POST Object', async () => {
    const link = await presignUploadPost(s3, {
      bucket,
      destination: { kind: 'prefix', prefix: 'incoming/' },
      limits: { minBytes: 0, maxBytes: 1_000_000, contentType: null },
      expiresInSeconds: 300
    })
    const file = join(workDir, 'form.txt')
    await writeFile(file, 'posted')
    const { stdout } = await run('/bin/sh', [
      '-c',
      `${postUploadCommand(link, { file, contentType: 'text/plain' })} --silent --write-out '\n%{http_code}'`
    ])
    // The credentials are in the form, not in a header or the query, so s3api does not take the
    // request for an S3 one and the proxy answers as Swift: 412 "Bad URL". The upload page
    // explains such an answer as a store that does not take uploads from a web page.
    expect(stdout.slice(stdout.lastIndexOf('\n') + 1)).toBe('412')
    expect(stdout).toMatch(/^Bad URL/)
    expect(await exists('incoming/form.txt')).toBe(false)
  })
})
