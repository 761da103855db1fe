import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Preferences, ProfilesSnapshot } from '../../shared/models'
import { App } from './App'
import {
  fail,
  installFakeApi,
  makeLink,
  mockLayout,
  ok,
  page,
  profile,
  renderWithClient,
  type FakeHandlers
} from './lib/test-utils'

const snapshot: ProfilesSnapshot = {
  profiles: [profile({ name: 'default' }), profile({ name: 'work' }), profile({ name: 'minio' })],
  // What main picks from AWS_PROFILE=work.
  selectedProfileId: 'work',
  files: []
}

let stored: Preferences

function setup(remembered: Partial<Preferences>, handlers: FakeHandlers = {}) {
  stored = {
    selectedProfileId: null,
    lastLocation: null,
    defaultExpiresInSeconds: 3_600,
    testNewLinks: true,
    notifyWatchedLinks: true,
    seenSessionWarnings: [],
    ...remembered
  }
  const fake = installFakeApi({
    listProfiles: async () => ok(snapshot),
    listBuckets: async () => ok([{ name: 'photos', createdAt: null }]),
    listObjects: async ({ prefix }) =>
      ok(
        prefix === '2024/'
          ? page('2024/', [], [['spring.jpg', 7_000]])
          : page(prefix, ['2024'], [['cover.jpg', 2_400_000]])
      ),
    getCredentialsStatus: async () =>
      ok({ profileId: 'minio', temporary: false, expiresAt: null, state: 'static', detail: null }),
    getPreferences: async () => ok(stored),
    setPreferences: async (patch) => ok((stored = { ...stored, ...patch })),
    createDownloadLink: async ({ key }) => ok(makeLink({ key })),
    writeClipboardText: async () => ok(undefined),
    ...handlers
  })
  return { ...fake, ...renderWithClient(<App />) }
}

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout()
})
afterEach(() => restoreLayout())

describe('what the app remembers across restarts', () => {
  it('starts on the remembered profile, bucket and folder', async () => {
    const { api } = setup({
      selectedProfileId: 'minio',
      lastLocation: { profileId: 'minio', bucket: 'photos', prefix: '2024/' }
    })
    expect(await screen.findByRole('row', { name: /^spring\.jpg/ })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Profile' })).toHaveValue('minio')
    expect(api.listObjects).toHaveBeenCalledWith(
      expect.objectContaining({ profileId: 'minio', bucket: 'photos', prefix: '2024/' })
    )
  })

  it("falls back to AWS_PROFILE's profile when the remembered one is gone", async () => {
    setup({
      selectedProfileId: 'deleted',
      lastLocation: { profileId: 'deleted', bucket: 'photos', prefix: '' }
    })
    expect(await screen.findByRole('combobox', { name: 'Profile' })).toHaveValue('work')
    expect(screen.getByText('Choose a bucket')).toBeInTheDocument()
  })

  it('starts as before when main cannot read the preferences', async () => {
    setup({}, { getPreferences: async () => fail('internal', 'The settings file is unreadable.') })
    expect(await screen.findByRole('combobox', { name: 'Profile' })).toHaveValue('work')
  })

  it('remembers the profile and the folder the user moves to', async () => {
    const { user, api } = setup({})
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Profile' }), 'minio')
    expect(api.setPreferences).toHaveBeenLastCalledWith({ selectedProfileId: 'minio' })
    await user.click(await screen.findByRole('button', { name: /photos/ }))
    await user.dblClick(await screen.findByRole('row', { name: /^2024/ }))
    await screen.findByRole('row', { name: /^spring\.jpg/ })
    expect(stored).toMatchObject({
      selectedProfileId: 'minio',
      lastLocation: { profileId: 'minio', bucket: 'photos', prefix: '2024/' },
      defaultExpiresInSeconds: 3_600
    })
  })

  it('opens the share dialog at the remembered lifetime', async () => {
    const { user } = setup({
      selectedProfileId: 'minio',
      lastLocation: { profileId: 'minio', bucket: 'photos', prefix: '2024/' },
      defaultExpiresInSeconds: 604_800
    })
    await user.click(await screen.findByRole('button', { name: 'Share spring.jpg' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByRole('button', { name: '7 days' })).toHaveAttribute(
      'aria-pressed',
      'true'
    )
    await user.click(within(dialog).getByRole('button', { name: '1 day' }))
    await user.click(within(dialog).getByRole('button', { name: /Create link/ }))
    await waitFor(() => expect(stored.defaultExpiresInSeconds).toBe(86_400))
  })
})
