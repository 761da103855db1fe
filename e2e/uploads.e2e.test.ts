import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IssuedLink, LinkPage } from '../src/shared/models'
import { startS3rver, type S3rverServer } from '../test-support/s3rver-server'
import { findLeakedSecrets, useApp, type SeedObject } from './support/app-fixture'

/**
 * Receiving files, as a user does it: upload links made in the share dialog, files sent through
 * them from outside the app, and the Links view saying what arrived.
 *
 * - PUT links and the upload page (PUT mode) run end to end against Swift, which verifies
 *   signatures: what arrives is proven.
 * - A POST link cannot be proven here. Swift does not implement form uploads (it answers 412),
 *   and the app checks that before it hands out a POST link: the dialog refuses it and says why.
 *   The POST link is therefore made against s3rver, which accepts form uploads but checks
 *   neither the policy nor the signature: that part shows the MECHANICS only (the dialog, the
 *   fields and their order, `${filename}`, the 201 answer, "received" counting the file), never
 *   that the policy holds. The policy is checked against botocore elsewhere
 *   (src/main/adapters/upload-presigner.test.ts).
 */

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const BUCKET = 'client-drop'
const FORMS_BUCKET = 'forms'

const SEED: SeedObject[] = [
  { bucket: BUCKET, key: 'incoming/README.txt', body: 'Files from clients land here.\n' },
  { bucket: BUCKET, key: 'archive/2025/old.pdf', body: 'old', contentType: 'application/pdf' }
]

describe('receiving files through upload links', () => {
  const app = useApp(SEED)
  let s3rver: S3rverServer

  beforeAll(async () => {
    app.host.page.setDefaultTimeout(15_000)
    s3rver = await startS3rver([FORMS_BUCKET])
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3rver.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3rver.accessKeyId, secretAccessKey: s3rver.secretAccessKey }
    })
    await client.send(
      new PutObjectCommand({ Bucket: FORMS_BUCKET, Key: 'invoices/README.txt', Body: 'Invoices' })
    )
    client.destroy()
    // A second profile, for a store that takes form uploads; the app sees the files change.
    await appendFile(
      join(app.fixture.home, 'config'),
      [
        '',
        '[profile s3rver-local]',
        'region = us-east-1',
        `endpoint_url = ${s3rver.endpoint}`,
        's3 =',
        '  addressing_style = path',
        ''
      ].join('\n')
    )
    await appendFile(
      join(app.fixture.home, 'credentials'),
      [
        '',
        '[s3rver-local]',
        `aws_access_key_id = ${s3rver.accessKeyId}`,
        `aws_secret_access_key = ${s3rver.secretAccessKey}`,
        ''
      ].join('\n')
    )
  })

  afterAll(async () => {
    await s3rver?.stop()
  })

  it('makes a PUT link for one exact name with a bound type; an upload through it shows as received', async () => {
    const { page } = app.host
    await openBucket(page, 'swift-local', BUCKET)
    // The folder's right-click menu opens the dialog for that folder.
    const row = page.getByRole('grid').getByRole('row', { name: /incoming/ })
    await row.click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Receive files here…' }).click()

    const dialog = page.getByRole('dialog', { name: 'Receive files in incoming/' })
    await dialog.getByRole('radio', { name: /One exact name/ }).check()
    await dialog.getByRole('textbox', { name: 'File name' }).fill('signed contract.pdf')
    await dialog.getByRole('radio', { name: /A single PUT/ }).check()
    await dialog.getByRole('textbox', { name: /Required Content-Type/ }).fill('application/pdf')
    await dialog.getByRole('button', { name: '1 day' }).click()
    await dialog.getByRole('textbox', { name: /Label/ }).fill('Contract from Zoë')
    await dialog.getByRole('button', { name: 'Create upload link' }).click()

    const result = dialog.getByRole('region', { name: 'New upload link' })
    await expect.poll(() => result.innerText()).toMatch(/Upload · PUT link created/)
    const url = await result.getByRole('textbox', { name: 'Upload URL' }).inputValue()
    const command = await result.getByLabel('Command line (curl)').innerText()
    expect(command).toBe(`curl --upload-file FILE -H 'Content-Type: application/pdf' '${url}'`)
    expect(await result.innerText()).toMatch(
      /PDF documents only, any size \(a PUT cannot limit it\)/
    )
    await expectCommandUnbroken(result.getByLabel('Command line (curl)'), command)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-receive-put.png` })
    await dialog.getByRole('button', { name: 'Done' }).click()

    const link = await linkLabelled('Contract from Zoë')
    expect(link.upload).toMatchObject({
      kind: 'put',
      headers: { 'Content-Type': 'application/pdf' },
      uploadUrl: url
    })
    expect(url).not.toMatch(/x-amz-checksum/i)
    // Another type is refused: it is bound into the signature.
    const wrongType = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'not a pdf'
    })
    expect(wrongType.status).toBe(403)
    const body = randomBytes(12_345)
    const put = await fetch(url, {
      method: 'PUT',
      headers: link.upload!.headers!,
      body
    })
    expect(put.status).toBe(200)
    const stored = await app.fixture.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'incoming/signed contract.pdf' })
    )
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(body)).toBe(true)

    await page.getByRole('tab', { name: 'Links' }).click()
    const linkRow = linksRow(page, 'Contract from Zoë')
    await expect.poll(() => linkRow.innerText()).toMatch(/Upload · PUT/)
    // Checked when the view opens: one file, 12 KB.
    await expect
      .poll(() => linkRow.getByTestId('received').innerText())
      .toMatch(/^1 file · 12 KB\b/)
    await page.getByRole('tab', { name: 'Browse' }).click()
  })

  it('refuses a POST link on a store without form uploads, naming the problem', async () => {
    const { page } = app.host
    await openFolder(page, 'swift-local', BUCKET, 'incoming')
    await page.getByRole('button', { name: /Receive files here/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Receive files in incoming/' })
    await dialog.getByRole('button', { name: 'Create upload link' }).click()
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toMatch(/does not accept form uploads \(POST\).*Make a PUT link to an exact file name/s)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  it('makes a POST link with limits (form mechanics only, on s3rver); a form upload shows as received', async () => {
    const { page } = app.host
    await openFolder(page, 's3rver-local', FORMS_BUCKET, 'invoices')
    await page.getByRole('button', { name: /Receive files here/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Receive files in invoices/' })
    await dialog.getByRole('spinbutton', { name: 'Largest file' }).fill('20')
    await dialog.getByRole('combobox', { name: 'File type' }).selectOption('starts-with')
    await dialog.getByRole('textbox', { name: 'Content-Type prefix' }).fill('image/')
    await dialog.getByRole('textbox', { name: /Label/ }).fill('Receipts from the field team')
    // Tall enough to show the whole form, from its top.
    await page.setViewportSize({ width: 1280, height: 1060 })
    await dialog.locator('.share-body').evaluate((body) => {
      ;(body as unknown as { scrollTop: number }).scrollTop = 0
    })
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-receive-post.png` })
    await page.setViewportSize({ width: 1280, height: 800 })
    await dialog.getByRole('button', { name: 'Create upload link' }).click()

    const result = dialog.getByRole('region', { name: 'New upload link' })
    await expect.poll(() => result.innerText()).toMatch(/Upload · POST link created/)
    expect(await result.innerText()).toMatch(/up to 20 MB, images only/)
    const fieldNames = await result.getByRole('term').allInnerTexts()
    expect(fieldNames[0]).toBe('key')
    const command = await result.getByLabel('Command line (curl)').innerText()
    expect(command).toMatch(/--form-string 'key=invoices\/\$\{filename\}'.* -F file=@FILE /)
    await expectCommandUnbroken(result.getByLabel('Command line (curl)'), command)
    await dialog.getByRole('button', { name: 'Done' }).click()

    // The form as a browser sends it: the fields in order, the file's type, the file last.
    const link = await linkLabelled('Receipts from the field team')
    expect(link.upload!.command).toBe(command)
    const form = new FormData()
    for (const [name, value] of Object.entries(link.upload!.fields!)) form.append(name, value)
    form.append('Content-Type', 'image/png')
    const photo = randomBytes(40_000)
    form.append('file', new Blob([photo], { type: 'image/png' }), 'receipt 1.png')
    const posted = await fetch(link.upload!.uploadUrl, { method: 'POST', body: form })
    expect(posted.status).toBe(201)
    expect(
      s3rver.posts
        .at(-1)!
        .parts.map((part) => part.name)
        .at(-1)
    ).toBe('file')

    await page.getByRole('tab', { name: 'Links' }).click()
    const linkRow = linksRow(page, 'Receipts from the field team')
    await expect.poll(() => linkRow.innerText()).toMatch(/Upload · POST/)
    await expect
      .poll(() => linkRow.getByTestId('received').innerText())
      .toMatch(/^1 file · 40 KB\b/)
    expect(await linkRow.getByTestId('received').getAttribute('title')).toMatch(
      /^receipt 1\.png \(40 KB\)/
    )
    await page.getByRole('tab', { name: 'Browse' }).click()
  })

  it('publishes an upload page: a recipient picks a file, it arrives, and forgetting deletes the page', async () => {
    const { page } = app.host
    await openFolder(page, 'swift-local', BUCKET, 'incoming')
    await page.getByRole('button', { name: /Receive files here/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Receive files in incoming/' })
    await dialog.getByRole('radio', { name: /One exact name/ }).check()
    await dialog.getByRole('textbox', { name: 'File name' }).fill('passport scan.jpg')
    await dialog.getByRole('radio', { name: /A single PUT/ }).check()
    await dialog.getByRole('checkbox', { name: /Make a browser upload page/ }).check()
    const pageKey = await dialog.getByRole('textbox', { name: 'Page stored at' }).inputValue()
    expect(pageKey).toMatch(/^incoming\/\.s3-share\/upload-[0-9a-f]{10}\.html$/)
    await dialog.getByRole('textbox', { name: /Title/ }).fill('Send us your passport scan')
    await dialog.getByRole('textbox', { name: /Note for the recipient/ }).fill('A photo is fine.')
    await dialog.getByRole('textbox', { name: /Label/ }).fill('Passport for Amara')
    await dialog.getByRole('button', { name: 'Create upload link' }).click()

    const result = dialog.getByRole('region', { name: 'New upload link' })
    await expect.poll(() => result.innerText()).toMatch(/Upload page link created/)
    const pageUrl = await result.getByRole('textbox', { name: 'Page link' }).inputValue()
    await result.getByRole('button', { name: 'Open the page' }).click()
    await expect.poll(() => app.fixture.opened.at(-1)).toBe(pageUrl)
    await dialog.getByRole('button', { name: 'Done' }).click()

    // The recipient: another browser, nothing but the link.
    const recipient = await page.context().browser()!.newContext()
    try {
      const tab = await recipient.newPage()
      await tab.goto(pageUrl)
      await expect
        .poll(() => tab.getByRole('heading').first().innerText())
        .toBe('Send us your passport scan')
      const scan = randomBytes(20_000)
      await tab.getByLabel('Choose a file').setInputFiles({
        name: 'IMG_0042.jpg',
        mimeType: 'image/jpeg',
        buffer: scan
      })
      await tab.getByRole('button', { name: 'Upload' }).click()
      await expect
        .poll(() => tab.getByRole('status').innerText())
        .toBe('Your file was uploaded. It was saved as “passport scan.jpg”.')
      const stored = await app.fixture.s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'incoming/passport scan.jpg' })
      )
      expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(scan)).toBe(true)
    } finally {
      await recipient.close()
    }

    await page.getByRole('tab', { name: 'Links' }).click()
    const linkRow = linksRow(page, 'Passport for Amara')
    await expect.poll(() => linkRow.innerText()).toMatch(/Upload page/)
    await linkRow.getByRole('button', { name: /^Check files received/ }).click()
    await expect
      .poll(() => linkRow.getByTestId('received').innerText())
      .toMatch(/^1 file · 20 KB\b/)
    await expect
      .poll(() => linkRow.getByRole('button', { name: /^Check files received/ }).isEnabled())
      .toBe(true)
    await page.mouse.move(640, 600)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-links-uploads.png` })

    await linkRow.getByRole('button', { name: /^Forget link to/ }).click()
    const confirm = page.getByRole('dialog', { name: 'Forget this upload page link?' })
    expect(await confirm.getByRole('checkbox', { name: /Also delete the page/ }).isChecked()).toBe(
      true
    )
    await confirm.getByRole('button', { name: 'Forget' }).click()
    await expect.poll(() => linksRow(page, 'Passport for Amara').count()).toBe(0)
    await expect
      .poll(() =>
        app.fixture.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: pageKey })).then(
          () => 'there',
          () => 'gone'
        )
      )
      .toBe('gone')
    expect((await fetch(pageUrl)).status).toBe(404)
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })

  async function openBucket(page: Page, profile: string, bucket: string) {
    await page.getByRole('tab', { name: 'Browse' }).click()
    const picker = page.getByRole('combobox', { name: 'Profile', exact: true })
    // A profile added to the files shows up once the app has read them again.
    await expect.poll(() => picker.locator(`option[value="${profile}"]`).count()).toBe(1)
    await picker.selectOption(profile)
    await page
      .getByRole('region', { name: 'Buckets' })
      .getByRole('button', { name: new RegExp(`^${bucket}\\b`) })
      .click()
  }

  async function openFolder(page: Page, profile: string, bucket: string, folder: string) {
    await openBucket(page, profile, bucket)
    await page
      .getByRole('grid')
      .getByRole('row', { name: new RegExp(folder) })
      .dblclick()
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Folder path' }).innerText())
      .toMatch(new RegExp(folder))
  }

  function linksRow(page: Page, label: string) {
    return page.getByRole('tabpanel').getByRole('table').getByRole('row').filter({ hasText: label })
  }

  /**
   * The command wraps only between words: no word of it is split over two lines (a URL longer
   * than the box stays whole and the box scrolls), and its text is the command itself.
   */
  async function expectCommandUnbroken(block: Locator, command: string) {
    const measured = await block.evaluate((node) => {
      // Typed by hand: the e2e project has Node's types, not the DOM's.
      interface Box {
        getClientRects(): { length: number }
        getBoundingClientRect(): { top: number }
      }
      const element = node as unknown as {
        textContent: string | null
        querySelectorAll(selector: string): ArrayLike<Box>
      }
      const words = Array.from(element.querySelectorAll('span'))
      return {
        text: element.textContent,
        words: words.length,
        split: words.filter((word) => word.getClientRects().length > 1).length,
        lines: new Set(words.map((word) => Math.round(word.getBoundingClientRect().top))).size
      }
    })
    expect(measured.text).toBe(command)
    expect(measured.words).toBe(command.split(/\s+/).length)
    expect(measured.split).toBe(0)
    // It does wrap (between words) rather than run off in one line.
    expect(measured.lines).toBeGreaterThan(1)
  }

  /** The newest link with this label, as main stores it. */
  async function linkLabelled(label: string): Promise<IssuedLink> {
    const answer = await app.fixture.services.router.dispatch('links:query', {
      offset: 0,
      limit: 500
    })
    if (!answer.ok) throw new Error(answer.error.message)
    const links = (answer.value as LinkPage).rows.flatMap((row) =>
      row.kind === 'link' ? [row.link] : []
    )
    const link = links.find((candidate) => candidate.label === label)
    if (!link) throw new Error(`no link labelled ${label}`)
    return link
  }
})
