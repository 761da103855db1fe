import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  DAY_MS as DAY,
  HOUR_MS as HOUR,
  MINUTE_MS as MINUTE,
  SECOND_MS as SECOND
} from '../../../../shared/time-units'
import { advance, makeLink, settle, type installFakeApi } from '../../lib/test-utils'
import {
  dataRows,
  mainTable,
  names,
  NOW,
  pageQueries,
  renderPanel,
  rowFor,
  settleAfterTick,
  setUpLinksPanelTests
} from './links-test-kit'

setUpLinksPanelTests()

describe('LinksPanel countdowns', () => {
  it('counts down each link live and switches it to expired exactly at expiresAt', async () => {
    await renderPanel([
      makeLink({ key: 'a/soon.txt', createdAtMs: NOW - HOUR, expiresAtMs: NOW + 3 * SECOND + 500 }),
      makeLink({
        key: 'a/week.iso',
        createdAtMs: NOW,
        expiresAtMs: NOW + 2 * DAY + 5 * HOUR + 30 * MINUTE
      })
    ])
    expect(rowFor('soon.txt')).toHaveTextContent('expires in 3 s')
    expect(rowFor('soon.txt')).toHaveTextContent('Expiring soon')
    expect(rowFor('week.iso')).toHaveTextContent('expires in 2 d 5 h')
    expect(rowFor('week.iso')).toHaveTextContent('Active')

    await advance(SECOND)
    expect(rowFor('soon.txt')).toHaveTextContent('expires in 2 s')

    await advance(2 * SECOND + 499)
    expect(rowFor('soon.txt')).toHaveTextContent('expires in < 1 s')
    expect(rowFor('soon.txt')).not.toHaveTextContent('Expired')
    expect(screen.getByRole('button', { name: 'Clear expired (0)' })).toBeDisabled()

    await advance(1)
    await settleAfterTick()
    expect(rowFor('soon.txt')).toHaveTextContent('expired just now')
    expect(rowFor('soon.txt')).toHaveTextContent('Expired')
    expect(screen.getByRole('button', { name: 'Clear expired (1)' })).toBeEnabled()

    await advance(2 * MINUTE + SECOND)
    expect(rowFor('soon.txt')).toHaveTextContent('expired 2 min ago')
  })

  it('drops a link from the Expiring tab and moves its count the moment it expires', async () => {
    await renderPanel([
      makeLink({ key: 'going.txt', expiresAtMs: NOW + 1_500 }),
      makeLink({ key: 'staying.txt', expiresAtMs: NOW + 2 * MINUTE }),
      makeLink({ key: 'fresh.txt', createdAtMs: NOW, expiresAtMs: NOW + DAY })
    ])
    fireEvent.click(screen.getByRole('radio', { name: /^Expiring/ }))
    await settle()
    expect(names()).toEqual(['going.txt', 'staying.txt'])
    await advance(1_499)
    expect(dataRows()).toHaveLength(2)
    await advance(1)
    await settleAfterTick()
    expect(names()).toEqual(['staying.txt'])
    expect(screen.getByRole('radio', { name: /^Expiring/ })).toHaveAccessibleName('Expiring 1')
    expect(screen.getByRole('radio', { name: /^Expired/ })).toHaveAccessibleName('Expired 1')
    expect(screen.getByRole('radio', { name: /^Active/ })).toHaveAccessibleName('Active 1')
  })

  it('moves the counts when a link not shown expires, without waiting for a refresh', async () => {
    await renderPanel([
      makeLink({ key: 'hidden-going.txt', expiresAtMs: NOW + 1_500 }),
      makeLink({ key: 'fresh.txt', createdAtMs: NOW, expiresAtMs: NOW + DAY })
    ])
    fireEvent.click(screen.getByRole('radio', { name: /^Active/ }))
    await settle()
    expect(names()).toEqual(['fresh.txt'])
    expect(screen.getByRole('radio', { name: /^Expired/ })).toHaveAccessibleName('Expired 0')
    await advance(1_500)
    await settleAfterTick()
    expect(screen.getByRole('radio', { name: /^Expired/ })).toHaveAccessibleName('Expired 1')
    expect(screen.getByRole('radio', { name: /^Expiring/ })).toHaveAccessibleName('Expiring 0')
  })

  it('marks links cut short by the credentials', async () => {
    await renderPanel([
      makeLink({
        key: 'capped.bin',
        expiresAtMs: NOW + 20 * MINUTE,
        requestedExpiresAt: new Date(NOW + DAY).toISOString(),
        cappedBy: 'credentials'
      })
    ])
    expect(rowFor('capped.bin')).toHaveTextContent('capped by credentials')
  })

  it('shows the object name with the full key on hover, bucket, profile, label and age', async () => {
    await renderPanel([
      makeLink({
        key: 'deep/path/to/report.pdf',
        bucket: 'finance',
        profileId: 'prod-sso',
        label: 'for Alice',
        createdAtMs: NOW - 5 * MINUTE
      })
    ])
    const row = rowFor('report.pdf')
    expect(within(row).getByText('report.pdf')).toHaveAttribute('title', 'deep/path/to/report.pdf')
    expect(row).toHaveTextContent('finance')
    expect(row).toHaveTextContent('prod-sso')
    expect(row).toHaveTextContent('for Alice')
    expect(row).toHaveTextContent('5 min ago')
  })
})

// Building 10,000 links and their pages takes seconds on a loaded 2-core machine.
describe('LinksPanel with 10,000 links', { timeout: 30_000 }, () => {
  const many = () =>
    Array.from({ length: 10_000 }, (_, index) =>
      makeLink({
        key: `bulk/object-${String(index).padStart(5, '0')}.dat`,
        createdAtMs: NOW - index * SECOND
      })
    )

  it('asks main only for the pages in view, and renders only the rows in view', async () => {
    const { fake } = await renderPanel(many())
    expect(mainTable()).toHaveAttribute('aria-rowcount', '10001')
    expect(pageQueries(fake).map((query) => query.offset)).toEqual([0])
    expect(dataRows().length).toBeGreaterThan(10)
    expect(dataRows().length).toBeLessThan(40)
    expect(rowFor('object-00000.dat')).toBeInTheDocument()

    const scroller = document.querySelector('.links-scroll') as HTMLElement
    scroller.scrollTop = 44 * 5_000
    fireEvent.scroll(scroller)
    await settle()
    expect(rowFor('object-05000.dat')).toBeInTheDocument()
    expect(screen.queryByText('object-00000.dat')).not.toBeInTheDocument()
    expect(dataRows().length).toBeLessThan(40)
    const offsets = new Set(pageQueries(fake).map((query) => query.offset))
    expect([...offsets].sort((a, b) => a - b)).toEqual([0, 4_900, 5_000])
    expect(pageQueries(fake).every((query) => query.limit === 100)).toBe(true)

    // The countdowns keep ticking for what is visible.
    await advance(SECOND)
    expect(rowFor('object-05000.dat')).toHaveTextContent('expires in 59 min 59 s')
  })

  it('asks for the shown pages again when main says the registry changed', async () => {
    const { fake, registry } = await renderPanel(many())
    const before = fake.api.queryLinks.mock.calls.length
    registry.state.links.push(makeLink({ key: 'from-the-cli.txt', createdAtMs: NOW + SECOND }))
    fake.emit('onLinksChanged', { version: 2, reason: 'external', count: 1 })
    await settle()
    expect(names()[0]).toBe('from-the-cli.txt')
    expect(screen.getByRole('radio', { name: /^All/ })).toHaveAccessibleName('All 10,001')
    const asked = pageQueries(fake).slice(before)
    expect(asked.map((query) => query.offset)).toEqual([0])
    expect(fake.api.getLinkRegistryStatus).toHaveBeenCalledTimes(2)
  })
})

describe('LinksPanel filters, search and sort', () => {
  const links = () => [
    makeLink({
      key: 'old/alpha.csv',
      bucket: 'raw',
      label: 'vendor',
      createdAtMs: NOW - 3 * DAY,
      expiresAtMs: NOW - DAY
    }),
    makeLink({
      key: 'new/beta.csv',
      bucket: 'raw',
      profileId: 'prod',
      createdAtMs: NOW - MINUTE,
      expiresAtMs: NOW + 2 * HOUR
    }),
    makeLink({
      key: 'mid/Zoë gamma.json',
      bucket: 'curated',
      createdAtMs: NOW - HOUR,
      expiresAtMs: NOW + 2 * MINUTE
    })
  ]
  const lastQuery = (fake: ReturnType<typeof installFakeApi>) => pageQueries(fake).at(-1)

  it('filters by status with counts, and by bucket and profile from the registry’s values', async () => {
    const { fake } = await renderPanel(links())
    expect(lastQuery(fake)).toEqual({
      status: 'all',
      sort: { field: 'created', direction: 'desc' },
      groupBatches: true,
      offset: 0,
      limit: 100
    })
    expect(screen.getByRole('radio', { name: /^Expiring/ })).toHaveAccessibleName('Expiring 1')
    fireEvent.click(screen.getByRole('radio', { name: 'Expired 1' }))
    await settle()
    expect(lastQuery(fake)).toMatchObject({ status: 'expired' })
    expect(names()).toEqual(['alpha.csv'])
    fireEvent.click(screen.getByRole('radio', { name: 'Active 1' }))
    await settle()
    expect(names()).toEqual(['beta.csv'])

    fireEvent.click(screen.getByRole('radio', { name: 'All 3' }))
    const bucket = screen.getByRole('combobox', { name: 'Bucket' })
    expect(
      within(bucket)
        .getAllByRole('option')
        .map((option) => option.textContent)
    ).toEqual(['All buckets', 'curated', 'raw'])
    fireEvent.change(bucket, { target: { value: 'raw' } })
    await settle()
    expect(lastQuery(fake)).toMatchObject({ status: 'all', bucket: 'raw' })
    expect(names()).toEqual(['beta.csv', 'alpha.csv'])
    expect(screen.getByRole('radio', { name: /^All/ })).toHaveAccessibleName('All 2')

    fireEvent.change(screen.getByRole('combobox', { name: 'Profile' }), {
      target: { value: 'prod' }
    })
    await settle()
    expect(lastQuery(fake)).toMatchObject({ bucket: 'raw', profileId: 'prod' })
    expect(names()).toEqual(['beta.csv'])
    // Clear expired counts every expired link, not only those the menus show.
    expect(screen.getByRole('button', { name: 'Clear expired (1)' })).toBeEnabled()
  })

  it('searches after a pause in typing, and main finds “Zoë” for “zoe”', async () => {
    const { fake } = await renderPanel(links())
    const search = screen.getByRole('searchbox', { name: 'Search links' })
    fireEvent.change(search, { target: { value: 'z' } })
    fireEvent.change(search, { target: { value: 'zo' } })
    fireEvent.change(search, { target: { value: 'zoe ' } })
    await advance(150)
    expect(pageQueries(fake).some((query) => query.text !== undefined)).toBe(false)
    await advance(50)
    await settle()
    expect(pageQueries(fake).filter((query) => query.text !== undefined)).toEqual([
      expect.objectContaining({ text: 'zoe', offset: 0 })
    ])
    expect(names()).toEqual(['Zoë gamma.json'])

    fireEvent.change(search, { target: { value: 'nothing-like-this' } })
    await advance(200)
    await settle()
    expect(names()).toEqual([])
    expect(screen.getByText('No links match “nothing-like-this”.')).toBeInTheDocument()
  })

  it('sorts by a column header, and the other way on a second click', async () => {
    const { fake } = await renderPanel(links())
    const header = (name: string) => screen.getByRole('columnheader', { name })
    expect(header('Created')).toHaveAttribute('aria-sort', 'descending')
    expect(names()).toEqual(['beta.csv', 'Zoë gamma.json', 'alpha.csv'])

    fireEvent.click(screen.getByRole('button', { name: 'Expiry' }))
    await settle()
    expect(lastQuery(fake)).toMatchObject({ sort: { field: 'expires', direction: 'asc' } })
    expect(header('Expiry')).toHaveAttribute('aria-sort', 'ascending')
    expect(header('Created')).toHaveAttribute('aria-sort', 'none')
    expect(names()).toEqual(['alpha.csv', 'Zoë gamma.json', 'beta.csv'])

    fireEvent.click(screen.getByRole('button', { name: 'Bucket' }))
    await settle()
    expect(lastQuery(fake)).toMatchObject({ sort: { field: 'bucket', direction: 'asc' } })
    fireEvent.click(screen.getByRole('button', { name: 'Bucket' }))
    await settle()
    expect(lastQuery(fake)).toMatchObject({ sort: { field: 'bucket', direction: 'desc' } })
    expect(header('Bucket')).toHaveAttribute('aria-sort', 'descending')
    expect(names()[2]).toBe('Zoë gamma.json')

    for (const [name, field] of [
      ['Object', 'name'],
      ['Label', 'label'],
      ['Profile', 'profile']
    ] as const) {
      fireEvent.click(screen.getByRole('button', { name }))
      await settle()
      expect(lastQuery(fake)).toMatchObject({ sort: { field, direction: 'asc' } })
    }
  })
})
