import { act, fireEvent, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi, mockLayout, ok, page, renderWithClient } from '../../lib/test-utils'
import { ObjectBrowser } from './ObjectBrowser'
import type { BulkShareTarget, ShareTarget } from './share-target'

const listing = page(
  '2024/',
  ['march', 'april'],
  [
    ['a.jpg', 100],
    ['b.jpg', 200],
    ['c.jpg', 300],
    ['d.jpg', 400],
    ['e.jpg', 500]
  ]
)

function Harness(props: {
  onShare: (target: ShareTarget) => void
  onShareMany: (target: BulkShareTarget) => void
}) {
  const [prefix, setPrefix] = useState('2024/')
  return (
    <ObjectBrowser
      profileId="dev"
      bucket="photos"
      prefix={prefix}
      onNavigate={setPrefix}
      {...props}
    />
  )
}

async function setup() {
  installFakeApi({
    listObjects: async ({ prefix }) => ok(prefix === '2024/' ? listing : page(prefix, [], [])),
    writeClipboardText: async () => ok(undefined)
  })
  const onShare = vi.fn<(target: ShareTarget) => void>()
  const onShareMany = vi.fn<(target: BulkShareTarget) => void>()
  const view = renderWithClient(<Harness onShare={onShare} onShareMany={onShareMany} />)
  await screen.findByRole('row', { name: /^a\.jpg/ })
  return { ...view, onShare, onShareMany }
}

function row(name: string): HTMLElement {
  return screen.getByRole('row', { name: new RegExp(`^${name.replace('.', '\\.')}`) })
}

/** The names of the selected rows, top to bottom. */
function selectedNames(): string[] {
  return within(screen.getByRole('grid'))
    .getAllByRole('row')
    .filter((element) => element.getAttribute('aria-selected') === 'true')
    .map((element) => element.querySelector('.name-text')?.textContent ?? '')
}

function selectionBar(): HTMLElement {
  return screen.getByRole('group', { name: 'Selection' })
}

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout({ height: 560 })
})
afterEach(() => restoreLayout())

describe('selecting several rows with the mouse', () => {
  it('selects a range with Shift-click and adds single rows with Ctrl-click', async () => {
    const { user } = await setup()
    await user.click(row('b.jpg'))
    expect(screen.queryByRole('group', { name: 'Selection' })).not.toBeInTheDocument()

    await user.keyboard('{Shift>}')
    await user.click(row('d.jpg'))
    await user.keyboard('{/Shift}')
    expect(selectedNames()).toEqual(['b.jpg', 'c.jpg', 'd.jpg'])
    expect(selectionBar()).toHaveTextContent('3 selected')

    await user.keyboard('{Control>}')
    await user.click(row('march'))
    await user.click(row('c.jpg'))
    await user.keyboard('{/Control}')
    expect(selectedNames()).toEqual(['march', 'b.jpg', 'd.jpg'])
    expect(within(selectionBar()).getByRole('button', { name: 'Share 3…' })).toBeInTheDocument()
  })

  it('toggles rows with Cmd-click, as on macOS', async () => {
    const { user } = await setup()
    await user.click(row('a.jpg'))
    await user.keyboard('{Meta>}')
    await user.click(row('e.jpg'))
    await user.keyboard('{/Meta}')
    expect(selectedNames()).toEqual(['a.jpg', 'e.jpg'])
  })

  it('shares the selected objects and folders in one go from the selection bar', async () => {
    const { user, onShareMany } = await setup()
    await user.click(row('april'))
    await user.keyboard('{Control>}')
    await user.click(row('a.jpg'))
    await user.click(row('c.jpg'))
    await user.keyboard('{/Control}')

    await user.click(within(selectionBar()).getByRole('button', { name: 'Share 3…' }))
    expect(onShareMany).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      objects: [
        { key: '2024/a.jpg', size: 100 },
        { key: '2024/c.jpg', size: 300 }
      ],
      folders: ['2024/april/']
    })
  })

  it('sums up the selection in the details panel, and shares it from there', async () => {
    const { user, onShareMany } = await setup()
    await user.click(row('march'))
    await user.keyboard('{Shift>}')
    await user.click(row('b.jpg'))
    await user.keyboard('{/Shift}')
    const details = screen.getByRole('complementary', { name: '3 selected' })
    expect(within(details).getByText('Objects').nextElementSibling).toHaveTextContent('2 (300 B)')
    expect(within(details).getByText('Folders').nextElementSibling).toHaveTextContent(
      '1 folder with everything under them'
    )
    await user.click(within(details).getByRole('button', { name: 'Share 3…' }))
    expect(onShareMany).toHaveBeenCalledWith(
      expect.objectContaining({ folders: ['2024/march/'], objects: expect.any(Array) })
    )
  })

  it('clears the selection from the bar, leaving the keyboard on the table', async () => {
    const { user } = await setup()
    await user.click(row('a.jpg'))
    await user.keyboard('{Shift>}')
    await user.click(row('b.jpg'))
    await user.keyboard('{/Shift}')
    await user.click(within(selectionBar()).getByRole('button', { name: 'Clear' }))
    expect(selectedNames()).toEqual([])
    expect(screen.getByRole('grid')).toHaveFocus()
  })

  it('offers the whole selection in the right-click menu of a selected row', async () => {
    const { user, onShareMany } = await setup()
    await user.click(row('a.jpg'))
    await user.keyboard('{Shift>}')
    await user.click(row('c.jpg'))
    await user.keyboard('{/Shift}')

    fireEvent.contextMenu(row('b.jpg'))
    const menu = screen.getByRole('menu', { name: '3 selected' })
    await user.click(within(menu).getByRole('menuitem', { name: 'Share 3 selected…' }))
    expect(onShareMany).toHaveBeenCalledWith(
      expect.objectContaining({
        objects: expect.arrayContaining([{ key: '2024/b.jpg', size: 200 }])
      })
    )
    expect(onShareMany.mock.calls[0]?.[0].objects).toHaveLength(3)
  })

  it('still shares a single object from its own row while several are selected', async () => {
    const { user, onShare } = await setup()
    await user.click(row('a.jpg'))
    await user.keyboard('{Shift>}')
    await user.click(row('c.jpg'))
    await user.keyboard('{/Shift}')
    await user.click(screen.getByRole('button', { name: 'Share e.jpg' }))
    expect(onShare).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: '2024/e.jpg',
      size: 500
    })
    expect(selectedNames()).toEqual(['e.jpg'])
  })
})

describe('selecting several rows with the keyboard', () => {
  it('extends with Shift+arrows, selects all with Ctrl+A and clears with Escape', async () => {
    const { user } = await setup()
    act(() => screen.getByRole('grid').focus())
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}')
    expect(selectedNames()).toEqual(['a.jpg'])

    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}')
    expect(selectedNames()).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}')
    expect(selectedNames()).toEqual(['a.jpg', 'b.jpg'])

    await user.keyboard('{Control>}a{/Control}')
    expect(selectedNames()).toHaveLength(7)
    expect(selectionBar()).toHaveTextContent('7 selected')

    await user.keyboard('{Escape}')
    expect(selectedNames()).toEqual([])
    expect(screen.queryByRole('group', { name: 'Selection' })).not.toBeInTheDocument()

    // The keyboard stays where it was: a plain arrow goes on from there.
    await user.keyboard('{ArrowDown}')
    expect(selectedNames()).toEqual(['c.jpg'])
  })

  it('picks rows apart with Ctrl+arrows and Space', async () => {
    const { user } = await setup()
    act(() => screen.getByRole('grid').focus())
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}')
    await user.keyboard('{Control>}{ArrowDown}{ArrowDown}{/Control}')
    expect(selectedNames()).toEqual(['a.jpg'])
    await user.keyboard(' ')
    expect(selectedNames()).toEqual(['a.jpg', 'c.jpg'])
  })

  it('keeps Enter and Backspace: open the row under the keyboard, go back up', async () => {
    const { user } = await setup()
    act(() => screen.getByRole('grid').focus())
    await user.keyboard('{ArrowDown}{Shift>}{ArrowDown}{/Shift}')
    expect(selectedNames()).toEqual(['april', 'march'])
    await user.keyboard('{Enter}')
    expect(
      await screen.findByRole('grid', { name: 'Contents of photos/2024/march/' })
    ).toBeInTheDocument()
    await user.keyboard('{Backspace}')
    await screen.findByRole('row', { name: /^a\.jpg/ })
    expect(selectedNames()).toEqual(['march'])
  })
})

describe('sharing a whole folder', () => {
  it('shares a folder from its row, its menu, and the folder shown from the toolbar', async () => {
    const { user, onShareMany } = await setup()
    const folder = { profileId: 'dev', bucket: 'photos', objects: [] }

    await user.click(screen.getByRole('button', { name: 'Share folder march…' }))
    expect(onShareMany).toHaveBeenLastCalledWith({ ...folder, folders: ['2024/march/'] })

    fireEvent.contextMenu(row('april'))
    await user.click(screen.getByRole('menuitem', { name: 'Share folder…' }))
    expect(onShareMany).toHaveBeenLastCalledWith({ ...folder, folders: ['2024/april/'] })

    await user.click(screen.getByRole('button', { name: 'Share folder…' }))
    expect(onShareMany).toHaveBeenLastCalledWith({ ...folder, folders: ['2024/'] })
  })
})
