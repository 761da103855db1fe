import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IssuedLink, LinksSnapshot } from '../../../../shared/models'
import {
  DAY_MS as DAY,
  HOUR_MS as HOUR,
  MINUTE_MS as MINUTE,
  SECOND_MS as SECOND
} from '../../../../shared/time-units'
import {
  advance,
  fail,
  installFakeApi,
  makeLink,
  ok,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { LinksPanel } from './LinksPanel'

const NOW = Date.parse('2025-11-28T14:00:00.250Z')

function snapshot(links: IssuedLink[], recoveredFrom: LinksSnapshot['recoveredFrom'] = null) {
  return { links, recoveredFrom }
}

/** jsdom lays nothing out: give the scroll area a size so the virtualizer has rows to show. */
function giveListAHeight(height = 600) {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    return this.classList.contains('links-scroll') ? height : 0
  })
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    return this.classList.contains('links-scroll') ? 1200 : 0
  })
}

function dataRows() {
  return screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1')
}

function rowFor(name: string) {
  const row = dataRows().find((candidate) => within(candidate).queryByText(name))
  if (!row) throw new Error(`No row for ${name}`)
  return row
}

async function renderPanel(
  links: IssuedLink[],
  recoveredFrom: LinksSnapshot['recoveredFrom'] = null,
  handlers: FakeHandlers = {}
) {
  const fake = installFakeApi({
    listLinks: async () => ok(snapshot(links, recoveredFrom)),
    writeClipboardText: async () => ok(undefined),
    openLinkInBrowser: async () => ok(undefined),
    forgetLink: async () => ok(undefined),
    clearExpiredLinks: async () =>
      ok(links.filter((link) => Date.parse(link.expiresAt) <= Date.now()).length),
    ...handlers
  })
  const view = renderWithClient(<LinksPanel />)
  await settle()
  return { fake, ...view }
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
  giveListAHeight()
})

afterEach(() => {
  // Unmount while the fake clock is installed, so the shared tick's timer is cleared on it.
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

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
    const soon = rowFor('soon.txt')
    expect(soon).toHaveTextContent('expires in 3 s')
    expect(soon).toHaveTextContent('Expiring soon')
    expect(rowFor('week.iso')).toHaveTextContent('expires in 2 d 5 h')
    expect(rowFor('week.iso')).toHaveTextContent('Active')

    await advance(SECOND)
    expect(rowFor('soon.txt')).toHaveTextContent('expires in 2 s')

    await advance(2 * SECOND + 499)
    expect(rowFor('soon.txt')).toHaveTextContent('expires in < 1 s')
    expect(rowFor('soon.txt')).not.toHaveTextContent('Expired')

    await advance(1)
    expect(rowFor('soon.txt')).toHaveTextContent('expired just now')
    expect(rowFor('soon.txt')).toHaveTextContent('Expired')
    expect(screen.getByRole('button', { name: 'Clear expired (1)' })).toBeEnabled()

    await advance(2 * HOUR + SECOND)
    expect(rowFor('soon.txt')).toHaveTextContent('expired 2 h ago')
  })

  it('drops a link from the Active filter the moment it expires', async () => {
    await renderPanel([
      makeLink({ key: 'going.txt', expiresAtMs: NOW + 1_500 }),
      makeLink({ key: 'staying.txt', expiresAtMs: NOW + DAY })
    ])
    fireEvent.click(screen.getByRole('radio', { name: /Active/ }))
    expect(dataRows()).toHaveLength(2)
    await advance(1_499)
    expect(dataRows()).toHaveLength(2)
    await advance(1)
    expect(dataRows()).toHaveLength(1)
    expect(screen.getByRole('radio', { name: /Active/ })).toHaveAccessibleName('Active 1')
    expect(screen.getByRole('radio', { name: /Expired/ })).toHaveAccessibleName('Expired 1')
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

describe('LinksPanel filter, search and sort', () => {
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
      key: 'mid/gamma.json',
      bucket: 'curated',
      createdAtMs: NOW - HOUR,
      expiresAtMs: NOW + 10 * MINUTE
    })
  ]
  const names = () => dataRows().map((row) => row.querySelector('.object-name')?.textContent)

  it('filters by status, with counts', async () => {
    await renderPanel(links())
    expect(names()).toHaveLength(3)
    fireEvent.click(screen.getByRole('radio', { name: 'Expired 1' }))
    expect(names()).toEqual(['alpha.csv'])
    fireEvent.click(screen.getByRole('radio', { name: 'Active 2' }))
    expect(names()).toEqual(['beta.csv', 'gamma.json'])
    fireEvent.click(screen.getByRole('radio', { name: 'All 3' }))
    expect(names()).toHaveLength(3)
  })

  it('searches key, bucket, label and profile', async () => {
    await renderPanel(links())
    const search = screen.getByRole('searchbox', { name: 'Search links' })
    fireEvent.change(search, { target: { value: 'GAMMA' } })
    await settle()
    expect(names()).toEqual(['gamma.json'])
    fireEvent.change(search, { target: { value: 'curated' } })
    await settle()
    expect(names()).toEqual(['gamma.json'])
    fireEvent.change(search, { target: { value: 'vendor' } })
    await settle()
    expect(names()).toEqual(['alpha.csv'])
    fireEvent.change(search, { target: { value: 'prod raw' } })
    await settle()
    expect(names()).toEqual(['beta.csv'])
    fireEvent.change(search, { target: { value: 'nothing-like-this' } })
    await settle()
    expect(names()).toEqual([])
    expect(screen.getByText(/No links match/)).toBeInTheDocument()
  })

  it('sorts by creation or expiry, both ways', async () => {
    await renderPanel(links())
    const sort = screen.getByRole('combobox', { name: /^Sort/ })
    expect(names()).toEqual(['beta.csv', 'gamma.json', 'alpha.csv'])
    fireEvent.change(sort, { target: { value: 'created-asc' } })
    expect(names()).toEqual(['alpha.csv', 'gamma.json', 'beta.csv'])
    fireEvent.change(sort, { target: { value: 'expires-asc' } })
    expect(names()).toEqual(['alpha.csv', 'gamma.json', 'beta.csv'])
    fireEvent.change(sort, { target: { value: 'expires-desc' } })
    expect(names()).toEqual(['beta.csv', 'gamma.json', 'alpha.csv'])
  })
})

describe('LinksPanel actions', () => {
  it('copies a link again, opens it and forgets it through main', async () => {
    const link = makeLink({ key: 'share/me.txt' })
    const { fake } = await renderPanel([link])
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to me.txt' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: link.url })
    expect(screen.getByRole('status')).toHaveTextContent('Link to me.txt copied to the clipboard.')

    fireEvent.click(screen.getByRole('button', { name: 'Show me.txt in browser' }))
    await settle()
    expect(fake.api.openLinkInBrowser).toHaveBeenCalledWith({ id: link.id })

    fireEvent.click(screen.getByRole('button', { name: 'Forget link to me.txt' }))
    await settle()
    expect(fake.api.forgetLink).toHaveBeenCalledWith({ id: link.id })
    expect(screen.queryByText('me.txt')).not.toBeInTheDocument()
  })

  it('clears expired links from the toolbar', async () => {
    const { fake } = await renderPanel([
      makeLink({ key: 'dead-1.txt', expiresAtMs: NOW - HOUR }),
      makeLink({ key: 'dead-2.txt', expiresAtMs: NOW - MINUTE }),
      makeLink({ key: 'alive.txt', expiresAtMs: NOW + HOUR })
    ])
    fireEvent.click(screen.getByRole('button', { name: 'Clear expired (2)' }))
    await settle()
    expect(fake.api.clearExpiredLinks).toHaveBeenCalledTimes(1)
    expect(dataRows()).toHaveLength(1)
    expect(screen.getByRole('status')).toHaveTextContent('Cleared 2 expired links.')
    expect(screen.getByRole('button', { name: 'Clear expired (0)' })).toBeDisabled()
  })

  it('shows main’s message when an action fails', async () => {
    await renderPanel([makeLink({ key: 'x.txt' })], null, {
      openLinkInBrowser: async () => fail('link-not-found', 'That link is no longer in the list.')
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show x.txt in browser' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not open the link: That link is no longer in the list.'
    )
  })

  it('says so when a link cannot be copied', async () => {
    await renderPanel([makeLink({ key: 'x.txt' })], null, {
      writeClipboardText: async () => fail('internal', 'The clipboard is busy.')
    })
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to x.txt' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not copy the link: The clipboard is busy.'
    )
    expect(screen.getByRole('button', { name: 'Copy link to x.txt' })).not.toHaveClass('is-done')
  })

  it('shows a link with impossible dates instead of failing the whole panel', async () => {
    await renderPanel([
      makeLink({
        key: 'odd/broken.txt',
        createdAt: 'not a date',
        expiresAt: '2025-13-45T99:00:00Z',
        requestedExpiresAt: 'garbage',
        cappedBy: 'credentials'
      }),
      makeLink({ key: 'fine.txt' })
    ])
    const row = rowFor('broken.txt')
    expect(row).toHaveTextContent('Expired')
    expect(row).toHaveTextContent('capped by credentials')
    expect(rowFor('fine.txt')).toHaveTextContent('expires in 1 h 00 min')
  })

  it('follows onLinksChanged', async () => {
    const { fake } = await renderPanel([makeLink({ key: 'first.txt' })])
    fake.emit(
      'onLinksChanged',
      snapshot([makeLink({ key: 'first.txt' }), makeLink({ key: 'second.txt' })])
    )
    await settle()
    expect(rowFor('second.txt')).toBeInTheDocument()
    expect(dataRows()).toHaveLength(2)
  })

  it('says when the links file was unreadable and moved aside', async () => {
    await renderPanel([], {
      movedTo: '/home/me/.config/s3sm/links.broken-1.json',
      reason: 'Unexpected token'
    })
    const banner = screen.getByRole('alert')
    expect(banner).toHaveTextContent(
      'The links file could not be read and was moved to /home/me/.config/s3sm/links.broken-1.json; starting with an empty list.'
    )
    expect(banner).toHaveTextContent('Unexpected token')
  })
})

describe('LinksPanel with 10,000 links', () => {
  it('renders only the rows in view, and scrolls to the others', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      makeLink({
        key: `bulk/object-${String(index).padStart(5, '0')}.dat`,
        createdAtMs: NOW - index * SECOND
      })
    )
    await renderPanel(many)
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '10001')
    const rendered = dataRows()
    expect(rendered.length).toBeGreaterThan(10)
    expect(rendered.length).toBeLessThan(40)
    expect(rowFor('object-00000.dat')).toBeInTheDocument()

    const scroller = document.querySelector('.links-scroll') as HTMLElement
    scroller.scrollTop = 44 * 5_000
    fireEvent.scroll(scroller)
    await settle()
    expect(rowFor('object-05000.dat')).toBeInTheDocument()
    expect(screen.queryByText('object-00000.dat')).not.toBeInTheDocument()
    expect(dataRows().length).toBeLessThan(40)

    // The countdowns keep ticking for what is visible.
    await advance(SECOND)
    expect(rowFor('object-05000.dat')).toHaveTextContent('expires in 59 min 59 s')
  })
})
