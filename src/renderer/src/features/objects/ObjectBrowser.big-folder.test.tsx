import { act, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../../shared/errors'
import type { ObjectPage } from '../../../../shared/models'
import {
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

function Harness() {
  const [prefix, setPrefix] = useState('camera/')
  return (
    <ObjectBrowser
      profileId="dev"
      bucket="photos"
      prefix={prefix}
      onNavigate={setPrefix}
      onShare={() => {}}
      onShareMany={() => {}}
    />
  )
}

function setup(handlers: FakeHandlers) {
  const fake = installFakeApi(handlers)
  return { ...fake, ...renderWithClient(<Harness />) }
}

function images(from: number, count: number): [string, number][] {
  return Array.from({ length: count }, (_, i) => [
    `IMG_${String(from + i).padStart(4, '0')}.jpg`,
    1
  ])
}

const FOLDERS = Array.from({ length: 200 }, (_, i) => `sub-${String(i).padStart(3, '0')}`)

/**
 * A folder like a camera dump: 3,000 images on pages of 1,000, then its 200 sub-folders, which
 * S3 lists after the images (their names sort later) and so arrive with the last page.
 */
const PAGES: Record<string, ObjectPage> = {
  first: page('camera/', [], images(0, 1000), 'p2'),
  p2: page('camera/', [], images(1000, 1000), 'p3'),
  p3: page('camera/', [], images(2000, 1000), 'p4'),
  p4: page('camera/', FOLDERS, [])
}

/** Answers the folder's pages; other prefixes (searches) go to `search`. */
function folderPages(
  search: (prefix: string, token: string | null) => Promise<IpcResult<ObjectPage>> = async () =>
    ok(page('camera/', [], []))
): FakeHandlers['listObjects'] {
  return async ({ prefix, token }) =>
    prefix === 'camera/' ? ok(PAGES[token ?? 'first']!) : search(prefix, token ?? null)
}

/** A promise to answer later, to hold a page in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

function statusLine(): HTMLElement {
  const footer = document.querySelector<HTMLElement>('.statusbar')
  if (!footer) throw new Error('no status line')
  return footer
}

function scroller(): HTMLElement {
  const element = document.querySelector<HTMLElement>('.grid-scroll')
  if (!element) throw new Error('no scroll container')
  return element
}

function rowNames(): string[] {
  return within(screen.getByRole('grid'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('.name-text')?.textContent ?? '')
}

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout({ height: 560 })
})
afterEach(() => restoreLayout())

describe('searching a big folder', () => {
  it('searches the whole folder on the server by name prefix, and says so', async () => {
    const asked: string[] = []
    const { user } = setup({
      listObjects: folderPages(async (prefix) => {
        asked.push(prefix)
        return ok(page('camera/', [], images(2990, 5)))
      })
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')

    await user.type(screen.getByRole('searchbox', { name: 'Search this folder' }), 'IMG_299')
    expect(statusLine()).toHaveTextContent('Searching names that start with “IMG_299”…')
    expect(
      screen.getByText(/Searching the whole folder for names that start with/)
    ).toHaveTextContent('capitals exactly')

    // An image from the third page, which is not loaded.
    expect(await screen.findByRole('row', { name: /^IMG_2992\.jpg/ })).toBeInTheDocument()
    expect(statusLine()).toHaveTextContent('5 names start with “IMG_299” · 1,000 loaded')
    // Typing is debounced: one request for the whole word, not one per key.
    expect(asked).toEqual(['camera/IMG_299'])
  })

  it('drops the answer of a search the user has typed past', async () => {
    const slow = deferred<IpcResult<ObjectPage>>()
    const { user } = setup({
      listObjects: folderPages((prefix) =>
        prefix === 'camera/IMG_2'
          ? slow.promise
          : Promise.resolve(ok(page('camera/', [], images(2500, 1))))
      )
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    const box = screen.getByRole('searchbox', { name: 'Search this folder' })
    await user.type(box, 'IMG_2')
    await waitFor(() => expect(window.api.listObjects).toHaveBeenCalledTimes(2))
    await user.type(box, '5')
    expect(await screen.findByRole('row', { name: /^IMG_2500\.jpg/ })).toBeInTheDocument()

    await act(async () => slow.resolve(ok(page('camera/', [], images(2000, 3)))))
    expect(rowNames()).toEqual(['IMG_2500.jpg'])
  })

  it('explains that capitals must match when a search finds nothing', async () => {
    const { user } = setup({ listObjects: folderPages() })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.type(screen.getByRole('searchbox', { name: 'Search this folder' }), 'img_04')
    expect(await screen.findByText('No names start with “img_04”')).toBeInTheDocument()
    expect(screen.getByText(/does not find names that start with “IMG_04”/)).toBeInTheDocument()
  })

  it('pages through a long search on its own as its end comes into view', async () => {
    const { user } = setup({
      listObjects: folderPages(async (_prefix, token) =>
        ok(
          token === 's2'
            ? page('camera/', [], images(1500, 2))
            : page('camera/', [], images(1000, 3), 's2')
        )
      )
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.type(screen.getByRole('searchbox', { name: 'Search this folder' }), 'IMG_1')
    await within(statusLine()).findByText(/5 names start with “IMG_1” · 1,000 loaded/)
    expect(window.api.listObjects).toHaveBeenLastCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      prefix: 'camera/IMG_1',
      token: 's2'
    })
  })
})

describe('loading a whole folder', () => {
  it('loads every page with "Load all", then filters everything in any case', async () => {
    const { user } = setup({ listObjects: folderPages() })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.click(screen.getByRole('button', { name: 'Load all' }))
    await within(statusLine()).findByText('3,200 items')
    expect(screen.queryByRole('button', { name: 'Load all' })).not.toBeInTheDocument()

    await user.type(screen.getByRole('searchbox', { name: 'Search this folder' }), 'img_29')
    await waitFor(() => expect(statusLine()).toHaveTextContent('100 matches · 3,200 items'))
    expect(screen.getByText(/Filtering everything in the folder/)).toBeInTheDocument()
  })

  it('turns a search into a filter of everything once "Load all" from the search note is done', async () => {
    const { user } = setup({ listObjects: folderPages() })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.type(screen.getByRole('searchbox', { name: 'Search this folder' }), 'img_29')
    await user.click(await screen.findByRole('button', { name: /Load all to match any part/ }))
    await waitFor(() => expect(statusLine()).toHaveTextContent('100 matches · 3,200 items'))
    expect(rowNames()[0]).toBe('IMG_2900.jpg')
  })

  it('stops loading on Cancel, keeping what arrived', async () => {
    const third = deferred<IpcResult<ObjectPage>>()
    const { user } = setup({
      listObjects: async ({ token }) =>
        token === 'p3' ? third.promise : ok(PAGES[token ?? 'first']!)
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.click(screen.getByRole('button', { name: 'Load all' }))
    await within(statusLine()).findByText('2,000 loaded, more to come')
    expect(statusLine()).toHaveTextContent('Loading all…')

    await user.click(within(statusLine()).getByRole('button', { name: 'Cancel' }))
    expect(await within(statusLine()).findByRole('button', { name: 'Load all' })).toBeEnabled()
    await act(async () => third.resolve(ok(PAGES.p3!)))
    expect(statusLine()).toHaveTextContent('2,000 loaded, more to come')
  })
})

describe('rows arriving above the ones in view', () => {
  it('keeps the rows in view still when the sub-folders arrive with the last page', async () => {
    const { user } = setup({ listObjects: folderPages() })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    // Reading from IMG_0500.jpg down, half a row scrolled past.
    scrollTo(scroller(), 500 * ROW_HEIGHT + 10)
    expect(await screen.findByRole('row', { name: /^IMG_0500\.jpg/ })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Load all' }))
    await within(statusLine()).findByText('3,200 items')
    // 200 folders went in above: the same image is at the same place in the view.
    expect(scroller().scrollTop).toBe((200 + 500) * ROW_HEIGHT + 10)
    await waitFor(() => expect(rowNames()).toContain('IMG_0500.jpg'))
    expect(rowNames()).not.toContain('sub-000')
  })

  it('shows the new folders when the view is at the very top', async () => {
    const { user } = setup({ listObjects: folderPages() })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    await user.click(screen.getByRole('button', { name: 'Load all' }))
    await within(statusLine()).findByText('3,200 items')
    expect(scroller().scrollTop).toBe(0)
    expect(rowNames()[0]).toBe('sub-000')
  })
})

describe('End and Home in a folder still loading', () => {
  it('goes to the real end with End, loading the pages in between, visibly', async () => {
    const third = deferred<IpcResult<ObjectPage>>()
    const { user } = setup({
      listObjects: async ({ token }) =>
        token === 'p3' ? third.promise : ok(PAGES[token ?? 'first']!)
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    const grid = screen.getByRole('grid')
    act(() => grid.focus())
    await user.keyboard('{End}')
    expect(await within(statusLine()).findByText('Loading up to the end…')).toBeInTheDocument()
    expect(grid).toHaveAttribute('aria-busy', 'true')

    await act(async () => third.resolve(ok(PAGES.p3!)))
    await within(statusLine()).findByText('3,200 items')
    const last = await screen.findByRole('row', { name: /^IMG_2999\.jpg/ })
    expect(last).toHaveAttribute('aria-selected', 'true')
    expect(grid).toHaveAttribute('aria-activedescendant', last.id)

    await user.keyboard('{Home}')
    expect(await screen.findByRole('row', { name: /^sub-000/ })).toHaveAttribute(
      'aria-selected',
      'true'
    )
  })

  it('stays put when the wait for the end is cancelled', async () => {
    const second = deferred<IpcResult<ObjectPage>>()
    const { user } = setup({
      listObjects: async ({ token }) =>
        token === 'p2' ? second.promise : ok(PAGES[token ?? 'first']!)
    })
    await within(statusLine()).findByText('1,000 loaded, more to come')
    const grid = screen.getByRole('grid')
    act(() => grid.focus())
    await user.keyboard('{ArrowDown}{End}')
    await user.click(await within(statusLine()).findByRole('button', { name: 'Cancel' }))
    await act(async () => second.resolve(ok(PAGES.p2!)))
    expect(statusLine()).toHaveTextContent('1,000 loaded, more to come')
    expect(screen.getByRole('row', { name: /^IMG_0000\.jpg/ })).toHaveAttribute(
      'aria-selected',
      'true'
    )
  })
})
