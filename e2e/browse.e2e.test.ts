import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useApp, findLeakedSecrets } from './support/app-fixture'
import { DEMO_OBJECTS } from './support/seed'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname

describe('browsing a bucket in the app', () => {
  const app = useApp(DEMO_OBJECTS)

  it('picks the AWS_PROFILE profile, opens a bucket, walks into a folder and back, and shows the objects', async () => {
    const { page } = app.host
    const picker = page.getByLabel('Profile')
    await expect.poll(() => picker.inputValue()).toBe('swift-local')
    // Each option shows the name (it fits the sidebar); its kind and region are its tooltip.
    const options = await optionTitles(picker)
    expect(options.join('\n')).toMatch(/swift-local.*Temporary keys.*us-east-1/)
    expect(options.join('\n')).toMatch(/prod-sso.*SSO.*eu-west-2/)
    expect(options.join('\n')).toMatch(/deploy.*Assume role.*us-west-2/)

    await page.getByRole('button', { name: /acme-reports/ }).click()
    const grid = page.getByRole('grid')
    const rows = grid.getByRole('row')
    await expect
      .poll(() => rows.allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('exports'),
          expect.stringContaining('README.md')
        ])
      )
    const names = await grid.locator('.grid-body-row .name-text').allInnerTexts()
    // Folders first, then objects.
    expect(names.slice(0, 2)).toEqual(['exports', 'reports'])
    expect(names).toContain('Résumé – Zoë (final) #2.pdf')
    expect(names).toContain('invoice 2026+11 & co.pdf')

    await grid
      .getByRole('row', { name: /reports/ })
      .first()
      .dblclick()
    await expect
      .poll(() => grid.locator('.grid-body-row .name-text').allInnerTexts())
      .toEqual(['2025', '2026', 'archive'])
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Folder path' }).innerText())
      .toMatch(/acme-reports[\s\S]*reports/)

    // Keyboard: into 2026 with Enter, back up with Backspace.
    await grid.getByRole('row', { name: /2026/ }).click()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => grid.locator('.grid-body-row .name-text').allInnerTexts())
      .toEqual(['board deck – Nov.pptx', 'Q3 summary.pdf', 'Q4 forecast.xlsx'])

    await grid.getByRole('row', { name: /Q3 summary\.pdf/ }).click()
    const details = page.getByRole('complementary')
    await expect.poll(() => details.innerText()).toMatch(/application\/pdf/)
    await expect.poll(() => details.innerText()).toMatch(/department[\s\S]*finance/)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-browse-light.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(400) // let colour transitions finish
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-browse-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })

    await grid.getByRole('row', { name: /Q3 summary\.pdf/ }).click()
    await page.keyboard.press('Backspace')
    await expect
      .poll(() => grid.locator('.grid-body-row .name-text').allInnerTexts())
      .toEqual(['2025', '2026', 'archive'])
    await page.keyboard.press('Backspace')
    await expect
      .poll(() => grid.locator('.grid-body-row .name-text').allInnerTexts())
      .toEqual(expect.arrayContaining(['exports', 'reports', 'README.md']))
  })

  it('shows a profile added to the config file while the app runs', async () => {
    const picker = app.host.page.getByLabel('Profile')
    expect(await picker.locator('option').allInnerTexts()).not.toContainEqual(
      expect.stringContaining('added-later')
    )
    await appendFile(
      join(app.fixture.home, 'config'),
      '\n[profile added-later]\nregion = ap-southeast-2\ncredential_process = /usr/bin/false\n'
    )
    await expect
      .poll(() => optionTitles(picker))
      .toContainEqual(expect.stringMatching(/added-later.*ap-southeast-2/))
  })

  it('never sends a secret to the renderer', () => {
    expect(app.host.traffic.length).toBeGreaterThan(5)
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })
})

async function optionTitles(picker: Locator): Promise<string[]> {
  const options = await picker.locator('option').all()
  return Promise.all(options.map(async (option) => (await option.getAttribute('title')) ?? ''))
}
