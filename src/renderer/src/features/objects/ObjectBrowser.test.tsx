import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ObjectPage } from '../../../../shared/models'
import {
  fail,
  installFakeApi,
  mockLayout,
  ok,
  page,
  renderWithClient,
  scrollTo,
  type FakeHandlers
} from '../../lib/test-utils'
import { ObjectBrowser } from './ObjectBrowser'
import { ROW_HEIGHT } from './ObjectTable'
import type { ShareTarget } from './share-target'

function Harness({ onShare, start = '' }: { onShare: (t: ShareTarget) => void; start?: string }) {
  const [prefix, setPrefix] = useState(start)
  return (
    <ObjectBrowser
      profileId="dev"
      bucket="photos"
      prefix={prefix}
      onNavigate={setPrefix}
      onShare={onShare}
      onShareMany={() => {}}
    />
  )
}

function setup(handlers: FakeHandlers, start = '') {
  const fake = installFakeApi({ writeClipboardText: async () => ok(undefined), ...handlers })
  const onShare = vi.fn<(target: ShareTarget) => void>()
  const view = renderWithClient(<Harness onShare={onShare} start={start} />)
  return { ...fake, ...view, onShare }
}

/** The visible names, top to bottom. */
function rowNames(): string[] {
  const grid = screen.getByRole('grid')
  return within(grid)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('.name-text')?.textContent ?? '')
}

/** The status line under the table: counts and paging. */
function statusLine(): HTMLElement {
  const footer = document.querySelector<HTMLElement>('.statusbar')
  if (!footer) throw new Error('no status line')
  return footer
}

async function findStatus(text: string) {
  return within(statusLine()).findByText(text)
}

function numbered(count: number, from = 0): [string, number][] {
  return Array.from({ length: count }, (_, index) => [
    `file-${String(from + index).padStart(6, '0')}.txt`,
    index
  ])
}

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout({ height: 560 })
})
afterEach(() => restoreLayout())

describe('the object table', () => {
  const mixed = page(
    '',
    ['zebra', 'alpha'],
    [
      ['b.txt', 300, '2024-01-02T12:00:00Z'],
      ['a.txt', 10, '2024-03-01T12:00:00Z'],
      ['c10.txt', 2000, '2023-06-01T12:00:00Z'],
      ['c9.txt', 50, '2024-02-01T12:00:00Z']
    ]
  )

  it('lists folders first, then files by name in natural order', async () => {
    setup({ listObjects: async () => ok(mixed) })
    await screen.findByRole('row', { name: /^a\.txt/ })
    expect(rowNames()).toEqual(['alpha', 'zebra', 'a.txt', 'b.txt', 'c9.txt', 'c10.txt'])
  })

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const { user } = setup({ listObjects: async () => ok(mixed) })
    await screen.findByRole('row', { name: /^a\.txt/ })

    await user.click(screen.getByRole('button', { name: 'Size' }))
    expect(screen.getByRole('columnheader', { name: 'Size' })).toHaveAttribute(
      'aria-sort',
      'descending'
    )
    expect(rowNames()).toEqual(['alpha', 'zebra', 'c10.txt', 'b.txt', 'c9.txt', 'a.txt'])

    await user.click(screen.getByRole('button', { name: 'Size' }))
    expect(rowNames()).toEqual(['alpha', 'zebra', 'a.txt', 'c9.txt', 'b.txt', 'c10.txt'])

    await user.click(screen.getByRole('button', { name: 'Last modified' }))
    expect(rowNames()).toEqual(['alpha', 'zebra', 'a.txt', 'c9.txt', 'b.txt', 'c10.txt'])

    await user.click(screen.getByRole('button', { name: 'Name' }))
    await user.click(screen.getByRole('button', { name: 'Name' }))
    expect(screen.getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
      'aria-sort',
      'descending'
    )
    expect(rowNames()).toEqual(['zebra', 'alpha', 'c10.txt', 'c9.txt', 'b.txt', 'a.txt'])
  })

  it('shows human sizes with the exact byte count on hover', async () => {
    setup({ listObjects: async () => ok(page('', [], [['big.iso', 1_234_567]])) })
    const cell = await screen.findByText('1.2 MB')
    expect(cell).toHaveAttribute('title', '1,234,567 bytes')
  })

  it('filters the loaded rows as the user types, and Escape clears the filter', async () => {
    const { user } = setup({ listObjects: async () => ok(mixed) })
    await screen.findByRole('row', { name: /^a\.txt/ })
    const filter = screen.getByRole('searchbox', { name: 'Search this folder' })

    await user.type(filter, 'C1')
    await waitFor(() => expect(rowNames()).toEqual(['c10.txt']))
    expect(statusLine()).toHaveTextContent('1 match · 6 items')

    await user.type(filter, 'x')
    expect(await screen.findByText('Nothing matches “C1x”')).toBeInTheDocument()

    await user.keyboard('{Escape}')
    await waitFor(() => expect(rowNames()).toHaveLength(6))
  })

  it('says a folder is empty and how to put something in it', async () => {
    setup({ listObjects: async () => ok(page('drafts/', [], [])) }, 'drafts/')
    expect(await screen.findByText('This folder is empty')).toBeInTheDocument()
    expect(screen.getByText('aws s3 cp FILE s3://photos/drafts/')).toBeInTheDocument()
  })

  it("shows main's error with what to do, and lists the folder after a retry", async () => {
    let attempts = 0
    const { user } = setup({
      listObjects: async () =>
        ++attempts === 1
          ? fail(
              'access-denied',
              'Access denied listing `photos`. Check that profile `dev` may call `s3:ListBucket`.'
            )
          : ok(mixed)
    })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent("Couldn't list s3://photos/")
    expect(alert).toHaveTextContent('Check that profile dev may call s3:ListBucket.')
    expect(within(alert).getByText('s3:ListBucket').tagName).toBe('CODE')

    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('row', { name: /^a\.txt/ })).toBeInTheDocument()
  })
})

describe('paging', () => {
  it('shows the first page at once and loads the next on "Load more", counting as it goes', async () => {
    const first = page('', [], numbered(1000), 'token-2')
    const second = page('', [], numbered(1512, 1000))
    const { user, api } = setup({
      listObjects: async ({ token }) => ok(token === 'token-2' ? second : first)
    })

    expect(await findStatus('1,000 loaded, more to come')).toBeInTheDocument()
    expect(api.listObjects).toHaveBeenCalledTimes(1)

    await user.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await findStatus('2,512 items')).toBeInTheDocument()
    expect(api.listObjects).toHaveBeenLastCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      prefix: '',
      token: 'token-2'
    })
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })

  it('loads the next page by itself when the user scrolls near the end', async () => {
    const first = page('', [], numbered(1000), 'token-2')
    const second = page('', [], numbered(500, 1000))
    const { api } = setup({
      listObjects: async ({ token }) => ok(token === 'token-2' ? second : first)
    })
    await findStatus('1,000 loaded, more to come')

    const scroller = document.querySelector('.grid-scroll')
    if (!scroller) throw new Error('no scroll container')
    scrollTo(scroller, 980 * ROW_HEIGHT)

    expect(await findStatus('1,500 items')).toBeInTheDocument()
    expect(api.listObjects).toHaveBeenCalledTimes(2)
  })
})

describe('a folder of 100,000 objects', () => {
  const huge: ObjectPage = page('', [], numbered(100_000))

  it('renders only the rows in view, and the right ones after scrolling', async () => {
    setup({ listObjects: async () => ok(huge) })
    expect(await findStatus('100,000 items')).toBeInTheDocument()

    const grid = screen.getByRole('grid')
    expect(grid).toHaveAttribute('aria-rowcount', '100001')
    const rendered = within(grid).getAllByRole('row').length
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(60)

    const scroller = document.querySelector('.grid-scroll')
    if (!scroller) throw new Error('no scroll container')
    scrollTo(scroller, 50_000 * ROW_HEIGHT)

    expect(await screen.findByText('file-050005.txt')).toBeInTheDocument()
    expect(screen.queryByText('file-000000.txt')).not.toBeInTheDocument()
    expect(within(grid).getAllByRole('row').length).toBeLessThan(60)
  })

  it('jumps to the last object with End, keeping the row count small', async () => {
    const { user } = setup({ listObjects: async () => ok(huge) })
    await findStatus('100,000 items')
    const grid = screen.getByRole('grid')
    act(() => grid.focus())
    await user.keyboard('{End}')
    const last = await screen.findByRole('row', { name: /^file-099999\.txt/ })
    expect(last).toHaveAttribute('aria-selected', 'true')
    expect(grid).toHaveAttribute('aria-activedescendant', last.id)
    expect(within(grid).getAllByRole('row').length).toBeLessThan(60)
  })
})

describe('details and sharing', () => {
  const listing = page('2024/', [], [['cover.jpg', 2_400_000]])
  const head = {
    bucket: 'photos',
    key: '2024/cover.jpg',
    region: 'eu-central-1',
    size: 2_400_000,
    contentType: 'image/jpeg',
    etag: '"d41d8cd98f00b204e9800998ecf8427e-3"',
    lastModified: '2024-03-12T12:00:00.000Z',
    storageClass: 'STANDARD',
    versionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
    cacheControl: 'max-age=3600',
    contentDisposition: null,
    metadata: { camera: 'x100v', photographer: 'Ana' }
  }

  it("shows the selected object's HeadObject details and metadata", async () => {
    const { user, api } = setup(
      { listObjects: async () => ok(listing), headObject: async () => ok(head) },
      '2024/'
    )
    await user.click(await screen.findByRole('row', { name: /^cover\.jpg/ }))

    const details = screen.getByRole('complementary', { name: 'cover.jpg' })
    expect(await within(details).findByText('image/jpeg')).toBeInTheDocument()
    expect(api.headObject).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: '2024/cover.jpg'
    })
    expect(within(details).getByText('2024/cover.jpg')).toBeInTheDocument()
    expect(within(details).getByText('3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY')).toBeInTheDocument()
    expect(within(details).getByText('d41d8cd98f00b204e9800998ecf8427e-3')).toBeInTheDocument()
    expect(within(details).getByText('(multipart, 3 parts)')).toBeInTheDocument()
    expect(within(details).getByText('max-age=3600')).toBeInTheDocument()
    const metadata = within(details).getByRole('region', { name: 'Metadata' })
    expect(within(metadata).getByText('camera')).toBeInTheDocument()
    expect(within(metadata).getByText('x100v')).toBeInTheDocument()
    expect(within(metadata).getByText('Ana')).toBeInTheDocument()
  })

  it('opens the details with Enter and puts focus on "Share link"', async () => {
    const { user, onShare } = setup(
      { listObjects: async () => ok(listing), headObject: async () => ok(head) },
      '2024/'
    )
    await screen.findByRole('row', { name: /^cover\.jpg/ })
    act(() => screen.getByRole('grid').focus())
    await user.keyboard('{ArrowDown}{Enter}')
    const shareLink = screen.getByRole('button', { name: 'Share link' })
    expect(shareLink).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(onShare).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: '2024/cover.jpg',
      size: 2_400_000
    })
  })

  it("shares from the row's own Share button", async () => {
    const { user, onShare } = setup({ listObjects: async () => ok(listing) }, '2024/')
    await user.click(await screen.findByRole('button', { name: 'Share cover.jpg' }))
    expect(onShare).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: '2024/cover.jpg',
      size: 2_400_000
    })
  })

  it('reaches the Share button of the selected row with Tab', async () => {
    const { user } = setup({ listObjects: async () => ok(listing) }, '2024/')
    await screen.findByRole('row', { name: /^cover\.jpg/ })
    expect(screen.getByRole('button', { name: 'Share cover.jpg' })).toHaveAttribute(
      'tabindex',
      '-1'
    )
    act(() => screen.getByRole('grid').focus())
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('button', { name: 'Share cover.jpg' })).toHaveAttribute('tabindex', '0')
  })

  it('shares from the right-click menu', async () => {
    const { user, onShare } = setup({ listObjects: async () => ok(listing) }, '2024/')
    const row = await screen.findByRole('row', { name: /^cover\.jpg/ })
    fireEvent.contextMenu(row, { clientX: 100, clientY: 120 })

    const menu = screen.getByRole('menu', { name: 'cover.jpg' })
    expect(within(menu).getByRole('menuitem', { name: 'Share…' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(onShare).toHaveBeenCalledWith(expect.objectContaining({ key: '2024/cover.jpg' }))
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  })

  it('copies the S3 URI from the right-click menu', async () => {
    const { user, api } = setup({ listObjects: async () => ok(listing) }, '2024/')
    fireEvent.contextMenu(await screen.findByRole('row', { name: /^cover\.jpg/ }))
    await user.click(screen.getByRole('menuitem', { name: 'Copy S3 URI' }))
    expect(api.writeClipboardText).toHaveBeenCalledWith({ text: 's3://photos/2024/cover.jpg' })
  })

  it('says so when the S3 URI cannot be copied', async () => {
    const { user } = setup(
      {
        listObjects: async () => ok(listing),
        writeClipboardText: async () => fail('internal', 'The clipboard is busy.')
      },
      '2024/'
    )
    fireEvent.contextMenu(await screen.findByRole('row', { name: /^cover\.jpg/ }))
    await user.click(screen.getByRole('menuitem', { name: 'Copy S3 URI' }))
    const alert = (await screen.findByText(/Could not copy/)).closest('[role="alert"]')
    expect(alert).toHaveTextContent('Could not copy: The clipboard is busy.')
  })

  it('closes the menu with Escape and gives focus back to the table', async () => {
    const { user } = setup({ listObjects: async () => ok(listing) }, '2024/')
    fireEvent.contextMenu(await screen.findByRole('row', { name: /^cover\.jpg/ }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(screen.getByRole('grid')).toHaveFocus()
  })

  it('warns that archived objects must be restored before a link works', async () => {
    const { user } = setup(
      {
        listObjects: async () => ok(listing),
        headObject: async () => ok({ ...head, storageClass: 'DEEP_ARCHIVE' })
      },
      '2024/'
    )
    await user.click(await screen.findByRole('row', { name: /^cover\.jpg/ }))
    expect(await screen.findByText(/only downloads it after it has been restored/)).toBeVisible()
  })
})
