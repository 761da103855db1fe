import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcResult } from '../../../../shared/errors'
import type { ObjectPage } from '../../../../shared/models'
import {
  advance,
  installFakeApi,
  mockLayout,
  ok,
  page,
  profile,
  renderWithClient,
  settle
} from '../../lib/test-utils'
import { queryKeys } from '../../lib/query-keys'
import { SLOW_LISTING_MS } from './ListingWait'
import { ObjectBrowser } from './ObjectBrowser'

/** A listing answer the test releases when it wants, like a slow server. */
function deferred() {
  let release: (result: IpcResult<ObjectPage>) => void = () => {}
  const promise = new Promise<IpcResult<ObjectPage>>((resolve) => (release = resolve))
  return { promise, release }
}

function browse(listObjects: () => Promise<IpcResult<ObjectPage>>) {
  const fake = installFakeApi({ listObjects })
  const view = renderWithClient(
    <ObjectBrowser
      profileId="minio"
      bucket="photos"
      prefix="2024/"
      onNavigate={() => {}}
      onShare={() => {}}
      onShareMany={() => {}}
    />
  )
  return { ...fake, ...view }
}

const listed = page('2024/', [], [['a.jpg', 10]])

let restoreLayout: () => void
beforeEach(() => {
  vi.useFakeTimers()
  restoreLayout = mockLayout()
})

afterEach(() => {
  // Unmount while the fake clock is installed, so pending timers are cleared on it.
  cleanup()
  restoreLayout()
  vi.useRealTimers()
})

describe('a slow listing', () => {
  it('says what it is still waiting for after 1.5 s, and not before', async () => {
    const slow = deferred()
    browse(() => slow.promise)
    await settle()

    await advance(SLOW_LISTING_MS - 1)
    expect(screen.queryByText(/Still waiting/)).not.toBeInTheDocument()

    await advance(1)
    expect(screen.getByText('Still waiting for s3://photos/2024/…')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument()

    slow.release(ok(listed))
    await settle()
    expect(screen.queryByText(/Still waiting/)).not.toBeInTheDocument()
    expect(screen.getByRole('row', { name: /^a\.jpg/ })).toBeInTheDocument()
  })

  it('names the endpoint of an S3-compatible store', async () => {
    const slow = deferred()
    const { client } = browse(() => slow.promise)
    client.setQueryData(queryKeys.profiles, {
      profiles: [profile({ name: 'minio', endpointUrl: 'http://10.0.0.5:9000' })],
      selectedProfileId: 'minio',
      files: []
    })
    await settle()

    await advance(SLOW_LISTING_MS)
    expect(
      screen.getByText('Still waiting for s3://photos/2024/ at http://10.0.0.5:9000…')
    ).toBeInTheDocument()
  })

  it('stops waiting on Cancel, says the listing was cancelled, and lists again on Try again', async () => {
    const first = deferred()
    const { api } = browse(() => first.promise)
    await settle()
    await advance(SLOW_LISTING_MS)

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await settle()

    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Listing cancelled')
    expect(screen.queryByText(/Still waiting/)).not.toBeInTheDocument()
    expect(document.querySelector('.statusbar')).toHaveTextContent('Not listed')

    // The server's late answer changes nothing.
    first.release(ok(page('2024/', [], [['late.jpg', 1]])))
    await settle()
    expect(screen.queryByRole('row', { name: /^late\.jpg/ })).not.toBeInTheDocument()

    api.listObjects.mockImplementation(async () => ok(listed))
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    await settle()
    expect(screen.getByRole('row', { name: /^a\.jpg/ })).toBeInTheDocument()
    expect(api.listObjects).toHaveBeenCalledTimes(2)
  })

  it('shows nothing for a listing that answers quickly', async () => {
    browse(async () => ok(listed))
    await settle()
    await advance(SLOW_LISTING_MS * 2)

    expect(screen.getByRole('row', { name: /^a\.jpg/ })).toBeInTheDocument()
    expect(screen.queryByText(/Still waiting/)).not.toBeInTheDocument()
  })
})
