import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProfilesSnapshot } from '../../shared/models'
import { BrowseView } from './BrowseView'
import {
  fail,
  installFakeApi,
  mockLayout,
  ok,
  page,
  profile,
  renderWithClient,
  type FakeHandlers
} from './lib/test-utils'

const snapshot: ProfilesSnapshot = {
  profiles: [
    profile({ name: 'default', kind: 'static', region: 'us-east-1' }),
    profile({
      name: 'work',
      kind: 'sso',
      region: 'eu-west-1',
      detail: 'https://acme.awsapps.com/start'
    }),
    profile({
      name: 'minio',
      kind: 'static',
      region: null,
      endpointUrl: 'http://localhost:9000',
      addressingStyle: 'path'
    })
  ],
  // What main picks from AWS_PROFILE=work.
  selectedProfileId: 'work',
  files: [
    { path: '/home/me/.aws/config', role: 'config', exists: true, problems: [] },
    { path: '/home/me/.aws/credentials', role: 'credentials', exists: true, problems: [] }
  ]
}

const listings: Record<string, ReturnType<typeof page>> = {
  '': page('', ['2023', '2024'], [['cover.jpg', 2_400_000]]),
  '2023/': page('2023/', [], [['old.jpg', 1000]]),
  '2024/': page('2024/', ['march'], [['new.jpg', 5000]]),
  '2024/march/': page('2024/march/', [], [['spring.jpg', 7000]])
}

function setup(handlers: FakeHandlers = {}) {
  const fake = installFakeApi({
    listProfiles: async () => ok(snapshot),
    listBuckets: async () => ok([{ name: 'photos', createdAt: '2023-01-05T10:00:00Z' }]),
    listObjects: async ({ prefix }) => ok(listings[prefix] ?? page(prefix, [], [])),
    ...handlers
  })
  const onShare = vi.fn()
  const view = renderWithClient(<BrowseView onShare={onShare} onShareMany={vi.fn()} />)
  return { ...fake, ...view, onShare }
}

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout()
})
afterEach(() => restoreLayout())

describe('profile picker', () => {
  it("starts on AWS_PROFILE's profile and shows each profile's kind and region", async () => {
    setup()
    const picker = await screen.findByRole('combobox', { name: 'Profile' })
    expect(picker).toHaveValue('work')
    const options = within(picker).getAllByRole('option')
    // The name fits the sidebar; the kind, region and endpoint are each option's tooltip.
    expect(options.map((option) => option.textContent)).toEqual(['default', 'work', 'minio'])
    expect(options.map((option) => option.title)).toEqual([
      'default — Static keys · us-east-1',
      'work — SSO · eu-west-1',
      'minio — Static keys · no region · localhost:9000'
    ])
    expect(screen.getByText('SSO')).toBeInTheDocument()
    expect(screen.getByText('eu-west-1')).toBeInTheDocument()
    expect(screen.getByText('https://acme.awsapps.com/start')).toBeInTheDocument()
  })

  it("shows a custom endpoint and lists the chosen profile's buckets", async () => {
    const { user, api } = setup()
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Profile' }), 'minio')
    expect(screen.getByText('localhost:9000')).toBeInTheDocument()
    expect(screen.getByText('path-style')).toBeInTheDocument()
    await waitFor(() => expect(api.listBuckets).toHaveBeenCalledWith({ profileId: 'minio' }))
  })

  it('picks up profiles added to the config files while the app runs', async () => {
    const { emit } = setup()
    const picker = await screen.findByRole('combobox', { name: 'Profile' })
    emit('onProfilesChanged', {
      ...snapshot,
      profiles: [...snapshot.profiles, profile({ name: 'staging', kind: 'assume-role' })]
    })
    const added = await within(picker).findByRole('option', { name: 'staging' })
    expect(added).toHaveAttribute('title', 'staging — Assume role · us-east-1')
    expect(picker).toHaveValue('work')
  })

  it('warns about problems in a config file and names the file', async () => {
    setup({
      listProfiles: async () =>
        ok({
          ...snapshot,
          files: [
            {
              path: '/home/me/.aws/config',
              role: 'config',
              exists: true,
              problems: ['Line 12: `[profile broken` has no closing bracket.']
            }
          ]
        })
    })
    const warning = await screen.findByRole('region', { name: 'AWS config problems' })
    expect(within(warning).getByText('/home/me/.aws/config')).toBeInTheDocument()
    expect(within(warning).getByText(/has no closing bracket/)).toBeInTheDocument()
  })
})

describe('without any profile', () => {
  it('explains how to add one with the AWS CLI or an endpoint_url', async () => {
    setup({
      listProfiles: async () =>
        ok({
          profiles: [],
          selectedProfileId: null,
          files: [{ path: '/home/me/.aws/config', role: 'config', exists: false, problems: [] }]
        })
    })
    expect(await screen.findByRole('heading', { name: 'No AWS profiles yet' })).toBeInTheDocument()
    expect(screen.getByText('aws configure')).toBeInTheDocument()
    expect(screen.getByText('aws configure sso')).toBeInTheDocument()
    expect(screen.getByText(/endpoint_url = http:\/\/localhost:9000/)).toBeInTheDocument()
    expect(screen.getByText('not found')).toBeInTheDocument()
    expect(screen.queryByRole('combobox', { name: 'Profile' })).not.toBeInTheDocument()
  })

  it('copies the sample profile, and says so when it cannot', async () => {
    const noProfiles = async () => ok({ profiles: [], selectedProfileId: null, files: [] })
    const { user, api } = setup({
      listProfiles: noProfiles,
      writeClipboardText: async () => ok(undefined)
    })
    await user.click(await screen.findByRole('button', { name: 'Copy' }))
    expect(api.writeClipboardText).toHaveBeenCalledWith({
      text: expect.stringContaining('[profile minio]')
    })
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument()

    api.writeClipboardText.mockImplementation(async () =>
      fail('internal', 'The clipboard is busy.')
    )
    await user.click(screen.getByRole('button', { name: /^Cop(y|ied)$/ }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not copy: The clipboard is busy.'
    )
  })
})

describe('browsing a bucket', () => {
  async function openPhotos() {
    const context = setup()
    await context.user.click(await screen.findByRole('button', { name: /photos/ }))
    await screen.findByRole('row', { name: /cover\.jpg/ })
    return context
  }

  it('opens a folder with Enter and goes back up with Backspace, reselecting it', async () => {
    const { user, api } = await openPhotos()
    const grid = screen.getByRole('grid')
    grid.focus()

    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(screen.getByRole('row', { name: /^2024/ })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{Enter}')

    expect(await screen.findByRole('row', { name: /new\.jpg/ })).toBeInTheDocument()
    expect(api.listObjects).toHaveBeenLastCalledWith({
      profileId: 'work',
      bucket: 'photos',
      prefix: '2024/',
      token: null
    })
    expect(grid).toHaveFocus()

    await user.keyboard('{Backspace}')
    expect(await screen.findByRole('row', { name: /cover\.jpg/ })).toBeInTheDocument()
    expect(screen.getByRole('row', { name: /^2024/ })).toHaveAttribute('aria-selected', 'true')
  })

  it('moves to the first and last rows with Home and End', async () => {
    const { user } = await openPhotos()
    screen.getByRole('grid').focus()
    await user.keyboard('{End}')
    expect(screen.getByRole('row', { name: /cover\.jpg/ })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{Home}')
    expect(screen.getByRole('row', { name: /2023/ })).toHaveAttribute('aria-selected', 'true')
  })

  it('shows the path as breadcrumbs and goes back to any level from them', async () => {
    const { user } = await openPhotos()
    await user.dblClick(screen.getByRole('row', { name: /^2024/ }))
    await user.dblClick(await screen.findByRole('row', { name: /march/ }))
    await screen.findByRole('row', { name: /spring\.jpg/ })

    const path = screen.getByRole('navigation', { name: 'Folder path' })
    expect(
      within(path)
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    ).toEqual(['photos', '2024', 'march'])
    expect(within(path).getByText('march')).toHaveAttribute('aria-current', 'location')

    await user.click(within(path).getByRole('button', { name: '2024' }))
    expect(await screen.findByRole('row', { name: /new\.jpg/ })).toBeInTheDocument()
    await user.click(within(path).getByRole('button', { name: 'photos' }))
    expect(await screen.findByRole('row', { name: /cover\.jpg/ })).toBeInTheDocument()
  })

  it('returns to the same folder after switching profiles back and forth', async () => {
    const { user } = await openPhotos()
    await user.dblClick(screen.getByRole('row', { name: /2023/ }))
    await screen.findByRole('row', { name: /old\.jpg/ })

    const picker = screen.getByRole('combobox', { name: 'Profile' })
    await user.selectOptions(picker, 'default')
    expect(await screen.findByText('Choose a bucket')).toBeInTheDocument()
    await user.selectOptions(picker, 'work')
    expect(await screen.findByRole('row', { name: /old\.jpg/ })).toBeInTheDocument()
  })
})
