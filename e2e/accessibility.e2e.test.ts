import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, RunOptions } from 'axe-core'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { useApp } from './support/app-fixture'
import { DEMO_OBJECTS } from './support/seed'

const require = createRequire(import.meta.url)
/**
 * axe-core's source, evaluated through the debugging protocol: the page's CSP (`script-src
 * 'self'`) rightly refuses the inline script `addScriptTag` would insert.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

type Theme = 'light' | 'dark'
const THEMES: Theme[] = ['light', 'dark']

interface Finding {
  view: string
  theme: Theme
  rule: string
  impact: string
  help: string
  nodes: string[]
}

/** Every view audited, with its count of critical and serious findings, for the summary. */
const audited: Array<{ view: string; theme: Theme; count: number }> = []

afterAll(() => {
  const lines = audited.map(({ view, theme, count }) => `  ${count}  ${view} (${theme})`)
  console.log(`axe-core: critical + serious violations per view\n${lines.join('\n')}`)
})

/**
 * Runs axe-core on the page as it is, in the light and the dark theme, and returns what it
 * finds that is critical or serious, one line a problem.
 *
 * The app follows the system's theme (`prefers-color-scheme`); it has no switch of its own.
 */
async function audit(page: Page, view: string): Promise<string[]> {
  const findings: Finding[] = []
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme })
    await settle(page)
    const present = await page.evaluate(() => 'axe' in globalThis)
    if (!present) await page.evaluate(AXE_SOURCE)
    const results = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run(options: RunOptions): Promise<AxeResults> } }
      ).axe
      const run = await axe.run({ resultTypes: ['violations'] })
      return run.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? 'unknown',
        help: violation.help,
        nodes: violation.nodes.map(
          (node) =>
            `${node.target.join(' ')}${node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`
        )
      }))
    })
    const serious = results.filter(({ impact }) => impact === 'critical' || impact === 'serious')
    audited.push({ view, theme, count: serious.reduce((sum, v) => sum + v.nodes.length, 0) })
    findings.push(...serious.map((violation) => ({ view, theme, ...violation })))
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return findings.map(
    (finding) =>
      `${finding.view} (${finding.theme}): ${finding.rule} [${finding.impact}] ${finding.help}\n` +
      finding.nodes.map((node) => `    ${node}`).join('\n')
  )
}

// In-page code as source text: this file compiles without the DOM's types (tsconfig.node.json).
const NEXT_FRAMES =
  'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))'

/**
 * The focused element's name, and whether it shows focus: an outline of 2px or more, or a
 * box-shadow ring, on it or (for the object grid) on its active row or scroller.
 */
const FOCUS_PROBE = `(() => {
  const element = document.activeElement
  if (!element || element === document.body) return null
  const name = (element.tagName.toLowerCase() + ' ' + (element.getAttribute('aria-label') ?? element.textContent ?? '')).trim().slice(0, 60)
  const shown = [element, ...element.querySelectorAll('.grid-scroll, .is-focus')].some((candidate) => {
    const style = getComputedStyle(candidate)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    return outline || style.boxShadow !== 'none'
  })
  return { name, shown }
})()`

/** Colour transitions finished and fonts laid out, so contrast is measured on final colours. */
async function settle(page: Page) {
  await page.evaluate(NEXT_FRAMES)
  await page.waitForTimeout(250)
}

async function expectAccessible(page: Page, view: string) {
  const findings = await audit(page, view)
  // Soft: every view of a test is audited even when an earlier one fails.
  expect.soft(findings, `axe-core found problems:\n${findings.join('\n')}`).toEqual([])
}

/** Fails unless each control lies entirely inside the window (it can be seen and clicked). */
async function expectInViewport(page: Page, view: string, controls: Locator[]) {
  const size = page.viewportSize()!
  const outside: string[] = []
  for (const control of controls) {
    const box = await control.boundingBox()
    const name = control.toString()
    if (!box) {
      outside.push(`${name}: not shown`)
      continue
    }
    if (
      box.x < 0 ||
      box.y < 0 ||
      box.x + box.width > size.width + 0.5 ||
      box.y + box.height > size.height + 0.5
    ) {
      outside.push(
        `${name}: at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`
      )
    }
  }
  // Soft: the other sizes and views are still checked (and photographed) after a failure.
  expect.soft(outside, `${view} at ${size.width}×${size.height}: controls off-screen`).toEqual([])
}

const GONE_KEY = 'reports/2026/board deck – Nov.pptx'
const UNREACHABLE_PROFILE = 'unreachable-endpoint'
const WRONG_KEY_PROFILE = 'wrong-key'

describe('accessibility of every view (axe-core, light and dark)', () => {
  const app = useApp(DEMO_OBJECTS, {
    extraConfig: (swift) => [
      `[profile ${UNREACHABLE_PROFILE}]`,
      'region = us-east-1',
      // Nothing listens on the discard port: the connection is refused at once.
      'endpoint_url = http://127.0.0.1:9',
      '',
      `[profile ${WRONG_KEY_PROFILE}]`,
      'region = us-east-1',
      `endpoint_url = ${swift.endpoint}`,
      ''
    ],
    extraCredentials: (swift) => [
      `[${UNREACHABLE_PROFILE}]`,
      `aws_access_key_id = ${swift.accessKeyId}`,
      `aws_secret_access_key = ${swift.secretAccessKey}`,
      '',
      `[${WRONG_KEY_PROFILE}]`,
      `aws_access_key_id = ${swift.accessKeyId}`,
      'aws_secret_access_key = not-the-right-secret',
      ''
    ]
  })

  const grid = () => app.host.page.getByRole('grid')
  const row = (name: string) => grid().getByRole('row', { name: new RegExp(`^${escape(name)}`) })
  afterEach(() => closeOpenDialogs(app.host.page))

  it('browse: the bucket list, a folder and the details panel', async () => {
    const { page } = app.host
    await page.getByRole('button', { name: /acme-reports/ }).waitFor()
    await expectAccessible(page, 'browse, no bucket open')

    await page.getByRole('button', { name: /acme-reports/ }).click()
    await row('README.md').waitFor()
    await expectAccessible(page, 'browse, bucket root')

    await row('reports').dblclick()
    await row('2026').dblclick()
    await row('Q3 summary.pdf').click()
    await page.getByRole('complementary').first().waitFor()
    await expectAccessible(page, 'browse, folder with the details panel')
  })

  it('links view, empty', async () => {
    const { page } = app.host
    await page.getByRole('tab', { name: 'Links' }).click()
    await page.getByRole('tabpanel').waitFor()
    await settle(page)
    await expectAccessible(page, 'links, empty')
    await page.getByRole('tab', { name: 'Browse' }).click()
  })

  it('share dialog: options, an invalid duration (error), the created link, a failed self-test', async () => {
    const { page } = app.host
    await row('Q3 summary.pdf')
      .getByRole('button', { name: /^Share / })
      .click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Create link & copy' }).waitFor()
    await expectAccessible(page, 'share dialog, options')

    await dialog.getByRole('spinbutton', { name: 'Exact duration' }).fill('0')
    await dialog.locator('.field-error').filter({ hasText: /\w/ }).waitFor()
    await expectAccessible(page, 'share dialog, invalid duration (error)')
    await dialog.getByRole('button', { name: '1 day' }).click()

    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => dialog.innerText()).toMatch(/copied/i)
    await expectAccessible(page, 'share dialog, link created')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    // An object deleted since the folder was listed: the new link's test fails.
    await app.fixture.s3.send(new DeleteObjectCommand({ Bucket: 'acme-reports', Key: GONE_KEY }))
    await row('board deck')
      .getByRole('button', { name: /^Share / })
      .click()
    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await dialog.getByTestId('self-test-failed').waitFor()
    await expectAccessible(page, 'share dialog, failed self-test')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
  })

  it('links view with links', async () => {
    const { page } = app.host
    await page.getByRole('tab', { name: 'Links' }).click()
    await page.getByRole('tabpanel').getByRole('table').waitFor()
    await expectAccessible(page, 'links, with a link')

    const table = page.getByRole('tabpanel').getByRole('table')
    for (const [action, view] of [
      [/^QR code of link to Q3/, 'links, QR code dialog'],
      [/^Details of link to Q3/, 'links, link details dialog'],
      [/^Revoke link to Q3/, 'links, revoke dialog']
    ] as const) {
      await table.getByRole('button', { name: action }).first().click()
      await page.getByRole('dialog').waitFor()
      await expectAccessible(page, view)
      await closeOpenDialogs(page)
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    }
    await page.getByRole('tab', { name: 'Browse' }).click()
  })

  it('bulk share and receive dialogs', async () => {
    const { page } = app.host
    await row('Q3 summary.pdf').click()
    await row('Q4 forecast.xlsx').click({ modifiers: ['Control'] })
    await page
      .getByRole('group', { name: 'Selection' })
      .getByRole('button', { name: /^Share 2/ })
      .click()
    await page.getByRole('dialog').waitFor()
    await expectAccessible(page, 'bulk share dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Create 2 links' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).waitFor()
    await expectAccessible(page, 'bulk share dialog, links created')
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)

    await page.getByRole('button', { name: /Receive files here/ }).click()
    await page.getByRole('dialog').waitFor()
    await expectAccessible(page, 'receive dialog')
    const receive = page.getByRole('dialog')
    // Swift takes no browser form uploads (POST), the default: the dialog says so.
    await receive.getByRole('button', { name: 'Create upload link' }).click()
    await receive.getByRole('alert').waitFor()
    await expectAccessible(page, 'receive dialog, error')
    await receive.getByRole('radio', { name: /One exact name/ }).check()
    await receive.getByRole('textbox', { name: 'File name' }).fill('signed contract.pdf')
    await receive.getByRole('radio', { name: /A single PUT/ }).check()
    await receive.getByRole('button', { name: 'Create upload link' }).click()
    await receive.getByRole('region', { name: 'New upload link' }).waitFor()
    await expectAccessible(page, 'receive dialog, upload link created')
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
  })

  it('error screens: the endpoint is unreachable, no bucket can be listed', async () => {
    const { page } = app.host
    await page.getByLabel('Profile', { exact: true }).selectOption(UNREACHABLE_PROFILE)
    await page.getByText("Couldn't list buckets").waitFor({ timeout: 30_000 })
    await expectAccessible(page, 'error, endpoint unreachable')

    await page.getByLabel('Profile', { exact: true }).selectOption(WRONG_KEY_PROFILE)
    await page.getByText("Couldn't list buckets").waitFor({ timeout: 30_000 })
    await expectAccessible(page, 'error, no bucket can be listed')
  })
})

describe('accessibility of the first run (no profiles)', () => {
  const app = useApp([{ bucket: 'first-bucket', key: 'hello.txt', body: 'hello' }], {
    emptyAwsConfig: true
  })

  it('the first-run screen and the add-profile dialog', async () => {
    const { page } = app.host
    await page.getByRole('heading', { name: 'No AWS profiles yet' }).waitFor()
    await expectAccessible(page, 'first run, no profiles')
    await page.getByRole('button', { name: 'Add a profile…' }).click()
    await page.getByRole('dialog', { name: 'Add a profile' }).waitFor()
    await expectAccessible(page, 'add profile dialog')
  })
})

/** A test that failed with a dialog open leaves the next one a usable window. */
async function closeOpenDialogs(page: Page) {
  for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) {
    await page.keyboard.press('Escape')
    await page.waitForTimeout(100)
  }
}

/**
 * The window sizes checked. Electron's zoom (Ctrl +) shrinks the CSS viewport: at 200 % a
 * 1280×800 window lays out as 640×400 CSS pixels, which is what the last size is.
 * `deviceScaleFactor` would only sharpen the pixels, not change the layout.
 */
const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
  { name: 'zoom-200', width: 640, height: 400 }
] as const
const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const ZOOM_SHOTS = new URL('../.test-tmp/accessibility/', import.meta.url).pathname

/**
 * At each size: the key controls are on screen (at 800×600 without scrolling, at 200 % zoom
 * after scrolling their own pane), and screenshots for the README and for review.
 */
async function checkSizes(
  page: Page,
  view: string,
  controls: () => Locator[],
  sizes: readonly (typeof SIZES)[number][] = SIZES
) {
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height })
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme })
      await settle(page)
      const path =
        size.name === 'zoom-200'
          ? `${ZOOM_SHOTS}${view}-${size.name}-${theme}.png`
          : `${SCREENSHOTS}screenshot-${view}-${size.name}-${theme}.png`
      await page.screenshot({ path })
    }
    if (size.name === '800x600') await expectInViewport(page, `${view}`, controls())
    if (size.name === 'zoom-200') {
      for (const control of controls()) await control.scrollIntoViewIfNeeded()
      await expectInViewport(page, `${view} at 200 %`, controls())
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe('every view at 800×600 and at 200 % zoom', () => {
  const app = useApp(DEMO_OBJECTS)
  const grid = () => app.host.page.getByRole('grid')
  const row = (name: string) => grid().getByRole('row', { name: new RegExp(`^${escape(name)}`) })
  afterEach(() => closeOpenDialogs(app.host.page))

  it('browse: the profile picker, the bucket list, the folder toolbar and the row actions', async () => {
    const { page } = app.host
    await page.getByRole('button', { name: /acme-reports/ }).click()
    await row('reports').dblclick()
    await row('2026').dblclick()
    await row('Q3 summary.pdf').click()
    await checkSizes(page, 'browse', () => [
      page.getByRole('tab', { name: 'Links' }),
      page.getByLabel('Profile', { exact: true }),
      page.getByRole('button', { name: /acme-media/ }),
      page.getByRole('button', { name: 'Refresh folder' }),
      page.getByRole('button', { name: 'Details panel' }),
      row('Q3 summary.pdf').getByRole('button', { name: /^Share / })
    ])
  })

  it('share dialog: the lifetime controls, then the created link and Done', async () => {
    const { page } = app.host
    await row('Q3 summary.pdf')
      .getByRole('button', { name: /^Share / })
      .click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Create link & copy' }).waitFor()
    await checkSizes(page, 'share-options', () => [
      dialog.getByRole('button', { name: 'Close' }),
      dialog.getByLabel('Link works for'),
      dialog.getByRole('button', { name: 'Create link & copy' })
    ])
    // Created in the small window, where the result starts below the fold.
    await page.setViewportSize({ width: 800, height: 600 })
    await dialog.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => dialog.innerText()).toMatch(/copied/i)
    const [small, ...others] = [SIZES[1], SIZES[0], SIZES[2]]
    const result = () => [
      dialog.getByLabel('Link URL'),
      dialog.getByRole('button', { name: 'Done' })
    ]
    await checkSizes(page, 'share-created', result, [small])
    await checkSizes(page, 'share-created', result, others)
    await dialog.getByRole('button', { name: 'Done' }).click()
  })

  it('keyboard: every control reached with Tab shows a focus indicator', async () => {
    const { page } = app.host
    await page.getByRole('tab', { name: 'Browse' }).focus()
    const missing = new Set<string>()
    const seen = new Set<string>()
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      const focused = (await page.evaluate(FOCUS_PROBE)) as { name: string; shown: boolean } | null
      if (!focused) continue
      seen.add(focused.name)
      if (!focused.shown) missing.add(focused.name)
    }
    expect(seen.size).toBeGreaterThan(5)
    expect([...missing], 'focused without a visible indicator').toEqual([])
  })

  it('keyboard: the context menu opens with Shift+F10 and moves with the arrow keys', async () => {
    const { page } = app.host
    const target = row('Q3 summary.pdf')
    await target.click()
    await page.keyboard.press('Shift+F10')
    const menu = page.getByRole('menu')
    await menu.waitFor()
    const items = menu.getByRole('menuitem')
    const focusedItem = async () =>
      (await page.locator('[role="menuitem"]:focus').count())
        ? await page.locator(':focus').innerText()
        : null
    expect(await focusedItem()).toBe(await items.first().innerText())
    await page.keyboard.press('ArrowDown')
    expect(await focusedItem()).toBe(await items.nth(1).innerText())
    await page.keyboard.press('End')
    expect(await focusedItem()).toBe(await items.last().innerText())
    await page.keyboard.press('ArrowDown')
    expect(await focusedItem()).toBe(await items.first().innerText())
    await page.keyboard.press('Escape')
    await expect.poll(() => menu.count()).toBe(0)
    expect(await page.locator(':focus').getAttribute('role')).toBe('grid')
  })

  it('keyboard: dialogs keep focus inside while open and give it back when closed', async () => {
    const { page } = app.host
    const share = row('Q3 summary.pdf').getByRole('button', { name: /^Share / })
    await share.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab')
      // :focus-within, as a date field's focus is inside its own shadow tree.
      const inside = await page.locator('dialog[open]:focus-within').count()
      const where = inside
        ? ''
        : await page.evaluate('document.activeElement?.outerHTML.slice(0, 80)')
      expect(inside, `Tab ${i + 1} left the dialog for ${String(where)}`).toBe(1)
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => share.and(page.locator(':focus')).count()).toBe(1)

    const addProfile = page.getByRole('button', { name: 'Add profile…' })
    await addProfile.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Add a profile' }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    await expect.poll(() => addProfile.and(page.locator(':focus')).count()).toBe(1)
  })

  it('links view: the search, the filters and the row actions', async () => {
    const { page } = app.host
    await page.getByRole('tab', { name: 'Links' }).click()
    const panel = page.getByRole('tabpanel')
    const link = panel.getByRole('table').getByRole('row', { name: /Q3 summary\.pdf/ })
    await link.waitFor()
    await checkSizes(page, 'links', () => [
      panel.getByRole('searchbox', { name: 'Search links' }),
      link.getByRole('button', { name: /^Copy/ }),
      link.getByRole('button', { name: /^Forget/ })
    ])
    await page.getByRole('tab', { name: 'Browse' }).click()
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
