import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobState, LinkPage, Preferences } from '../../../../shared/models'
import {
  installFakeApi,
  makeLink,
  mockLayout,
  ok,
  page,
  renderWithClient,
  type FakeHandlers
} from '../../lib/test-utils'
import type { BulkShareTarget } from '../objects/share-target'
import { BulkShareDialog } from './BulkShareDialog'

const folder: BulkShareTarget = {
  profileId: 'dev',
  bucket: 'acme',
  objects: [],
  folders: ['2024/photos/']
}

function job(overrides: Partial<JobState> = {}): JobState {
  return {
    id: 'job-1',
    kind: 'bulk-links',
    state: 'running',
    phase: 'signing',
    done: 0,
    total: 2_000,
    failed: 0,
    ratePerSecond: 0,
    errors: [],
    batchId: 'batch-1',
    error: null,
    startedAt: '2025-11-28T14:00:00.000Z',
    finishedAt: null,
    ...overrides
  }
}

function ended(overrides: Partial<JobState>): JobState {
  return job({
    state: 'done',
    phase: 'finished',
    finishedAt: '2025-11-28T14:00:01.000Z',
    ...overrides
  })
}

/** A page of the batch's links, as main's `links:query` answers. */
function linksPage(keys: string[], total = keys.length): LinkPage {
  return {
    rows: keys.map((key) => ({
      kind: 'link' as const,
      link: makeLink({ key, bucket: 'acme', batchId: 'batch-1', id: `link-${key}` })
    })),
    total,
    counts: { all: total, active: total, expiring: 0, expired: 0, revoked: 0 },
    version: 1,
    now: Date.now()
  }
}

let preferences: Preferences

function setup(target: BulkShareTarget, handlers: FakeHandlers = {}) {
  const onClose = vi.fn()
  const fake = installFakeApi({
    getCredentialsStatus: async () =>
      ok({ profileId: 'dev', temporary: false, expiresAt: null, state: 'static', detail: null }),
    getPreferences: async () => ok(preferences),
    setPreferences: async (patch) => ok((preferences = { ...preferences, ...patch })),
    countObjects: async () => ok({ objects: 1_234, bytes: 5_600_000_000, truncated: false }),
    startBulkShare: async () => ok(job()),
    getJob: async () => ok(job()),
    cancelJob: async () => ok(ended({ state: 'cancelled', done: 800 })),
    queryLinks: async () => ok(linksPage(['2024/photos/a.jpg', '2024/photos/b, "c".jpg'])),
    copyBatch: async () => ok(2),
    exportLinks: async ({ format }) => ok({ path: `/home/me/links.${format}`, count: 2 }),
    writeClipboardText: async () => ok(undefined),
    ...handlers
  })
  const view = renderWithClient(<BulkShareDialog target={target} onClose={onClose} />)
  return { ...fake, ...view, onClose }
}

function createButton() {
  return screen.getByRole('button', { name: /^Create/ })
}

async function startFolderShare(handlers: FakeHandlers = {}) {
  const context = setup(folder, handlers)
  const { user } = context
  await user.click(await screen.findByRole('checkbox', { name: /Yes, create 1,234 links/ }))
  await user.click(createButton())
  return context
}

beforeAll(() => {
  // jsdom has no modal dialogs: opening one only needs to make it open here.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

let restoreLayout: () => void
beforeEach(() => {
  preferences = {
    selectedProfileId: null,
    lastLocation: null,
    defaultExpiresInSeconds: 3_600,
    testNewLinks: true,
    notifyWatchedLinks: true,
    seenSessionWarnings: []
  }
  restoreLayout = mockLayout({ height: 600 })
})
afterEach(() => restoreLayout())

describe('sharing a folder', () => {
  it('counts the objects under the folder first, and asks to confirm more than 1,000', async () => {
    const { user, api } = setup(folder)
    expect(await screen.findByRole('heading', { name: 'Share photos/' })).toBeInTheDocument()
    await waitFor(() =>
      expect(screen.getByTestId('bulk-folder')).toHaveTextContent(
        '1,234 objects (5.6 GB) in photos/ and its sub-folders'
      )
    )
    expect(api.countObjects).toHaveBeenCalledWith(
      expect.objectContaining({ profileId: 'dev', bucket: 'acme', prefix: '2024/photos/' })
    )

    expect(createButton()).toHaveAccessibleName('Create 1,234 links')
    expect(createButton()).toBeDisabled()
    await user.click(screen.getByRole('checkbox', { name: /Yes, create 1,234 links/ }))
    expect(createButton()).toBeEnabled()

    await user.click(createButton())
    expect(api.startBulkShare).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme',
      selection: { kind: 'prefix', prefix: '2024/photos/' },
      expiresInSeconds: 3_600,
      downloadNameRule: 'object-name'
    })
  })

  it('creates up to 1,000 links without asking twice', async () => {
    const { user, api } = setup(folder, {
      countObjects: async () => ok({ objects: 1_000, bytes: 10, truncated: false })
    })
    await screen.findByText(/1,000 objects/)
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
    await user.type(screen.getByRole('textbox', { name: /Label/ }), 'press kit')
    await user.click(screen.getByRole('radio', { name: "The browser's default" }))
    await user.click(createButton())
    expect(api.startBulkShare).toHaveBeenCalledWith(
      expect.objectContaining({ label: 'press kit', downloadNameRule: 'none' })
    )
  })

  it('refuses a folder with more objects than one share takes', async () => {
    setup(folder, {
      countObjects: async () => ok({ objects: 100_000, bytes: 10, truncated: true })
    })
    expect(await screen.findByRole('alert')).toHaveTextContent('at most 100,000 objects')
    expect(createButton()).toBeDisabled()
  })
})

describe('a share in progress', () => {
  it('shows how many links are made of how many, how fast, with a progress bar', async () => {
    const { emit } = await startFolderShare()
    emit('onJobChanged', job({ done: 500, ratePerSecond: 5_310.4 }))
    expect(await screen.findByText('Creating links… 500 of 2,000')).toBeInTheDocument()
    expect(screen.getByText('5,310 per second')).toBeInTheDocument()
    const bar = screen.getByRole('progressbar', { name: 'Links created' })
    expect(bar).toHaveAttribute('value', '500')
    expect(bar).toHaveAttribute('max', '2000')
    expect(bar).toHaveAttribute('aria-valuetext', '500 of 2,000')
  })

  it('catches up with the job when its events came before the dialog knew it', async () => {
    await startFolderShare({ getJob: async () => ok(job({ done: 1_500 })) })
    expect(await screen.findByText('Creating links… 1,500 of 2,000')).toBeInTheDocument()
  })

  it('ignores events of other jobs and stale events of its own', async () => {
    const { emit } = await startFolderShare()
    emit('onJobChanged', job({ done: 900 }))
    emit('onJobChanged', job({ id: 'job-2', done: 1_999 }))
    emit('onJobChanged', job({ done: 100 }))
    expect(await screen.findByText('Creating links… 900 of 2,000')).toBeInTheDocument()
  })

  it('cancels, keeping the links already made', async () => {
    const { user, api } = await startFolderShare()
    await user.click(await screen.findByRole('button', { name: 'Cancel' }))
    expect(api.cancelJob).toHaveBeenCalledWith({ jobId: 'job-1' })
    const result = await screen.findByRole('region', { name: 'Result' })
    expect(within(result).getByText(/800 links made/)).toBeInTheDocument()
    expect(within(result).getByText('1,200 cancelled')).toBeInTheDocument()
    expect(within(result).getByRole('table', { name: 'Links made' })).toBeInTheDocument()
  })
})

describe('the result', () => {
  async function finished(overrides: Partial<JobState> = {}, handlers: FakeHandlers = {}) {
    const context = await startFolderShare(handlers)
    context.emit('onJobChanged', ended({ done: 2, total: 2, ...overrides }))
    await screen.findByRole('region', { name: 'Result' })
    return context
  }

  it("lists each object with its URL and real expiry, read from the batch's links", async () => {
    const { api } = await finished()
    const table = await screen.findByRole('table', { name: 'Links made' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      '2024/photos/a.jpg',
      '2024/photos/b, "c".jpg'
    ])
    expect(within(rows[0] as HTMLElement).getAllByRole('cell')[1]).toHaveTextContent(
      /^https:\/\/acme\.s3/
    )
    expect(api.queryLinks).toHaveBeenCalledWith({
      batchId: 'batch-1',
      sort: { field: 'name', direction: 'asc' },
      offset: 0,
      limit: expect.any(Number)
    })
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument()
  })

  it('copies every URL at once', async () => {
    const { user, api } = await finished()
    await user.click(screen.getByRole('button', { name: 'Copy all' }))
    expect(api.copyBatch).toHaveBeenCalledWith({ batchId: 'batch-1' })
    expect(
      await screen.findByText('Copied 2 links to the clipboard, one per line.')
    ).toBeInTheDocument()
  })

  it('exports as CSV, JSON or text through main, and says where the file went', async () => {
    const { user, api } = await finished()
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    expect(api.exportLinks).toHaveBeenCalledWith({ format: 'csv', batchId: 'batch-1' })
    expect(await screen.findByText('Saved 2 links to /home/me/links.csv')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Export JSON' }))
    expect(await screen.findByText('Saved 2 links to /home/me/links.json')).toBeInTheDocument()

    // The save dialog cancelled: nothing was written, nothing to say.
    api.exportLinks.mockImplementation(async () => ok(null))
    await user.click(screen.getByRole('button', { name: 'Export Text' }))
    expect(api.exportLinks).toHaveBeenLastCalledWith({ format: 'text', batchId: 'batch-1' })
    expect(screen.getByText('Saved 2 links to /home/me/links.json')).toBeInTheDocument()
  })

  it('lists the objects that could not be shared, with the counts', async () => {
    await finished({
      done: 4,
      total: 4,
      failed: 2,
      errors: [
        { key: '2024/photos/gone.jpg', code: 'not-found', message: 'No such key.' },
        { key: '2024/photos/locked.jpg', code: 'access-denied', message: 'Access denied.' }
      ]
    })
    expect(screen.getByText(/2 links made/)).toBeInTheDocument()
    expect(screen.getByText('2 failed')).toBeInTheDocument()
    const errors = screen.getByText('2 objects could not be shared').closest('details')
    expect(errors).toHaveTextContent('2024/photos/gone.jpg: No such key.')
    expect(errors).toHaveTextContent('2024/photos/locked.jpg: Access denied.')
  })

  it('shows a batch of 5,000 links a page at a time, with only the rows in view rendered', async () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `big/${String(i).padStart(5, '0')}`)
    await finished(
      { done: 5_000, total: 5_000 },
      {
        queryLinks: async ({ offset, limit }) =>
          ok(linksPage(keys.slice(offset, offset + limit), keys.length))
      }
    )
    const table = await screen.findByRole('table', { name: 'Links made' })
    await within(table).findByText('big/00000')
    expect(table).toHaveAttribute('aria-rowcount', '5001')
    expect(within(table).getAllByRole('row').length).toBeLessThan(40)
  })
})

describe('a mixed selection', () => {
  it('lists the folders of a selection with objects, then shares the keys', async () => {
    const target: BulkShareTarget = {
      profileId: 'dev',
      bucket: 'acme',
      objects: [{ key: 'top.txt', size: 10 }],
      folders: ['docs/']
    }
    const { user, api } = setup(target, {
      countObjects: async () => ok({ objects: 2, bytes: 20, truncated: false }),
      listObjects: async ({ prefix }) =>
        ok(
          prefix === 'docs/'
            ? page('docs/', ['old'], [['a.md', 1]], null, 'acme')
            : page('docs/old/', [], [['b.md', 1]], null, 'acme')
        )
    })
    expect(
      await screen.findByRole('heading', { name: 'Share 1 object and 1 folder' })
    ).toBeInTheDocument()
    expect(await screen.findByText('3 objects (30 B) in all')).toBeInTheDocument()
    await user.click(createButton())
    await waitFor(() =>
      expect(api.startBulkShare).toHaveBeenCalledWith(
        expect.objectContaining({
          selection: { kind: 'keys', keys: ['top.txt', 'docs/a.md', 'docs/old/b.md'] }
        })
      )
    )
  })
})

describe('the lifetime', () => {
  it('starts at the remembered lifetime and remembers the one chosen', async () => {
    preferences.defaultExpiresInSeconds = 86_400
    const { user, api } = setup(folder, {
      countObjects: async () => ok({ objects: 3, bytes: 30, truncated: false })
    })
    await screen.findByText(/3 objects/)
    expect(screen.getByRole('button', { name: '1 day' })).toHaveAttribute('aria-pressed', 'true')
    await user.click(screen.getByRole('button', { name: '7 days' }))
    await user.click(createButton())
    expect(api.setPreferences).toHaveBeenCalledWith({ defaultExpiresInSeconds: 604_800 })
    expect(api.startBulkShare).toHaveBeenCalledWith(
      expect.objectContaining({ expiresInSeconds: 604_800 })
    )
  })
})
