import { describe, expect, it } from 'vitest'
import type { IssuedLink, LinkPage } from '../src/shared/models'
import { findLeakedSecrets, SHORT_SESSION_MINUTES, useApp } from './support/app-fixture'
import { DEMO_OBJECTS } from './support/seed'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const SHARED_KEY = 'Résumé – Zoë (final) #2.pdf'

describe('sharing an object and tracking the link', () => {
  const app = useApp(DEMO_OBJECTS)

  it('shares an object with the slider, copies the link, and the link downloads the object', async () => {
    const { page } = app.host
    await page.getByRole('button', { name: /acme-reports/ }).click()
    const grid = page.getByRole('grid')
    const row = grid.getByRole('row', { name: new RegExp(escapeRegExp(SHARED_KEY)) })
    await row.click()
    await row.getByRole('button', { name: `Share ${SHARED_KEY}` }).click()

    const dialog = page.getByRole('dialog')
    const slider = dialog.getByLabel('Link works for')
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(/1 hour/)
    // Move the slider with the keyboard, as a user would: up from the 1-hour default.
    await slider.focus()
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight')
    const chosen = await slider.getAttribute('aria-valuetext')
    expect(chosen).not.toMatch(/^1 hour$/)
    await dialog.getByLabel(/Label/).fill('for Zoë, contract review')

    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => app.fixture.clipboard.length).toBe(1)
    const url = app.fixture.clipboard[0]!
    await expect.poll(() => dialog.getByLabel('Link URL').inputValue()).toBe(url)
    await expect.poll(() => dialog.innerText()).toMatch(/copied/i)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-share-dialog.png` })

    const response = await fetch(url)
    expect(response.status).toBe(200)
    const expected = DEMO_OBJECTS.find((object) => object.key === SHARED_KEY)!.body as Uint8Array
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(expected)
    // The browser saves it under the object's own name, unicode included.
    const disposition = response.headers.get('content-disposition') ?? ''
    const encodedName = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? ''
    expect(decodeURIComponent(encodedName)).toBe(SHARED_KEY)

    const [link] = (await listLinks()).links
    expect(link).toMatchObject({
      key: SHARED_KEY,
      bucket: 'acme-reports',
      label: 'for Zoë, contract review'
    })
    const lifetimeSeconds = (Date.parse(link!.expiresAt) - Date.parse(link!.createdAt)) / 1000
    expect(lifetimeSeconds).toBeGreaterThan(3600)

    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
  })

  it('warns before sharing with credentials that expire sooner, and records the real expiry', async () => {
    const { page } = app.host
    await page.getByRole('tab', { name: 'Browse' }).click()
    await page.getByLabel('Profile').selectOption('swift-session')
    await page.getByRole('button', { name: /acme-reports/ }).click()
    const row = page.getByRole('grid').getByRole('row', { name: /invoice 2026\+11 & co\.pdf/ })
    await row.click()
    await row.getByRole('button', { name: /^Share / }).click()

    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '1 day' }).click()
    await expect.poll(() => dialog.innerText()).toMatch(/will stop working at/i)
    await expect.poll(() => dialog.getByTestId('expiry-cap').count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-share-capped.png` })

    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => app.fixture.clipboard.length).toBe(2)
    const [link] = (await listLinks()).links
    expect(link!.cappedBy).toBe('credentials')
    expect(link!.requestedExpiresInSeconds).toBe(86_400)
    const minutesLeft = (Date.parse(link!.expiresAt) - Date.now()) / 60_000
    expect(minutesLeft).toBeGreaterThan(SHORT_SESSION_MINUTES - 6)
    expect(minutesLeft).toBeLessThanOrEqual(SHORT_SESSION_MINUTES)
    expect((await fetch(link!.url)).status).toBe(200)
    await dialog.getByRole('button', { name: 'Done' }).click()
  })

  it('lists the links with a live countdown, and a short-lived link turns expired and stops working', async () => {
    const { page } = app.host
    // The UI's minimum is a minute, so a seconds-long link is made through the api.
    const created = await createThroughApi({
      key: 'README.md',
      expiresInSeconds: 4,
      label: 'a few seconds'
    })
    await createThroughApi({
      key: 'exports/orders-2026-11-27.csv',
      expiresInSeconds: 180,
      label: 'quick look'
    })
    expect((await fetch(created.url)).status).toBe(200)

    await page.getByRole('tab', { name: 'Links' }).click()
    const panel = page.getByRole('tabpanel')
    const rows = panel.getByRole('table').getByRole('row')
    await expect.poll(() => rows.count()).toBe(5)
    const shortRow = rows.filter({ hasText: 'a few seconds' })
    const cappedRow = rows.filter({ hasText: 'invoice 2026+11' })
    const before = await cappedRow.innerText()
    expect(before).toMatch(/expires in \d+ min \d+ s/)
    // One second later the countdown has moved on.
    await expect.poll(() => cappedRow.innerText(), { timeout: 5_000 }).not.toBe(before)

    await expect.poll(() => shortRow.innerText(), { timeout: 10_000 }).toMatch(/expired/i)
    expect((await fetch(created.url)).status).toBe(403)
    expect(await rows.filter({ hasText: 'quick look' }).innerText()).toMatch(/expiring soon/i)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-links-light.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(400) // let colour transitions finish
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-links-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('opens a link in the default browser and forgets a link', async () => {
    const { page } = app.host
    const rows = page.getByRole('tabpanel').getByRole('table').getByRole('row')
    const row = rows.filter({ hasText: 'contract review' })
    await row.getByRole('button', { name: /in browser/ }).click()
    const link = (await listLinks()).links.find((candidate) => candidate.label.includes('contract'))
    await expect.poll(() => app.fixture.opened).toEqual([link!.url])

    await row.getByRole('button', { name: /^Forget/ }).click()
    await expect.poll(() => rows.filter({ hasText: 'contract review' }).count()).toBe(0)
    expect((await listLinks()).links.some((candidate) => candidate.id === link!.id)).toBe(false)
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })

  async function createThroughApi(request: {
    key: string
    expiresInSeconds: number
    label: string
  }): Promise<IssuedLink> {
    const result = await app.host.page.evaluate(
      (args) =>
        (globalThis as unknown as { api: Record<string, (args: unknown) => Promise<unknown>> }).api[
          'createDownloadLink'
        ]!(args),
      { profileId: 'swift-local', bucket: 'acme-reports', ...request }
    )
    const envelope = result as
      { ok: true; value: IssuedLink } | { ok: false; error: { message: string } }
    if (!envelope.ok) throw new Error(envelope.error.message)
    return envelope.value
  }

  /** Every stored link, newest first, as the Links view's first page gets them. */
  async function listLinks() {
    const result = await app.fixture.services.router.dispatch('links:query', {
      offset: 0,
      limit: 500
    })
    if (!result.ok) throw new Error(result.error.message)
    const page = result.value as LinkPage
    return {
      links: page.rows.flatMap((row) => (row.kind === 'link' ? [row.link] : []))
    }
  }
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
