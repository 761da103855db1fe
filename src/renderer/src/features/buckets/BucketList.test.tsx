import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { fail, installFakeApi, ok, renderWithClient, type FakeHandlers } from '../../lib/test-utils'
import type { BucketLocation } from './bucket-input'
import { BucketList } from './BucketList'

const buckets = [
  { name: 'app-logs', createdAt: '2022-05-01T12:00:00Z' },
  { name: 'photos', createdAt: '2023-01-05T12:00:00Z' },
  { name: 'backups-2024', createdAt: null }
]

function setup(handlers: FakeHandlers) {
  installFakeApi(handlers)
  const onOpen = vi.fn<(location: BucketLocation) => void>()
  const view = renderWithClient(
    <BucketList profileId="dev" cliProfile="dev" selectedBucket="photos" onOpen={onOpen} />
  )
  return { ...view, onOpen }
}

function bucketNames() {
  return within(screen.getByRole('region', { name: 'Buckets' }))
    .queryAllByRole('button')
    .map((button) => button.querySelector('.bucket-label')?.textContent)
    .filter(Boolean)
}

describe('bucket list', () => {
  it('lists buckets with their creation date and marks the open one', async () => {
    setup({ listBuckets: async () => ok(buckets) })
    expect(await screen.findByText('Created May 1, 2022')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /photos/ })).toHaveAttribute('aria-current', 'true')
    expect(screen.getByText('3')).toBeInTheDocument()
  })

  it('narrows the list as the user types in the filter', async () => {
    const { user } = setup({ listBuckets: async () => ok(buckets) })
    await screen.findByText('app-logs')
    const filter = screen.getByRole('searchbox', { name: 'Filter buckets' })

    await user.type(filter, 'LOG')
    expect(bucketNames()).toEqual(['app-logs'])

    await user.keyboard('{Enter}')
    expect(screen.getByText('app-logs')).toBeInTheDocument()

    await user.clear(filter)
    await user.type(filter, 'zzz')
    expect(screen.getByText('No buckets match “zzz”.')).toBeInTheDocument()
  })

  it('opens the single match with Enter', async () => {
    const { user, onOpen } = setup({ listBuckets: async () => ok(buckets) })
    await screen.findByText('app-logs')
    await user.type(screen.getByRole('searchbox', { name: 'Filter buckets' }), 'backup{Enter}')
    expect(onOpen).toHaveBeenCalledWith({ bucket: 'backups-2024', prefix: '' })
  })

  it('opens an s3:// URI pasted from the CLI at its folder', async () => {
    const { user, onOpen } = setup({ listBuckets: async () => ok(buckets) })
    await screen.findByText('app-logs')
    await user.type(
      screen.getByRole('searchbox', { name: 'Filter buckets' }),
      's3://photos/2024/march/'
    )
    await user.click(screen.getByRole('button', { name: /Open s3:\/\/photos\/2024\/march\// }))
    expect(onOpen).toHaveBeenCalledWith({ bucket: 'photos', prefix: '2024/march/' })
  })

  it('explains a listing failure, still lets the user open a bucket by name, and retries', async () => {
    let attempts = 0
    const { user, onOpen } = setup({
      listBuckets: async () =>
        ++attempts === 1
          ? fail('access-denied', 'Profile `dev` may not list buckets (`s3:ListAllMyBuckets`).')
          : ok(buckets)
    })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent("Couldn't list buckets")
    expect(alert).toHaveTextContent('Profile dev may not list buckets (s3:ListAllMyBuckets).')

    await user.type(screen.getByRole('searchbox', { name: 'Filter buckets' }), 'private-data')
    await user.click(screen.getByRole('button', { name: /Open s3:\/\/private-data\// }))
    expect(onOpen).toHaveBeenCalledWith({ bucket: 'private-data', prefix: '' })

    await user.clear(screen.getByRole('searchbox', { name: 'Filter buckets' }))
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('app-logs')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says when the account has no buckets and how to create one', async () => {
    setup({ listBuckets: async () => ok([]) })
    expect(await screen.findByText('No buckets yet')).toBeInTheDocument()
    expect(screen.getByText('aws s3 mb s3://my-bucket --profile dev')).toBeInTheDocument()
  })

  it('moves between buckets with the arrow keys', async () => {
    const { user } = setup({ listBuckets: async () => ok(buckets) })
    await screen.findByText('app-logs')
    screen.getByRole('searchbox', { name: 'Filter buckets' }).focus()
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('button', { name: /app-logs/ })).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('button', { name: /photos/ })).toHaveFocus()
    await user.keyboard('{End}')
    expect(screen.getByRole('button', { name: /backups-2024/ })).toHaveFocus()
  })
})
