import { screen } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { installFakeApi, ok, renderWithClient } from '../../lib/test-utils'
import { NoProfiles } from './NoProfiles'

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

describe('the first-run screen', () => {
  it('offers to add a profile in the app, next to the terminal commands', async () => {
    installFakeApi({
      listProfiles: async () => ok({ profiles: [], selectedProfileId: null, files: [] })
    })
    const { user } = renderWithClient(<NoProfiles files={[]} />)

    expect(screen.getByText('aws configure')).toBeVisible()
    expect(screen.getByText('aws configure sso')).toBeVisible()
    await user.click(screen.getByRole('button', { name: 'Add a profile…' }))

    expect(screen.getByRole('dialog', { name: 'Add a profile' })).toBeVisible()
    expect(screen.getByLabelText('Profile name')).toHaveFocus()
  })
})
