import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HOUR_MS as HOUR } from '../../../../shared/time-units'
import { makeLink, settle } from '../../lib/test-utils'
import {
  batchLinks,
  dataRows,
  giveListsAHeight,
  makeBatch,
  NOW,
  pageQueries,
  renderPanel
} from './links-test-kit'

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
  giveListsAHeight()
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const batch = makeBatch({ id: 'batch-1', linkCount: 2_000 })

async function renderBatch() {
  const single = makeLink({ key: 'alone.txt', createdAtMs: NOW - HOUR })
  const view = await renderPanel([single, ...batchLinks(batch, 2_000)], { batches: [batch] })
  return view
}

function toggle() {
  return screen.getByRole('button', { name: '2,000 links from photos/2024/' })
}

function batchTable() {
  return screen.getByRole('table', { name: 'Links of 2,000 links from photos/2024/' })
}

describe('a batch in the Links view', () => {
  it('shows as one row with its source, bucket, count and real expiry', async () => {
    const { fake } = await renderBatch()
    expect(dataRows()).toHaveLength(2)
    expect(pageQueries(fake)[0]).toMatchObject({ groupBatches: true })
    const row = toggle().closest('[role=row]') as HTMLElement
    expect(row).toHaveTextContent('photos')
    expect(row).toHaveTextContent('2,000')
    expect(row).toHaveTextContent('expires in 23 h 59 min')
    expect(toggle()).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByRole('radio', { name: /^All/ })).toHaveAccessibleName('All 2,001')
  })

  it('expands to its own links, paged from main, in a short list', async () => {
    const { fake } = await renderBatch()
    fireEvent.click(toggle())
    await settle()
    expect(toggle()).toHaveAttribute('aria-expanded', 'true')
    const nested = within(batchTable()).getAllByRole('row')
    expect(nested.length).toBeGreaterThan(5)
    expect(nested.length).toBeLessThan(20)
    expect(nested[0]).toHaveTextContent('img-0000.jpg')
    expect(pageQueries(fake).at(-1)).toMatchObject({
      batchId: 'batch-1',
      sort: { field: 'name', direction: 'asc' },
      offset: 0,
      limit: 100
    })
    expect(pageQueries(fake).at(-1)).not.toHaveProperty('groupBatches')
    // The batch opens to six rows under its bar, and the row below it moves down to make room.
    const [batchRow, below] = dataRows()
    expect(batchRow).toHaveStyle({ height: '348px' })
    expect(below).toHaveTextContent('alone.txt')
    expect(below).toHaveStyle({ transform: 'translateY(348px)' })

    fireEvent.click(toggle())
    expect(screen.queryByRole('table', { name: /^Links of/ })).not.toBeInTheDocument()
  })

  it('copies every URL of the batch through main', async () => {
    const { fake } = await renderBatch()
    fireEvent.click(toggle())
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Copy all' }))
    await settle()
    expect(fake.api.copyBatch).toHaveBeenCalledWith({ batchId: 'batch-1' })
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Copied 2,000 links to the clipboard.')
  })

  it('exports the batch as CSV, JSON or text through main’s save dialog', async () => {
    const { fake } = await renderBatch()
    fireEvent.click(toggle())
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Export as CSV' }))
    await settle()
    expect(fake.api.exportLinks).toHaveBeenCalledWith({ format: 'csv', batchId: 'batch-1' })
    expect(screen.getByRole('status')).toHaveTextContent(
      'Saved 2,000 links to /home/me/Downloads/links.csv.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Export as Text' }))
    await settle()
    expect(fake.api.exportLinks).toHaveBeenLastCalledWith({ format: 'text', batchId: 'batch-1' })
  })

  it('says nothing when the save dialog is cancelled', async () => {
    const { fake } = await renderPanel(batchLinks(batch, 3), {
      batches: [batch],
      handlers: { exportLinks: async () => ({ ok: true, value: null }) }
    })
    fireEvent.click(screen.getByRole('button', { name: /links from photos/ }))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Export as JSON' }))
    await settle()
    expect(fake.api.exportLinks).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('status')).toHaveTextContent('')
  })

  it('forgets the whole batch only after a confirmation naming the count', async () => {
    const { fake } = await renderBatch()
    fireEvent.click(toggle())
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Forget all' }))
    const confirm = screen.getByRole('group', { name: 'Confirm forgetting' })
    expect(confirm).toHaveTextContent('Forget all 2,000 links of this batch?')
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }))
    expect(fake.api.forgetBatch).not.toHaveBeenCalled()

    fireEvent.click(screen.getByRole('button', { name: 'Forget all' }))
    expect(screen.getByRole('button', { name: 'Forget 2,000 links' })).toHaveFocus()
    fireEvent.click(screen.getByRole('button', { name: 'Forget 2,000 links' }))
    await settle()
    expect(fake.api.forgetBatch).toHaveBeenCalledWith({ batchId: 'batch-1' })
    expect(dataRows()).toHaveLength(1)
    expect(screen.queryByRole('button', { name: /links from photos/ })).not.toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Forgot 2,000 links.')
  })

  it('shows a labelled, cancelled batch with failures as such', async () => {
    const stopped = makeBatch({
      id: 'batch-2',
      label: 'for the auditors',
      state: 'cancelled',
      failedCount: 12
    })
    await renderPanel(batchLinks(stopped, 40), { batches: [stopped] })
    const button = screen.getByRole('button', { name: 'for the auditors' })
    const row = button.closest('[role=row]') as HTMLElement
    expect(row).toHaveTextContent('Cancelled')
    expect(row).toHaveTextContent('40 links from photos/2024/')
    expect(row).toHaveTextContent('12 failed')
  })

  it('says how many of its links match a search', async () => {
    const { fake } = await renderBatch()
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search links' }), {
      target: { value: 'img-000' }
    })
    await vi.advanceTimersByTimeAsync(200)
    await settle()
    expect(pageQueries(fake).at(-1)).toMatchObject({ text: 'img-000', groupBatches: true })
    expect(dataRows()).toHaveLength(1)
    expect(dataRows()[0]).toHaveTextContent('10 match')
    fireEvent.click(toggle())
    await settle()
    expect(pageQueries(fake).at(-1)).toMatchObject({ text: 'img-000', batchId: 'batch-1' })
    expect(within(batchTable()).getAllByRole('row')).toHaveLength(10)
  })
})
