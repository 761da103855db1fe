import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fail, installFakeApi, ok, renderWithClient } from '../../lib/test-utils'
import { NoBucketOpen } from './NoBucketOpen'

describe('the main pane with no bucket open', () => {
  it('says no bucket can be listed, with why and what still works, instead of "pick a bucket"', async () => {
    installFakeApi({
      listBuckets: async () =>
        fail(
          'access-denied',
          'Access denied listing buckets. Profile `dev` may not call `s3:ListAllMyBuckets`.'
        )
    })
    renderWithClient(<NoBucketOpen profileId="dev" cliProfile="dev" />)
    expect(await screen.findByText('No bucket can be listed with this profile')).toBeInTheDocument()
    expect(screen.getByText(/Access denied listing buckets/).closest('p')).toHaveTextContent(
      'Profile dev may not call s3:ListAllMyBuckets.'
    )
    expect(screen.getByText(/You can still open a bucket you may read/)).toBeInTheDocument()
    expect(screen.queryByText('Choose a bucket')).not.toBeInTheDocument()
  })

  it('says the profile has no buckets, and how to make one', async () => {
    installFakeApi({ listBuckets: async () => ok([]) })
    renderWithClient(<NoBucketOpen profileId="dev" cliProfile="dev" />)
    expect(await screen.findByText('This profile has no buckets yet')).toBeInTheDocument()
    expect(screen.getByText('aws s3 mb s3://my-bucket --profile dev')).toBeInTheDocument()
  })

  it('asks to choose a bucket when there are some', async () => {
    installFakeApi({ listBuckets: async () => ok([{ name: 'photos', createdAt: null }]) })
    renderWithClient(<NoBucketOpen profileId="dev" cliProfile={null} />)
    expect(await screen.findByText('Choose a bucket')).toBeInTheDocument()
  })
})
