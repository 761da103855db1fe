import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IssuedLink, LinkQuery } from '../src/shared/models'
import { keyName } from '../src/shared/object-key'
import { findLeakedSecrets, startAppFixture, type AppFixture } from './support/app-fixture'
import { launchRenderer, type RendererHost } from './support/renderer-host'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const ZOE_KEY = 'contracts/Résumé – Zoë (final) #2.pdf'
const BATCH_SIZE = 2_000

type Draft = Omit<IssuedLink, 'id'>

/**
 * 10,000 links: 8,000 made one by one (6,500 active, one of them for Zoë, 500 expiring soon,
 * 1,000 expired) and a batch of 2,000 from a folder. No link changes status while the spec runs.
 */
function seedLinks(fixture: AppFixture, now: number): { singles: Draft[]; batchId: string } {
  const link = (key: string, createdAt: number, lifetime: number, extra: Partial<Draft> = {}) => ({
    createdAt: new Date(createdAt).toISOString(),
    profileId: 'swift-local',
    bucket: 'acme-reports',
    key,
    region: 'us-east-1',
    endpoint: fixture.swift.endpoint,
    method: 'GET' as const,
    requestedExpiresInSeconds: lifetime / 1000,
    requestedExpiresAt: new Date(createdAt + lifetime).toISOString(),
    expiresAt: new Date(createdAt + lifetime).toISOString(),
    cappedBy: null,
    url: `${fixture.swift.endpoint}/acme-reports/${encodeURIComponent(key)}?X-Amz-Signature=seeded`,
    label: '',
    downloadFilename: null,
    batchId: null,
    ...extra
  })
  const pad = (index: number) => String(index).padStart(4, '0')
  const singles: Draft[] = [
    link(ZOE_KEY, now - 30 * MINUTE, 7 * DAY, { label: 'for Zoë, contract review' }),
    // Created every 7 s over the last 12.6 h, working for 7 days.
    ...Array.from({ length: 6_499 }, (_, i) =>
      link(`reports/2025/report-${pad(i)}.pdf`, now - 2 * MINUTE - i * 7_000, 7 * DAY)
    ),
    // Three-hour links with 10 to 14 minutes left: under 10 % of their lifetime.
    ...Array.from({ length: 500 }, (_, i) =>
      link(`exports/expiring-${pad(i)}.csv`, now - 170 * MINUTE + i * 500, 3 * HOUR)
    ),
    ...Array.from({ length: 1_000 }, (_, i) =>
      link(`old/expired-${pad(i)}.csv`, now - 3 * DAY - i * MINUTE, DAY, { label: 'last week' })
    )
  ]
  const { links } = fixture.services.core
  const batch = links.createBatch({
    createdAt: new Date(now - MINUTE).toISOString(),
    profileId: 'swift-local',
    bucket: 'acme-reports',
    label: '',
    source: { kind: 'prefix', prefix: 'photos/2024/' },
    requestedExpiresInSeconds: DAY / 1000,
    expiresAt: new Date(now - MINUTE + DAY).toISOString(),
    cappedBy: null
  })
  const batchLinks = Array.from({ length: BATCH_SIZE }, (_, i) =>
    link(`photos/2024/img-${pad(i)}.jpg`, now - MINUTE, DAY, { batchId: batch.id })
  )
  const all = [...singles, ...batchLinks]
  for (let start = 0; start < all.length; start += 500) {
    links.recordMany(all.slice(start, start + 500))
  }
  links.updateBatch(batch.id, { state: 'done', failedCount: 0 })
  return { singles, batchId: batch.id }
}

describe('the Links view with 10,000 stored links', () => {
  let fixture: AppFixture
  let host: RendererHost
  let singles: Draft[]
  /** Every `links:query` the page sent, in order. */
  const queries: LinkQuery[] = []

  beforeAll(async () => {
    fixture = await startAppFixture([])
    singles = seedLinks(fixture, Date.now()).singles
    host = await launchRenderer({
      dispatch: (channel, args) => {
        if (channel === 'links:query') queries.push(args as LinkQuery)
        return fixture.services.router.dispatch(channel, args)
      },
      subscribe: (emit) => fixture.services.subscribe(emit)
    })
  })

  afterAll(async () => {
    try {
      await host?.close()
    } finally {
      await fixture?.stop()
    }
  })

  const table = () => host.page.getByRole('table', { name: /^Links(?! of)/ })
  const bodyRows = () => table().locator(':scope > .links-body > [role=row]')
  const firstName = () => bodyRows().first().locator('.object-name').innerText()

  it('pages through the list, asking main only for the pages in view', async () => {
    const { page } = host
    await page.getByRole('tab', { name: 'Links' }).click()
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe(String(8_000 + 1 + 1))
    await expect
      .poll(() => page.getByRole('heading', { name: /^Links/ }).innerText())
      .toMatch(/10,000/)
    const rendered = await bodyRows().count()
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(60)

    // Newest first: the batch (made a minute ago) heads the list, then the single links.
    const order = [...singles].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    const expected = keyName(order[5_000 - 1]!.key)
    await table().evaluate((element) => {
      ;(element as unknown as { scrollTop: number }).scrollTop = 44 * 5_000
    })
    await expect.poll(() => bodyRows().filter({ hasText: expected }).count()).toBe(1)
    expect(await bodyRows().count()).toBeLessThan(60)

    const mainList = queries.filter((query) => query.groupBatches && query.limit > 1)
    const offsets = new Set(mainList.map((query) => query.offset))
    expect(offsets.has(0)).toBe(true)
    expect(offsets.has(4_900) || offsets.has(5_000)).toBe(true)
    // A handful of pages, not the 81 the whole list spans.
    expect(offsets.size).toBeLessThan(8)
    expect(mainList.every((query) => query.limit <= 200)).toBe(true)
  })

  it('filters by status, with the counts main reports', async () => {
    const { page } = host
    await expect.poll(() => statusName('Active')).toBe('Active 8,500')
    expect(await statusName('Expiring')).toBe('Expiring 500')
    expect(await statusName('Expired')).toBe('Expired 1,000')

    await page.getByRole('radio', { name: /^Expired/ }).check()
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe('1001')
    await expect.poll(firstName).toMatch(/^expired-\d{4}\.csv$/)
    expect(await bodyRows().first().innerText()).toMatch(/Expired/)
    await page.getByRole('radio', { name: /^All/ }).check()
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe('8002')
  })

  it('finds “Zoë” when searching for “zoe”', async () => {
    const search = host.page.getByRole('searchbox', { name: 'Search links' })
    await search.fill('zoe')
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe('2')
    expect(await firstName()).toBe(keyName(ZOE_KEY))
    expect(await bodyRows().first().innerText()).toMatch(/for Zoë, contract review/)
    await search.fill('')
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe('8002')
  })

  it('sorts by a column header, both ways', async () => {
    const { page } = host
    const expiry = page.getByRole('columnheader', { name: 'Expiry' })
    await page.getByRole('button', { name: 'Expiry', exact: true }).click()
    await expect.poll(() => expiry.getAttribute('aria-sort')).toBe('ascending')
    await expect.poll(firstName).toBe('expired-0999.csv')
    await page.getByRole('button', { name: 'Expiry', exact: true }).click()
    await expect.poll(() => expiry.getAttribute('aria-sort')).toBe('descending')
    await expect.poll(firstName).toBe('report-0000.pdf')
    await page.getByRole('button', { name: 'Created', exact: true }).click()
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort'))
      .toBe('descending')
  })

  it('shows the batch as one row that expands to its links, copies and exports them', async () => {
    const { page } = host
    const toggle = page.getByRole('button', { name: '2,000 links from photos/2024/' })
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    const nested = page.getByRole('table', { name: 'Links of 2,000 links from photos/2024/' })
    await expect.poll(() => nested.getByRole('row').count()).toBeGreaterThan(5)
    expect(await nested.getByRole('row').first().innerText()).toMatch(/img-\d{4}\.jpg/)
    await page.waitForTimeout(300) // let the chevron's turn finish
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-links-batch.png` })

    await page.getByRole('button', { name: 'Copy all' }).click()
    await expect.poll(() => fixture.clipboard.at(-1)?.split('\n').length).toBe(BATCH_SIZE)

    await page.getByRole('button', { name: 'Export as CSV' }).click()
    await expect.poll(() => fixture.saved.length).toBe(1)
    expect(fixture.saved[0]!.path).toMatch(/\.csv$/)
    await expect
      .poll(() => page.getByRole('tabpanel').getByRole('status').textContent())
      .toMatch(/^Saved 2,000 links to .+\.csv\.$/)
  })

  it('forgets the whole batch after a confirmation naming the count', async () => {
    const { page } = host
    await page.getByRole('button', { name: 'Forget all' }).click()
    const confirm = page.getByRole('group', { name: 'Confirm forgetting' })
    expect(await confirm.innerText()).toMatch(/Forget all 2,000 links of this batch\?/)
    await confirm.getByRole('button', { name: 'Forget 2,000 links' }).click()
    await expect.poll(() => table().getAttribute('aria-rowcount')).toBe('8001')
    await expect
      .poll(() => page.getByRole('heading', { name: /^Links/ }).innerText())
      .toMatch(/8,000/)
    expect(await page.getByRole('button', { name: /links from photos/ }).count()).toBe(0)
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(fixture, host.traffic)).toEqual([])
  })

  async function statusName(label: string): Promise<string> {
    const radio = host.page.getByRole('radio', { name: new RegExp(`^${label}`) })
    const text = await host.page.locator('.filter-segment').filter({ has: radio }).textContent()
    return (text ?? '').replace(/\s+/g, ' ').trim()
  }
})
