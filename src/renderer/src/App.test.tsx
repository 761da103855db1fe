import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { App } from './App'
import { installFakeApi, mockLayout, ok, page, profile, renderWithClient } from './lib/test-utils'

function setup() {
  installFakeApi({
    listProfiles: async () =>
      ok({ profiles: [profile({ name: 'dev' })], selectedProfileId: 'dev', files: [] }),
    listBuckets: async () => ok([{ name: 'photos', createdAt: null }]),
    listObjects: async ({ prefix }) => ok(page(prefix, [], [['cover.jpg', 2_400_000]])),
    getCredentialsStatus: async () =>
      ok({ profileId: 'dev', temporary: false, expiresAt: null, state: 'static', detail: null }),
    queryLinks: async () =>
      ok({
        rows: [],
        total: 0,
        counts: { all: 0, active: 0, expiring: 0, expired: 0, revoked: 0 },
        version: 1,
        now: Date.now()
      }),
    getLinkRegistryStatus: async () =>
      ok({
        version: 1,
        total: 0,
        unreadable: 0,
        recoveredFrom: null,
        imported: null,
        buckets: [],
        profileIds: []
      })
  })
  return renderWithClient(<App />)
}

beforeAll(() => {
  // jsdom has no modal dialogs: opening one only needs to make it open here.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout()
})
afterEach(() => restoreLayout())

describe('the app window', () => {
  it('switches between Browse and Links, keeping the open folder', async () => {
    const { user } = setup()
    await user.click(await screen.findByRole('button', { name: /photos/ }))
    await screen.findByRole('row', { name: /^cover\.jpg/ })

    const tabs = screen.getByRole('tablist', { name: 'View' })
    await user.click(within(tabs).getByRole('tab', { name: 'Links' }))
    expect(within(tabs).getByRole('tab', { name: 'Links' })).toHaveAttribute(
      'aria-selected',
      'true'
    )
    expect(screen.getByRole('tabpanel', { name: 'Links' })).toBeVisible()
    expect(screen.queryByRole('grid')).not.toBeInTheDocument()

    await user.keyboard('{ArrowLeft}')
    expect(within(tabs).getByRole('tab', { name: 'Browse' })).toHaveFocus()
    expect(screen.getByRole('row', { name: /^cover\.jpg/ })).toBeVisible()
  })

  it("opens the share dialog for a row's object and gives focus back when it closes", async () => {
    const { user } = setup()
    await user.click(await screen.findByRole('button', { name: /photos/ }))
    const share = await screen.findByRole('button', { name: 'Share cover.jpg' })
    await user.click(share)

    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getAllByText('cover.jpg').length).toBeGreaterThan(0)

    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await waitFor(() => expect(share).toHaveFocus())
  })
})
