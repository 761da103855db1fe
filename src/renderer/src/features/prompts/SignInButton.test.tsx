import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import type { SsoSessionStatus } from '../../../../shared/prompts'
import { fail, installFakeApi, ok, renderWithClient, settle } from '../../lib/test-utils'
import { SignInButton, SignInWhenNeeded } from './SignInButton'

afterEach(() => {
  cleanup()
})

function session(state: SsoSessionStatus['state']): SsoSessionStatus {
  return {
    profileId: 'dev',
    sessionName: 'acme',
    startUrl: 'https://acme.awsapps.com/start',
    state,
    expiresAt: state === 'signed-out' ? null : '2025-11-28T22:00:00.000Z',
    renewable: false,
    signingIn: false
  }
}

describe('SignInButton', () => {
  it('signs in, waits while the user approves, and fetches again what needed the session', async () => {
    let finish: (value: SsoSessionStatus) => void = () => undefined
    const fake = installFakeApi({
      signInSso: () =>
        new Promise((resolve) => {
          finish = (status) => resolve(ok(status))
        })
    })
    const { user, client } = renderWithClient(<SignInButton profileId="dev" />)
    client.setQueryData(['s3', 'dev', 'buckets'], [])

    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(fake.api.signInSso).toHaveBeenCalledWith({ profileId: 'dev' })
    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeDisabled()
    finish(session('signed-in'))
    await settle()

    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled()
    expect(client.getQueryState(['s3', 'dev', 'buckets'])?.isInvalidated).toBe(true)
  })

  it('says why the sign-in failed, but not that the user cancelled it', async () => {
    const answers = [
      fail(
        'credentials-expired',
        'The sign-in code for `dev` expired before it was approved. Sign in again.'
      ),
      fail('cancelled', 'Signing in to `dev` was cancelled.')
    ]
    installFakeApi({ signInSso: async () => answers.shift()! })
    const { user } = renderWithClient(<SignInButton profileId="dev" />)

    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent('expired before it was approved')

    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('SignInWhenNeeded', () => {
  const expired = new AppError(
    'credentials-expired',
    'SSO session for `dev` expired: Sign in (or run `aws sso login --profile dev`), then try again.'
  )

  it('offers to sign in under an expired-session error of an SSO profile', async () => {
    installFakeApi({ getSsoStatus: async () => ok(session('expired')) })
    renderWithClient(<SignInWhenNeeded profileId="dev" error={expired} />)
    await settle()

    expect(screen.getByRole('button', { name: 'Sign in' })).toBeVisible()
  })

  it('offers nothing for a profile without SSO, or for other errors', async () => {
    const fake = installFakeApi({ getSsoStatus: async () => ok(null) })
    renderWithClient(<SignInWhenNeeded profileId="keys" error={expired} />)
    await settle()
    expect(screen.queryByRole('button')).toBeNull()
    cleanup()

    renderWithClient(
      <SignInWhenNeeded profileId="dev" error={new AppError('access-denied', 'Access denied')} />
    )
    await settle()
    expect(screen.queryByRole('button')).toBeNull()
    expect(fake.api.getSsoStatus).toHaveBeenCalledTimes(1)
  })
})
