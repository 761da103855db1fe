import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UNDO_WINDOW_MS } from '../../../../shared/ipc-contract'
import { HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import { advance, makeLink, settle } from '../../lib/test-utils'
import {
  batchLinks,
  dataRows,
  makeBatch,
  names,
  NOW,
  renderPanel,
  settleAfterTick,
  setUpLinksPanelTests
} from './links-test-kit'

setUpLinksPanelTests()

const tab = (label: string) => screen.getByRole('radio', { name: new RegExp(`^${label}`) })
const undoButton = () =>
  within(screen.getByRole('group', { name: 'Undo' })).getByRole('button', { name: 'Undo' })

function threeLinks() {
  return [
    makeLink({ key: 'dead-1.txt', expiresAtMs: NOW - HOUR }),
    makeLink({ key: 'dead-2.txt', expiresAtMs: NOW - MINUTE }),
    makeLink({ key: 'alive.txt', createdAtMs: NOW - MINUTE, expiresAtMs: NOW + HOUR })
  ]
}

describe('LinksPanel undo', () => {
  it('forgets a link, lowers every count by one, and brings it back with Undo', async () => {
    const { fake } = await renderPanel(threeLinks())
    expect(tab('All')).toHaveAccessibleName('All 3')
    expect(screen.getByRole('heading', { name: /^Links/ })).toHaveTextContent('3')

    const forget = screen.getByRole('button', { name: 'Forget link to alive.txt' })
    forget.focus()
    fireEvent.click(forget)
    await settle()
    expect(names()).not.toContain('alive.txt')
    expect(tab('All')).toHaveAccessibleName('All 2')
    expect(tab('Active')).toHaveAccessibleName('Active 0')
    expect(tab('Expired')).toHaveAccessibleName('Expired 2')
    expect(screen.getByRole('heading', { name: /^Links/ })).toHaveTextContent('2')
    expect(screen.getByRole('status')).toHaveTextContent(
      'Forgot the link to alive.txt. Undo is available for 10 seconds.'
    )
    // The focused button went with its row: the focus goes to Undo, not to the page's start.
    await advance(100)
    expect(undoButton()).toHaveFocus()

    fireEvent.click(undoButton())
    await settle()
    expect(fake.api.undoRemoval).toHaveBeenCalledWith({ undoToken: 'undo-1' })
    expect(names()).toContain('alive.txt')
    expect(tab('All')).toHaveAccessibleName('All 3')
    expect(tab('Active')).toHaveAccessibleName('Active 1')
    expect(screen.getByRole('status')).toHaveTextContent('Brought back 1 link.')
    expect(screen.queryByRole('group', { name: 'Undo' })).not.toBeInTheDocument()
  })

  it('moves the counts when a link off screen expires, not at the next forget', async () => {
    // 40 links: the list shows about 20; the one expiring in 5 s is row 31, out of view.
    const links = Array.from({ length: 40 }, (_, index) =>
      makeLink({
        key: `file-${String(index).padStart(2, '0')}.txt`,
        createdAtMs: NOW - (index + 1) * MINUTE,
        expiresAtMs: index === 30 ? NOW + 5_000 : NOW + 2 * HOUR
      })
    )
    await renderPanel(links)
    expect(screen.queryByText('file-30.txt')).not.toBeInTheDocument()
    expect(tab('Expired')).toHaveAccessibleName('Expired 0')
    await advance(5_000)
    await settleAfterTick()
    expect(tab('Expired')).toHaveAccessibleName('Expired 1')

    fireEvent.click(screen.getByRole('button', { name: 'Forget link to file-00.txt' }))
    await settle()
    expect(tab('All')).toHaveAccessibleName('All 39')
    expect(tab('Expired')).toHaveAccessibleName('Expired 1')
  })

  it('takes the Undo toast away after the undo window', async () => {
    await renderPanel(threeLinks())
    fireEvent.click(screen.getByRole('button', { name: 'Forget link to alive.txt' }))
    await settle()
    expect(undoButton()).toBeInTheDocument()
    await advance(UNDO_WINDOW_MS - 100)
    expect(undoButton()).toBeInTheDocument()
    await advance(100)
    expect(screen.queryByRole('group', { name: 'Undo' })).not.toBeInTheDocument()
  })

  it('says how many expired links it will clear, asks first, and can undo the clear', async () => {
    const { fake } = await renderPanel(threeLinks())
    fireEvent.click(screen.getByRole('button', { name: 'Clear expired (2)' }))
    const dialog = screen.getByRole('dialog', { name: 'Clear 2 expired links?' })
    expect(dialog).toHaveTextContent('2 links have expired and no longer work')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await settle()
    expect(fake.api.clearExpiredLinks).not.toHaveBeenCalled()
    expect(dataRows()).toHaveLength(3)

    fireEvent.click(screen.getByRole('button', { name: 'Clear expired (2)' }))
    fireEvent.click(screen.getByRole('button', { name: 'Clear 2 expired links' }))
    await settle()
    expect(fake.api.clearExpiredLinks).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(names()).toEqual(['alive.txt'])
    expect(screen.getByRole('status')).toHaveTextContent('Cleared 2 expired links.')
    expect(screen.getByRole('button', { name: 'Clear expired (0)' })).toBeDisabled()

    fireEvent.click(undoButton())
    await settle()
    expect(dataRows()).toHaveLength(3)
    expect(screen.getByRole('button', { name: 'Clear expired (2)' })).toBeEnabled()
  })

  it('undoes forgetting a whole batch', async () => {
    const batch = makeBatch({ id: 'batch-1', linkCount: 3 })
    await renderPanel(batchLinks(batch, 3), { batches: [batch] })
    fireEvent.click(screen.getByRole('button', { name: '3 links from photos/2024/' }))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Forget all' }))
    fireEvent.click(screen.getByRole('button', { name: 'Forget 3 links' }))
    await settle()
    expect(dataRows()).toHaveLength(0)
    expect(screen.getByRole('status')).toHaveTextContent('Forgot 3 links.')
    fireEvent.click(undoButton())
    await settle()
    expect(dataRows()).toHaveLength(1)
    expect(tab('All')).toHaveAccessibleName('All 3')
  })
})
