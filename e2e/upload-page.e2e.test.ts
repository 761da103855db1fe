import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  presignUploadPost,
  presignUploadPut,
  sha256Base64
} from '../src/main/adapters/upload-presigner'
import { postUploadCommand } from '../src/shared/upload-commands'
import type { PostUploadLink, PutUploadLink } from '../src/shared/upload-links'
import { renderUploadPage, type UploadPageOptions } from '../src/shared/upload-page'
import { startS3rver, type S3rverServer } from '../test-support/s3rver-server'
import { startSwiftServer, type SwiftServer } from '../test-support/swift-server'

/**
 * The upload page as a recipient uses it: rendered by the app, stored in the bucket, opened
 * through its pre-signed GET link in Debian's Chromium.
 *
 * - PUT mode runs end to end against Swift, which verifies signatures: what arrives is proven.
 * - POST mode cannot be proven here: Swift does not implement POST Object (what the page says
 *   then is checked), and s3rver ignores the policy and the signature. The s3rver tests are
 *   MECHANICS ONLY: the fields the browser sends and their order, `file` last, `${filename}`,
 *   the 201 answer and what the page says. The policy itself is checked against botocore
 *   (src/main/adapters/upload-presigner.test.ts).
 */

const run = promisify(execFile)
const SCREENSHOT = new URL('../docs/screenshot-upload-page.png', import.meta.url).pathname
const ARTIFACTS = new URL('../.test-tmp/upload-page/', import.meta.url).pathname
const PAGE_PREFIX = '.s3sm-upload-pages/'
const SWIFT_BUCKET = 'inbox'
const S3RVER_BUCKET = 'drop-box'

let swift: SwiftServer
let s3rver: S3rverServer
let swiftClient: S3Client
let s3rverClient: S3Client
let browser: Browser
let workDir: string

function clientFor(endpoint: string, accessKeyId: string, secretAccessKey: string): S3Client {
  // Configured like the gateway's clients: path-style, checksums only WHEN_REQUIRED.
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
}

/** Renders the page, stores it in the bucket as text/html and returns its GET link. */
async function publishPage(
  client: S3Client,
  bucket: string,
  options: Omit<UploadPageOptions, 'sha256Base64'>
): Promise<string> {
  const page = renderUploadPage({ ...options, sha256Base64 })
  const key = `${PAGE_PREFIX}${randomBytes(6).toString('hex')}.html`
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: page.html,
      ContentType: page.contentType
    })
  )
  return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: 3600
  })
}

interface Recipient {
  context: BrowserContext
  page: Page
  /** Console errors (CSP violations among them) and uncaught exceptions. */
  problems: string[]
}

async function openAsRecipient(
  url: string,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}
): Promise<Recipient> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 900, height: 760 },
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(url)
  return { context, page, problems }
}

function status(page: Page) {
  return page.getByRole('status')
}

async function stored(client: S3Client, bucket: string, key: string) {
  const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return {
    body: Buffer.from(await output.Body!.transformToByteArray()),
    contentType: output.ContentType
  }
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 's3sm-upload-page-'))
  await mkdir(ARTIFACTS, { recursive: true })
  ;[swift, s3rver] = await Promise.all([
    startSwiftServer({ locations: ['us-east-1'] }),
    startS3rver([S3RVER_BUCKET])
  ])
  swiftClient = clientFor(swift.endpoint, swift.accessKeyId, swift.secretAccessKey)
  s3rverClient = clientFor(s3rver.endpoint, s3rver.accessKeyId, s3rver.secretAccessKey)
  await swiftClient.send(new CreateBucketCommand({ Bucket: SWIFT_BUCKET }))
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([swift?.stop(), s3rver?.stop()])
  await rm(workDir, { recursive: true, force: true })
})

describe('the upload page, PUT mode, end to end against Swift', () => {
  it('uploads the chosen file byte for byte with the bound type, and says so', async () => {
    const link: PutUploadLink = await presignUploadPut(swiftClient, {
      bucket: SWIFT_BUCKET,
      key: 'incoming/contract – signed “final”.pdf',
      expiresInSeconds: 3600,
      contentType: 'application/pdf'
    })
    const url = await publishPage(swiftClient, SWIFT_BUCKET, {
      link,
      title: 'Send the signed contract',
      note: 'Please upload the signed PDF.\nThanks, Zoë'
    })
    const { page, problems, context } = await openAsRecipient(url)
    try {
      await expect
        .poll(() => page.locator('#countdown').innerText())
        .toMatch(/^This link works for another (59 minutes|1 hour)/)
      await expect
        .poll(() => page.locator('#limits').innerText())
        .toBe(
          'Send one file: up to 5.3 GB, PDF documents only. It will be saved as “contract – signed “final”.pdf”.'
        )
      const body = randomBytes(300_000)
      await page.getByLabel('Choose a file').setInputFiles({
        name: 'scan.pdf',
        mimeType: 'application/pdf',
        buffer: body
      })
      await page.getByRole('button', { name: 'Upload' }).click()
      await expect
        .poll(() => status(page).innerText())
        .toBe('Your file was uploaded. It was saved as “contract – signed “final”.pdf”.')
      const object = await stored(swiftClient, SWIFT_BUCKET, link.key)
      expect(object.body.equals(body)).toBe(true)
      expect(object.contentType).toBe('application/pdf')
      expect(await page.locator('progress').getAttribute('value')).toBe('100')
      // The script and style ran under the page's own CSP: nothing was blocked.
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it("explains Swift's refusal of a damaged link in plain words", async () => {
    const link = await presignUploadPut(swiftClient, {
      bucket: SWIFT_BUCKET,
      key: 'incoming/damaged.bin',
      expiresInSeconds: 3600
    })
    const damaged = {
      ...link,
      url: link.url.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=0')
    }
    expect(damaged.url).not.toBe(link.url)
    const { page, context } = await openAsRecipient(
      await publishPage(swiftClient, SWIFT_BUCKET, { link: damaged })
    )
    try {
      await page.getByLabel('Choose a file').setInputFiles({
        name: 'a.bin',
        mimeType: 'application/octet-stream',
        buffer: randomBytes(100)
      })
      await page.getByRole('button', { name: 'Upload' }).click()
      await expect
        .poll(() => status(page).innerText())
        .toMatch(/^The storage service refused this link: it is damaged or was changed/)
      expect(await exists(swiftClient, SWIFT_BUCKET, 'incoming/damaged.bin')).toBe(false)
    } finally {
      await context.close()
    }
  })

  it('says the link has expired, and that Swift refused the late upload', async () => {
    const link = await presignUploadPut(swiftClient, {
      bucket: SWIFT_BUCKET,
      key: 'incoming/late.bin',
      expiresInSeconds: 60,
      signingDate: new Date(Date.now() - 120_000)
    })
    // The recipient's clock says it expired: the page says so and offers no upload.
    const expiredPage = await openAsRecipient(
      await publishPage(swiftClient, SWIFT_BUCKET, { link })
    )
    try {
      await expect
        .poll(() => status(expiredPage.page).innerText())
        .toBe('This link has expired. Ask the sender for a new one.')
      expect(await expiredPage.page.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true)
      await expect
        .poll(() => expiredPage.page.locator('#countdown').innerText())
        .toMatch(/^This link expired on /)
    } finally {
      await expiredPage.context.close()
    }

    // A page whose clock is behind still tries; Swift's "Request has expired" is explained.
    const behind = await openAsRecipient(
      await publishPage(swiftClient, SWIFT_BUCKET, {
        link: { ...link, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }
      })
    )
    try {
      await behind.page.getByLabel('Choose a file').setInputFiles({
        name: 'late.bin',
        mimeType: 'application/octet-stream',
        buffer: randomBytes(100)
      })
      await behind.page.getByRole('button', { name: 'Upload' }).click()
      await expect
        .poll(() => status(behind.page).innerText())
        .toBe('This link has expired. Ask the sender for a new one.')
      expect(await exists(swiftClient, SWIFT_BUCKET, 'incoming/late.bin')).toBe(false)
    } finally {
      await behind.context.close()
    }
  })
})

describe('the upload page, POST mode', () => {
  it('tells the recipient when the store does not take form uploads (Swift: 412 Bad URL)', async () => {
    const link = await presignUploadPost(swiftClient, {
      bucket: SWIFT_BUCKET,
      destination: { kind: 'prefix', prefix: 'incoming/' },
      limits: { minBytes: 0, maxBytes: 1_000_000, contentType: null },
      expiresInSeconds: 3600
    })
    const { page, context } = await openAsRecipient(
      await publishPage(swiftClient, SWIFT_BUCKET, { link })
    )
    try {
      await page.getByLabel('Choose a file').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('hello')
      })
      await page.getByRole('button', { name: 'Upload' }).click()
      await expect
        .poll(() => status(page).innerText())
        .toMatch(/^This storage service does not accept uploads from a web page like this one/)
    } finally {
      await context.close()
    }
  })

  describe('against s3rver: MECHANICS ONLY (s3rver checks neither policy nor signature)', () => {
    let link: PostUploadLink
    let url: string

    beforeAll(async () => {
      link = await presignUploadPost(s3rverClient, {
        bucket: S3RVER_BUCKET,
        destination: { kind: 'prefix', prefix: 'incoming/' },
        limits: {
          minBytes: 0,
          maxBytes: 25_000_000,
          contentType: { kind: 'starts-with', prefix: 'image/' }
        },
        expiresInSeconds: 3 * 24 * 3600
      })
      url = await publishPage(s3rverClient, S3RVER_BUCKET, {
        link,
        title: 'Send your holiday photos',
        note: 'Pick a photo; it goes straight to our storage.'
      })
    })

    it('posts the fields in order, the file last under its own name, and shows the 201 as success', async () => {
      const { page, problems, context } = await openAsRecipient(url)
      try {
        const sentBefore = s3rver.posts.length
        const body = randomBytes(40_000)
        await page.getByLabel('Choose a file').setInputFiles({
          name: 'holiday photo.png',
          mimeType: 'image/png',
          buffer: body
        })
        await expect
          .poll(() => page.locator('#chosen').innerText())
          .toBe('holiday photo.png (40 KB)')
        await page.getByRole('button', { name: 'Upload' }).click()
        await expect
          .poll(() => status(page).innerText())
          .toBe(
            'Your file was uploaded. It was saved as “holiday photo.png”. You can send another file.'
          )

        expect(s3rver.posts).toHaveLength(sentBefore + 1)
        const post = s3rver.posts.at(-1)!
        expect(post.status).toBe(201)
        expect(post.path).toBe(`/${S3RVER_BUCKET}`)
        expect(post.parts.map((part) => part.name)).toEqual([
          ...Object.keys(link.fields),
          'Content-Type',
          'file'
        ])
        for (const part of post.parts.slice(0, -2)) {
          expect(part.data.toString('utf8')).toBe(link.fields[part.name])
        }
        expect(post.parts.find((part) => part.name === 'key')!.data.toString()).toBe(
          'incoming/${filename}'
        )
        expect(post.parts.at(-2)!.data.toString()).toBe('image/png')
        const file = post.parts.at(-1)!
        expect(file.filename).toBe('holiday photo.png')
        expect(file.data.equals(body)).toBe(true)

        const object = await stored(s3rverClient, S3RVER_BUCKET, 'incoming/holiday photo.png')
        expect(object.body.equals(body)).toBe(true)
        expect(problems).toEqual([])

        await page.screenshot({ path: SCREENSHOT, fullPage: true })
      } finally {
        await context.close()
      }
    })

    it('refuses a file of the wrong type or size before sending anything', async () => {
      const small = await presignUploadPost(s3rverClient, {
        bucket: S3RVER_BUCKET,
        destination: { kind: 'key', key: 'incoming/avatar.png' },
        limits: {
          minBytes: 0,
          maxBytes: 1_000,
          contentType: { kind: 'starts-with', prefix: 'image/' }
        },
        expiresInSeconds: 600
      })
      const { page, context } = await openAsRecipient(
        await publishPage(s3rverClient, S3RVER_BUCKET, { link: small })
      )
      try {
        const sentBefore = s3rver.posts.length
        const input = page.getByLabel('Choose a file')
        await input.setInputFiles({
          name: 'notes.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('x')
        })
        await expect.poll(() => status(page).innerText()).toBe('Only images can be uploaded here.')
        await input.setInputFiles({
          name: 'big.png',
          mimeType: 'image/png',
          buffer: randomBytes(1_001)
        })
        await expect
          .poll(() => status(page).innerText())
          .toBe('The file is larger than 1 KB. Choose a smaller file.')
        await page.getByRole('button', { name: 'Upload' }).click()
        await expect
          .poll(() => status(page).innerText())
          .toBe('The file is larger than 1 KB. Choose a smaller file.')
        expect(s3rver.posts).toHaveLength(sentBefore)
      } finally {
        await context.close()
      }
    })

    it("sends the curl command's fields in order with the file last, whatever the file path", async () => {
      const file = join(workDir, 'my "best"; photo, v2.png')
      const body = randomBytes(5_000)
      await writeFile(file, body)
      const sentBefore = s3rver.posts.length
      await run('/bin/sh', [
        '-c',
        `${postUploadCommand(link, { file, contentType: 'image/png' })} --silent`
      ])
      expect(s3rver.posts).toHaveLength(sentBefore + 1)
      const post = s3rver.posts.at(-1)!
      expect(post.status).toBe(201)
      expect(post.parts.map((part) => part.name)).toEqual([
        ...Object.keys(link.fields),
        'Content-Type',
        'file'
      ])
      expect(post.parts.at(-1)!.data.equals(body)).toBe(true)
      expect(post.parts.at(-2)!.data.toString()).toBe('image/png')
    })

    it('reads well in dark mode and at phone width', async () => {
      const { page, context, problems } = await openAsRecipient(url, {
        colorScheme: 'dark',
        viewport: { width: 390, height: 844 }
      })
      try {
        await expect.poll(() => page.locator('#countdown').innerText()).toMatch(/works for another/)
        // A string: this file is typechecked without the DOM library.
        const layout = await page.evaluate<{ overflow: number; background: string }>(
          `({
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            background: getComputedStyle(document.body).backgroundColor
          })`
        )
        expect(layout.overflow).toBeLessThanOrEqual(0)
        expect(layout.background).toBe('rgb(13, 17, 23)')
        expect(await page.getByRole('button', { name: 'Upload' }).isVisible()).toBe(true)
        expect(problems).toEqual([])
        await page.screenshot({ path: `${ARTIFACTS}dark-phone.png`, fullPage: true })
      } finally {
        await context.close()
      }
    })
  })
})
