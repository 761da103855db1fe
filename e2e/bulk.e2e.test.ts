import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatBytes, formatCount } from '../src/shared/format'
import type { IssuedLink, LinkBatch } from '../src/shared/models'
import { parseCsv } from '../test-support/parse-csv'
import { checkPresignedUrl } from '../test-support/verify-signature'
import { findLeakedSecrets, useApp, type SeedObject } from './support/app-fixture'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const BUCKET = 'acme-photos'
const kb = (n: number) => new Uint8Array(n * 1024).fill(0x62)

/** Press photos to pick by hand, one with a comma and quotes in its name (CSV escaping). */
const PRESS = ['a, "quoted".jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']
const YEARS = ['2024', '2025']
const SEASONS = ['spring', 'summer', 'autumn']
/** 1,008 objects in all: more than the 1,000 above which sharing a folder asks to confirm. */
const PER_FOLDER = 168

const SEED: SeedObject[] = [
  ...PRESS.map((name, index) => ({
    bucket: BUCKET,
    key: `press/${name}`,
    body: kb(40 + index * 25),
    contentType: 'image/jpeg'
  })),
  { bucket: BUCKET, key: 'press/kit/logo.png', body: kb(12), contentType: 'image/png' }
]

const GALLERY = YEARS.flatMap((year) =>
  SEASONS.flatMap((season) =>
    Array.from(
      { length: PER_FOLDER },
      (_, index) => `gallery/${year}/${season}/photo-${String(index).padStart(3, '0')}.jpg`
    )
  )
)

/** Uploads with more requests in flight than the fixture's seeding: a thousand small objects. */
async function upload(s3: S3Client, keys: string[]) {
  let next = 0
  const worker = async () => {
    for (let key = keys[next++]; key !== undefined; key = keys[next++]) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: kb(1) }))
    }
  }
  await Promise.all(Array.from({ length: 32 }, worker))
}

describe('sharing many objects at once', () => {
  const app = useApp(SEED)
  beforeAll(async () => {
    await upload(app.fixture.s3, GALLERY)
  }, 240_000)

  it('selects objects with Ctrl- and Shift-click, shares them, and exports the links as CSV', async () => {
    const { page } = app.host
    await page.getByRole('button', { name: new RegExp(BUCKET) }).click()
    const grid = page.getByRole('grid')
    const row = (name: string) => grid.getByRole('row', { name: new RegExp(`^${escape(name)}`) })
    await row('press').dblclick()
    await row('e.jpg').waitFor()

    await row(PRESS[0]!).click()
    await row('c.jpg').click({ modifiers: ['Shift'] })
    await row('e.jpg').click({ modifiers: ['Control'] })
    const bar = page.getByRole('group', { name: 'Selection' })
    await expect.poll(() => bar.innerText()).toMatch(/4 selected/)
    expect(await grid.locator('[aria-selected="true"] .name-text').allInnerTexts()).toEqual([
      PRESS[0],
      'b.jpg',
      'c.jpg',
      'e.jpg'
    ])
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-selection.png` })

    await bar.getByRole('button', { name: 'Share 4…' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.innerText()).toMatch(/4 objects \(.+\) picked in the list/)
    await dialog.getByLabel(/^Label/).fill('press kit, spring')
    await dialog.getByRole('button', { name: 'Create 4 links' }).click()

    const result = dialog.getByRole('region', { name: 'Result' })
    await expect.poll(() => result.innerText()).toMatch(/4 links made/)
    const table = result.getByRole('table', { name: 'Links made' })
    await expect.poll(() => table.getByRole('row').count()).toBe(5)
    expect(await table.locator('.bulk-key').allInnerTexts()).toEqual(
      [PRESS[0], 'b.jpg', 'c.jpg', 'e.jpg'].map((name) => `press/${name}`)
    )
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-bulk-result.png` })

    await result.getByRole('button', { name: 'Export CSV' }).click()
    await expect.poll(() => app.fixture.saved.length).toBe(1)
    await expect.poll(() => result.innerText()).toMatch(/Saved 4 links to .+\.csv/)
    const [header, ...records] = parseCsv(app.fixture.saved[0]!.content)
    const column = (name: string) => header!.indexOf(name)
    expect(column('key')).toBeGreaterThanOrEqual(0)
    expect(records.map((record) => record[column('key')]).sort()).toEqual(
      [PRESS[0], 'b.jpg', 'c.jpg', 'e.jpg'].map((name) => `press/${name}`).sort()
    )
    for (const record of records) {
      expect(record[column('label')]).toBe('press kit, spring')
      expect(record[column('bucket')]).toBe(BUCKET)
      const url = record[column('url')]!
      const check = checkPresignedUrl(url, app.fixture.swift)
      expect(check.actual).toBe(check.expected)
      const response = await fetch(url)
      expect(response.status).toBe(200)
      const key = record[column('key')]!
      const seeded = SEED.find((object) => object.key === key)!.body as Uint8Array
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(seeded)
    }

    await result.getByRole('button', { name: 'Copy all' }).click()
    await expect.poll(() => app.fixture.clipboard.length).toBe(1)
    expect(app.fixture.clipboard[0]!.split('\n').sort()).toEqual(
      records.map((record) => record[column('url')]).sort()
    )

    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
  })

  it('shares a whole folder, sub-folders included, after showing its count and asking to confirm', async () => {
    const { page } = app.host
    await page
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('button', { name: BUCKET })
      .click()
    const grid = page.getByRole('grid')
    const count = formatCount(GALLERY.length, 'en-US')
    await grid.getByRole('button', { name: 'Share folder gallery…' }).click()

    const dialog = page.getByRole('dialog')
    await expect
      .poll(() => dialog.getByTestId('bulk-folder').innerText())
      .toBe(
        `${count} objects (${formatBytes(GALLERY.length * 1024, 'en-US')}) in gallery/ and its sub-folders`
      )
    const create = dialog.getByRole('button', { name: `Create ${count} links` })
    expect(await create.isDisabled()).toBe(true)
    await dialog.getByRole('checkbox', { name: new RegExp(`Yes, create ${count} links`) }).check()
    await create.click()

    const result = dialog.getByRole('region', { name: 'Result' })
    await expect
      .poll(() => result.innerText(), { timeout: 60_000 })
      .toMatch(new RegExp(`${count} links made`))
    expect(
      await result.getByRole('table', { name: 'Links made' }).getAttribute('aria-rowcount')
    ).toBe(String(GALLERY.length + 1))

    const batch = await galleryBatch()
    expect(batch).toMatchObject({ linkCount: GALLERY.length, failedCount: 0, state: 'done' })
    const sample = await links({ batchId: batch.id, offset: 0, limit: 3 })
    for (const link of sample) {
      expect(link.key).toMatch(/^gallery\/\d{4}\/\w+\/photo-\d{3}\.jpg$/)
      expect((await fetch(link.url)).status).toBe(200)
    }
    await dialog.getByRole('button', { name: 'Done' }).click()
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })

  async function query(args: Record<string, unknown>) {
    const result = await app.fixture.services.router.dispatch('links:query', args)
    if (!result.ok) throw new Error(result.error.message)
    return result.value as { rows: Array<{ kind: string; link?: IssuedLink; batch?: LinkBatch }> }
  }

  async function links(args: Record<string, unknown>): Promise<IssuedLink[]> {
    return (await query(args)).rows.flatMap((row) => (row.link ? [row.link] : []))
  }

  async function galleryBatch(): Promise<LinkBatch> {
    const { rows } = await query({ groupBatches: true, offset: 0, limit: 50 })
    const batch = rows
      .flatMap((row) => (row.batch ? [row.batch] : []))
      .find((candidate) => candidate.source.kind === 'prefix')
    if (!batch) throw new Error('no batch for the gallery folder')
    return batch
  }
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
