import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import type { IssuedLink } from '../src/shared/models'
import { findLeakedSecrets, useApp } from './support/app-fixture'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const BUCKET = 'trust-e2e'
const RENEW_KEY = 'reports/renew-me.pdf'
const DOOMED_KEY = 'deals/contract.pdf'
const KEEP_KEY = 'notes/keep.txt'

/**
 * The Links view's trust actions end to end: the built renderer in Chromium, the app's real
 * services, links signed for and fetched from Swift.
 */
describe('renewing, testing, revoking and undoing in the Links view', () => {
  const app = useApp([
    { bucket: BUCKET, key: RENEW_KEY, body: 'quarterly report', contentType: 'application/pdf' },
    { bucket: BUCKET, key: DOOMED_KEY, body: 'the contract', contentType: 'application/pdf' },
    { bucket: BUCKET, key: KEEP_KEY, body: 'keep me', contentType: 'text/plain' }
  ])
  const links: Record<string, IssuedLink> = {}

  async function create(key: string, label: string, expiresInSeconds: number, selfTest = true) {
    const result = await app.fixture.services.router.dispatch('links:create-download', {
      profileId: 'swift-local',
      bucket: BUCKET,
      key,
      expiresInSeconds,
      label,
      selfTest
    })
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as IssuedLink
  }

  const page = () => app.host.page
  const table = () => page().getByRole('table', { name: /^Links(?! of)/ })
  const rowsWith = (text: string) =>
    table().locator(':scope > .links-body > [role=row]').filter({ hasText: text })
  const tabName = async (label: string) => {
    const radio = page().getByRole('radio', { name: new RegExp(`^${label}`) })
    const text = await page().locator('.filter-segment').filter({ has: radio }).textContent()
    return (text ?? '').replace(/\s+/g, ' ').trim()
  }

  it('lists links made by main, each with its self-test', async () => {
    // A two-second link, untested so that it cannot expire during its own test.
    links.short = await create(RENEW_KEY, 'for Carol', 2, false)
    links.ann = await create(DOOMED_KEY, 'for Ann', 3600)
    links.ben = await create(DOOMED_KEY, 'for Ben', 3600)
    links.keep = await create(KEEP_KEY, 'keep', 3600)
    expect(links.ann.selfTest?.outcome).toBe('works')

    await page().getByRole('tab', { name: 'Links' }).click()
    await expect.poll(() => tabName('All')).toBe('All 4')
    await expect.poll(() => rowsWith('for Ann').innerText()).toMatch(/Works/)
    expect(await rowsWith('for Carol').innerText()).toMatch(/Not tested/)
  })

  it('tests a link on request', async () => {
    await rowsWith('for Carol')
      .getByRole('button', { name: /^Test link/ })
      .click()
    // Tested while alive it works, or after its two seconds it failed as expired: both are
    // the self-test speaking, which is what this checks.
    await expect.poll(() => rowsWith('for Carol').innerText()).toMatch(/Works|Failed: Expired/)
    await rowsWith('keep').getByRole('button', { name: 'Test link to keep.txt' }).click()
    await expect.poll(() => rowsWith('keep').innerText()).toMatch(/Works/)

    // Every active link, as a job whose progress comes as events.
    await page().getByRole('button', { name: 'Test all active' }).click()
    await expect
      .poll(() => page().locator('.test-all').innerText())
      .toMatch(/Tested \d+ links?: all work\./)
  })

  it('renews an expired link in one click, and shows the chain', async () => {
    const carol = rowsWith('for Carol')
    await expect.poll(() => carol.first().innerText(), { timeout: 15_000 }).toMatch(/Expired/)
    await carol.getByRole('button', { name: 'Renew link to renew-me.pdf' }).click()
    await expect.poll(() => rowsWith('for Carol').count()).toBe(2)
    // Newest first: the renewal heads the list. It has the old one's two-second lifetime, so
    // what it shows by now depends on the machine's speed; its place in the chain does not.
    const renewed = rowsWith('for Carol').first()
    const page1 = await app.fixture.services.router.dispatch('links:query', {
      text: 'renew-me',
      offset: 0,
      limit: 10
    })
    if (!page1.ok) throw new Error(page1.error.message)
    const fresh = (page1.value as { rows: { kind: string; link: IssuedLink }[] }).rows
      .map((row) => row.link)
      .find((link) => link.renewedFromId === links.short!.id)
    expect(fresh).toMatchObject({
      key: RENEW_KEY,
      label: 'for Carol',
      requestedExpiresInSeconds: 2
    })
    expect(fresh!.url).not.toBe(links.short!.url)

    await renewed.getByRole('button', { name: 'Details of link to renew-me.pdf' }).click()
    const details = page().getByRole('dialog', { name: 'Link to renew-me.pdf' })
    await expect.poll(() => details.innerText()).toMatch(/Renewed from the link made/)
    await page().screenshot({ path: `${SCREENSHOTS}screenshot-renew.png` })
    await details.getByRole('button', { name: /^the link made/ }).click()
    await expect.poll(() => details.innerText()).toMatch(/Renewed by the link made/)
    await details.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => details.count()).toBe(0)
  })

  it('revokes by deleting the object, after a confirmation, and every link to it shows revoked', async () => {
    const ann = rowsWith('for Ann')
    await ann.getByRole('button', { name: 'Revoke link to contract.pdf' }).click()
    const dialog = page().getByRole('dialog', { name: 'Revoke the link to contract.pdf?' })
    await dialog.getByRole('radio', { name: /^Delete the object/ }).check()
    await expect
      .poll(() => dialog.getByRole('list', { name: 'Other links this ends' }).innerText())
      .toMatch(/for Ben/)
    const submit = dialog.getByRole('button', { name: 'Delete object and revoke 2 links' })
    expect(await submit.isDisabled()).toBe(true)
    // Not deleted before the confirmation.
    await app.fixture.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: DOOMED_KEY }))
    await dialog.getByRole('checkbox', { name: /^Yes, delete/ }).check()
    await submit.click()

    await expect.poll(() => tabName('Revoked')).toBe('Revoked 2')
    await expect.poll(() => rowsWith('for Ann').innerText()).toMatch(/Revoked/)
    expect(await rowsWith('for Ben').innerText()).toMatch(/Revoked[\s\S]*Object deleted/)
    expect(await rowsWith('for Ben').innerText()).not.toMatch(/expires in/)
    await expect(
      app.fixture.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: DOOMED_KEY }))
    ).rejects.toThrow()
    expect((await fetch(links.ben!.url)).status).toBe(404)
  })

  it('forgets a link, with the counts one lower, and brings it back with Undo', async () => {
    // Forget sits apart from the other buttons, so that it is not hit by mistake.
    const forget = rowsWith('keep').getByRole('button', { name: 'Forget link to keep.txt' })
    const gap = await forget.evaluate((element) => {
      // Typed by shape: this file is checked without the DOM library.
      type Box = { getBoundingClientRect(): { left: number; right: number } }
      const button = element as unknown as Box & { previousElementSibling: Box }
      const before = button.previousElementSibling.getBoundingClientRect()
      return button.getBoundingClientRect().left - before.right
    })
    expect(gap).toBeGreaterThanOrEqual(12)

    const before = await tabName('All')
    const count = Number(before.replace(/\D/g, ''))
    await rowsWith('keep').getByRole('button', { name: 'Forget link to keep.txt' }).click()
    await expect.poll(() => rowsWith('keep').count()).toBe(0)
    await expect.poll(() => tabName('All')).toBe(`All ${count - 1}`)
    await expect
      .poll(() =>
        page()
          .getByRole('heading', { name: /^Links/ })
          .innerText()
      )
      .toMatch(new RegExp(`${count - 1}$`))
    const undo = page().getByRole('group', { name: 'Undo' }).getByRole('button', { name: 'Undo' })
    // The removed row held the focus: it moves to Undo, so Enter brings the link back.
    const focused = () =>
      undo.evaluate(
        (element) =>
          element ===
          (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement
      )
    await expect.poll(focused).toBe(true)
    await page().keyboard.press('Enter')
    await expect.poll(() => rowsWith('keep').count()).toBe(1)
    await expect.poll(() => tabName('All')).toBe(`All ${count}`)
    await expect
      .poll(() => page().getByRole('tabpanel').getByRole('status').textContent())
      .toMatch(/Brought back 1 link/)
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })
})
