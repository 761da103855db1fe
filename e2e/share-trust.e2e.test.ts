import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import jsQR from 'jsqr'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { IssuedLink, LinkPage } from '../src/shared/models'
import { useApp } from './support/app-fixture'
import { DEMO_OBJECTS } from './support/seed'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const GONE_KEY = 'invoice 2026+11 & co.pdf'
const GOOD_KEY = 'Résumé – Zoë (final) #2.pdf'

describe('a new link is tested before it is sent', () => {
  const app = useApp(DEMO_OBJECTS)

  it('warns, in view at 800×600, that a link does not work, and copies it only when asked', async () => {
    const { page } = app.host
    await page.setViewportSize({ width: 800, height: 600 })
    await page.getByRole('button', { name: /acme-reports/ }).click()
    const row = rowOf(page, GONE_KEY)
    await row.click()
    // The object goes away after it was listed: the link signs fine, but answers 404.
    await app.fixture.s3.send(new DeleteObjectCommand({ Bucket: 'acme-reports', Key: GONE_KEY }))
    await row.getByRole('button', { name: /^Share / }).click()

    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('link-length').innerText()).toMatch(/characters/)
    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    const warning = dialog.getByTestId('self-test-failed')
    await expect.poll(() => warning.isVisible()).toBe(true)
    expect(await warning.innerText()).toMatch(/This link does not work/)
    expect(await warning.innerText()).toMatch(/S3 code NoSuchKey · HTTP 404/)
    expect(await dialog.getByRole('status').innerText()).toMatch(/its test failed/)
    expect(app.fixture.clipboard).toEqual([])
    // The result scrolled into view in the small window, its warning first.
    await expect.poll(() => isInViewport(page, warning)).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-self-test-failed.png` })

    const [link] = await listLinks()
    expect(link).toMatchObject({ key: GONE_KEY })
    expect(link!.selfTest).toMatchObject({ outcome: 'object-missing', s3Code: 'NoSuchKey' })
    expect((await fetch(link!.url)).status).toBe(404)

    await dialog.getByRole('button', { name: 'Copy anyway' }).click()
    await expect.poll(() => app.fixture.clipboard).toEqual([link!.url])
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
  })

  it('says a working link works, and shows it as a QR code that reads back as the link', async () => {
    const { page } = app.host
    await page.setViewportSize({ width: 1280, height: 800 })
    const row = rowOf(page, GOOD_KEY)
    await row.click()
    await row.getByRole('button', { name: /^Share / }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('link-length').count()).toBe(1)
    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => dialog.getByTestId('self-test').innerText()).toMatch(/^Works/)
    await expect.poll(() => app.fixture.clipboard.length).toBe(2)
    const url = app.fixture.clipboard[1]!
    expect((await fetch(url)).status).toBe(200)
    // Pressing the primary button again copies; it makes no second link.
    await dialog.getByRole('button', { name: 'Copy again' }).click()
    await expect.poll(() => app.fixture.clipboard.length).toBe(3)
    expect(await listLinks()).toHaveLength(2)

    const qrButton = dialog.getByRole('button', { name: 'QR code' })
    await qrButton.click()
    const qrDialog = page.getByRole('dialog', { name: 'QR code' })
    const code = qrDialog.getByRole('img', { name: `QR code of the link to ${GOOD_KEY}` })
    await expect.poll(() => code.isVisible()).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-qr.png` })
    expect(await decodeQr(page, code)).toBe(url)

    await page.keyboard.press('Escape')
    await expect.poll(() => qrDialog.count()).toBe(0)
    await expect
      .poll(() =>
        qrButton.evaluate(
          (element) =>
            (element as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument
              .activeElement === element
        )
      )
      .toBe(true)
    await dialog.getByRole('button', { name: 'Done' }).click()
  })

  function rowOf(page: Page, key: string): Locator {
    return page.getByRole('grid').getByRole('row', { name: new RegExp(escapeRegExp(key)) })
  }

  /** Every stored link, newest first. */
  async function listLinks(): Promise<IssuedLink[]> {
    const result = await app.fixture.services.router.dispatch('links:query', {
      offset: 0,
      limit: 500
    })
    if (!result.ok) throw new Error(result.error.message)
    return (result.value as LinkPage).rows.flatMap((row) => (row.kind === 'link' ? [row.link] : []))
  }
})

/** Whether the element's box lies inside the window (the dialog scrolled it into view). */
async function isInViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox()
  const viewport = page.viewportSize()
  if (!box || !viewport) return false
  return box.y >= 0 && box.y + Math.min(box.height, 40) <= viewport.height
}

/**
 * Reads the code as a camera would: a screenshot of the element, decoded to pixels by
 * Chromium, then by jsQR.
 */
async function decodeQr(page: Page, code: Locator): Promise<string | null> {
  const png = await code.screenshot()
  const image = await page.evaluate(async (base64) => {
    const scope = globalThis as unknown as {
      atob(data: string): string
      createImageBitmap(blob: unknown): Promise<{ width: number; height: number }>
      Blob: new (parts: unknown[], options: { type: string }) => unknown
      OffscreenCanvas: new (
        width: number,
        height: number
      ) => {
        getContext(kind: '2d'): {
          drawImage(image: unknown, x: number, y: number): void
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
        }
      }
    }
    const bytes = Uint8Array.from(scope.atob(base64), (character) => character.charCodeAt(0))
    const bitmap = await scope.createImageBitmap(new scope.Blob([bytes], { type: 'image/png' }))
    const context = new scope.OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')
    context.drawImage(bitmap, 0, 0)
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height)
    return { width: bitmap.width, height: bitmap.height, data: Array.from(data) }
  }, png.toString('base64'))
  return jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data ?? null
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
