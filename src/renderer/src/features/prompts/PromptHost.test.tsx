import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import type { PromptRequest } from '../../../../shared/prompts'
import { MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import {
  advance,
  fail,
  installFakeApi,
  ok,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { PromptHost } from './PromptHost'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')

const mfaRequest: PromptRequest = {
  id: 'q-mfa',
  kind: 'mfa-code',
  profileId: 'admin',
  mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-phone',
  deadline: new Date(NOW + 5 * MINUTE).toISOString()
}

const ssoRequest: PromptRequest = {
  id: 'q-sso',
  kind: 'sso-device-code',
  profileId: 'dev',
  userCode: 'BCDF-GHJK',
  verificationUri: 'https://device.sso.eu-west-2.amazonaws.com/',
  expiresAt: new Date(NOW + 10 * MINUTE).toISOString(),
  deadline: new Date(NOW + 10 * MINUTE).toISOString()
}

stubModalDialogs()

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

async function renderHost(handlers: FakeHandlers = {}) {
  const fake = installFakeApi({
    getCurrentPrompt: async () => ok(null),
    answerPrompt: async () => ok(undefined),
    writeClipboardText: async () => ok(undefined),
    openSsoPage: async () => ok(undefined),
    ...handlers
  })
  const view = renderWithClient(<PromptHost />)
  await settle()
  return { fake, ...view }
}

describe('the MFA code dialog', () => {
  it('asks for the code of the profile’s device and sends it, spaces left out', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', mfaRequest)
    const dialog = screen.getByRole('dialog', { name: 'MFA code for admin' })
    expect(dialog).toHaveTextContent('arn:aws:iam::123456789012:mfa/dev-phone')
    const input = within(dialog).getByLabelText('Code')
    expect(input).toHaveFocus()
    expect(input).toHaveAttribute('autocomplete', 'one-time-code')
    fireEvent.change(input, { target: { value: '428 193' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }))
    await settle()

    expect(fake.api.answerPrompt).toHaveBeenCalledWith({
      id: 'q-mfa',
      answer: { kind: 'mfa-code', code: '428193' }
    })
    fake.emit('onPromptSettled', { id: 'q-mfa', outcome: 'answered' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says what is wrong with a code that is not six digits, without sending it', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', mfaRequest)
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '42819' } })
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await settle()

    expect(screen.getByRole('alert')).toHaveTextContent('Enter the 6 digits your MFA device shows.')
    expect(screen.getByLabelText('Code')).toHaveAttribute('aria-invalid', 'true')
    expect(fake.api.answerPrompt).not.toHaveBeenCalled()
  })

  it('cancels, and counts down to when the app stops waiting', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', mfaRequest)
    expect(screen.getByTestId('prompt-deadline')).toHaveTextContent(
      'The app stops waiting in 5 min 00 s'
    )
    await advance(61_000)
    expect(screen.getByTestId('prompt-deadline')).toHaveTextContent('3 min 59 s')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await settle()

    expect(fake.api.answerPrompt).toHaveBeenCalledWith({ id: 'q-mfa', answer: { kind: 'cancel' } })
  })

  it('closes when main stopped waiting before the answer arrived', async () => {
    const { fake } = await renderHost({
      answerPrompt: async () =>
        fail(
          'invalid-argument',
          'That question is no longer open: it was answered, cancelled or timed out.'
        )
    })

    fake.emit('onPromptAsked', mfaRequest)
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '428193' } })
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await settle()

    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('the SSO sign-in dialog', () => {
  it('shows the code to compare, copies it, opens the page again, and counts down', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', ssoRequest)
    const dialog = screen.getByRole('dialog', { name: 'Sign in to IAM Identity Center' })
    expect(within(dialog).getByLabelText('Sign-in code')).toHaveTextContent('BCDF-GHJK')
    expect(dialog).toHaveTextContent('profile dev')
    expect(dialog).toHaveTextContent('https://device.sso.eu-west-2.amazonaws.com/')
    expect(within(dialog).getByTestId('prompt-deadline')).toHaveTextContent(
      'The code expires in 10 min 00 s'
    )

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy code' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: 'BCDF-GHJK' })
    expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeInTheDocument()

    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the page again' }))
    await settle()
    expect(fake.api.openSsoPage).toHaveBeenCalledWith({ profileId: 'dev' })

    await advance(2 * MINUTE + 30_000)
    expect(within(dialog).getByTestId('prompt-deadline')).toHaveTextContent('7 min 30 s')

    // Approved in the browser: main has the token and takes the question back.
    fake.emit('onPromptSettled', { id: 'q-sso', outcome: 'withdrawn' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('cancels the sign-in', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', ssoRequest)
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await settle()

    expect(fake.api.answerPrompt).toHaveBeenCalledWith({ id: 'q-sso', answer: { kind: 'cancel' } })
  })

  it('shows a question main was already waiting on when the window (re)loads', async () => {
    await renderHost({ getCurrentPrompt: async () => ok(ssoRequest) })

    expect(screen.getByRole('dialog', { name: 'Sign in to IAM Identity Center' })).toBeVisible()
  })

  it('shows the next question once the first is settled', async () => {
    const { fake } = await renderHost()

    fake.emit('onPromptAsked', ssoRequest)
    fake.emit('onPromptSettled', { id: 'q-sso', outcome: 'cancelled' })
    fake.emit('onPromptAsked', mfaRequest)

    expect(screen.getByRole('dialog', { name: 'MFA code for admin' })).toBeVisible()
  })
})
