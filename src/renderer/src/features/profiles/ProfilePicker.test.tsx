import { focusManager } from '@tanstack/react-query'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatClockTime } from '../../../../shared/format'
import { ENVIRONMENT_PROFILE_ID } from '../../../../shared/ipc-contract'
import type { CredentialsStatus, ProfileSummary } from '../../../../shared/models'
import { MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import { uiLocale } from '../../lib/locale'
import {
  advance,
  installFakeApi,
  ok,
  profile,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { ProfilePicker } from './ProfilePicker'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
  // jsdom reports a hidden document, and queries do not poll in the background.
  focusManager.setFocused(true)
})

afterEach(() => {
  cleanup()
  focusManager.setFocused(undefined)
  vi.useRealTimers()
})

function status(state: CredentialsStatus['state'], extra: Partial<CredentialsStatus> = {}) {
  return {
    profileId: 'dev',
    temporary: state !== 'static',
    expiresAt: null,
    state,
    detail: null,
    ...extra
  } satisfies CredentialsStatus
}

/** Main's answers: `answer(now)` says what the state is at that moment. */
async function renderPicker(
  selected: ProfileSummary,
  answer: (now: number) => CredentialsStatus,
  handlers: FakeHandlers = {}
) {
  let call = 0
  const fake = installFakeApi({
    getCredentialsStatus: async () => {
      call += 1
      return ok(answer(Date.now()))
    },
    listProfiles: async () =>
      ok({ profiles: [selected], selectedProfileId: selected.id, files: [] }),
    ...handlers
  })
  const onChange = vi.fn()
  renderWithClient(
    <ProfilePicker profiles={[selected]} selectedId={selected.id} onChange={onChange} />
  )
  await settle()
  return { ...fake, onChange, calls: () => call }
}

const sso = profile({ name: 'dev', kind: 'sso' })

describe('session state in the profile picker', () => {
  it('counts down to the end of an SSO session, then says it expired and offers to sign in', async () => {
    const endsAt = NOW + 42 * MINUTE
    const { api } = await renderPicker(sso, (now) =>
      now < endsAt
        ? status('active', { expiresAt: new Date(endsAt).toISOString() })
        : status('expired', {
            expiresAt: new Date(endsAt).toISOString(),
            detail: 'The SSO session `acme` of profile `dev` expired: Sign in.'
          })
    )
    const at = formatClockTime(endsAt, NOW, uiLocale())

    expect(screen.getByText(`Signed in until ${at} · 42 min 00 s left`)).toBeVisible()
    await advance(MINUTE)
    expect(screen.getByText(`Signed in until ${at} · 41 min 00 s left`)).toBeVisible()

    await advance(41 * MINUTE)
    await settle()
    expect(screen.getByText('Expired')).toBeVisible()
    expect(screen.getByText('acme')).toBeVisible()
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await settle()
    expect(api.signInSso).toHaveBeenCalledWith({ profileId: 'dev' })
  })

  it('shows static keys as such', async () => {
    await renderPicker(profile({ name: 'dev' }), () => status('static'))
    const state = within(screen.getByRole('group', { name: 'Session' }))
    expect(state.getByText('Static keys')).toBeVisible()
    expect(state.getByText('They do not expire.')).toBeVisible()
  })

  it('offers to sign in to an SSO profile without a session', async () => {
    await renderPicker(sso, () =>
      status('sign-in', {
        detail: 'Profile `dev` is not signed in to SSO session `acme`: Sign in.'
      })
    )
    expect(screen.getByText('Not signed in')).toBeVisible()
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  })

  it('says a role needs an MFA code', async () => {
    const role = profile({ name: 'dev', kind: 'assume-role' })
    await renderPicker(role, () =>
      status('needs-mfa', { detail: 'Profile `dev` assumes its role with an MFA code.' })
    )
    expect(screen.getByText('Needs an MFA code')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument()
  })

  it('says what is missing when no credentials can be had', async () => {
    await renderPicker(profile({ name: 'dev', kind: 'process' }), () =>
      status('missing', {
        temporary: false,
        detail: '`credential_process` for `dev` exited with 1: token revoked.'
      })
    )
    expect(screen.getByText('No credentials')).toBeVisible()
    expect(screen.getByText('credential_process')).toBeVisible()
  })

  it('asks again each minute, as browsing may have started a session', async () => {
    const role = profile({ name: 'dev', kind: 'assume-role' })
    const endsAt = NOW + 60 * MINUTE
    // The user browsed 30 s in, and answered the MFA prompt then.
    await renderPicker(role, (now) =>
      now < NOW + 30_000
        ? status('needs-mfa')
        : status('active', { expiresAt: new Date(endsAt).toISOString() })
    )
    expect(screen.getByText('Needs an MFA code')).toBeVisible()

    await advance(MINUTE)
    // The answer lands on the query's next notification.
    await advance(10)
    const at = formatClockTime(endsAt, NOW + MINUTE, uiLocale())
    expect(screen.getByText(`Session until ${at} · 59 min 00 s left`)).toBeVisible()
  })
})

describe('adding and editing from the picker', () => {
  it('opens the form to add a profile, or to edit the one selected', async () => {
    await renderPicker(profile({ name: 'dev' }), () => status('static'), {
      getEditableProfile: async () =>
        ok({
          draft: {
            name: 'dev',
            region: 'us-east-1',
            endpointUrl: '',
            addressingStyle: 'auto',
            credentials: {
              kind: 'keys',
              accessKeyId: '',
              secretAccessKey: '',
              sessionToken: ''
            }
          },
          kind: 'static',
          accessKeyIdHint: '…MPLE',
          hasSecretAccessKey: true,
          hasSessionToken: false
        })
    })

    fireEvent.click(screen.getByRole('button', { name: 'Add profile…' }))
    expect(screen.getByRole('dialog', { name: 'Add a profile' })).toBeVisible()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))

    fireEvent.click(screen.getByRole('button', { name: /^Edit…\s*\(profile dev\)$/ }))
    await settle()
    expect(screen.getByRole('dialog', { name: 'Edit profile dev' })).toBeVisible()
    expect(screen.getByLabelText('Profile name')).toHaveValue('dev')
  })

  it('offers no edit for credentials from environment variables', async () => {
    await renderPicker(
      profile({ id: ENVIRONMENT_PROFILE_ID, name: 'Environment variables', kind: 'environment' }),
      () => status('static')
    )
    expect(screen.getByRole('button', { name: 'Add profile…' })).toBeVisible()
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument()
  })
})
