import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import type { IpcResult } from '../../../../shared/errors'
import { formatClockTime } from '../../../../shared/format'
import type { CredentialsStatus, IssuedLink } from '../../../../shared/models'
import { HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import {
  advance,
  fail,
  installFakeApi,
  makeLink,
  ok,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { ExpiryPicker } from './ExpiryPicker'
import type * as ExpiryPickerModule from './ExpiryPicker'
import { ShareDialog } from './ShareDialog'
import { MEASURE_DEBOUNCE_MS } from './use-link-measure'

// The real picker, counted: the form must not re-render as the clock ticks.
vi.mock('./ExpiryPicker', async (importOriginal) => {
  const actual = await importOriginal<typeof ExpiryPickerModule>()
  return { ...actual, ExpiryPicker: vi.fn(actual.ExpiryPicker) }
})

const NOW = Date.parse('2025-11-28T14:00:00.000Z')

const target = {
  profileId: 'dev',
  bucket: 'acme-data',
  key: 'reports/2025/q3 summary.pdf',
  size: 2_400_000
}

function credentials(expiresAt: number | null, temporary = expiresAt !== null): CredentialsStatus {
  return {
    profileId: 'dev',
    temporary,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    state: temporary ? 'active' : 'static',
    detail: null
  }
}

function newLink(args: { expiresInSeconds?: number }): IssuedLink {
  const seconds = args.expiresInSeconds ?? 3_600
  return makeLink({
    createdAtMs: Date.now(),
    expiresAtMs: Date.now() + seconds * 1000,
    url: 'https://acme-data.s3.eu-west-1.amazonaws.com/reports/2025/q3%20summary.pdf?X-Amz-Signature=abc'
  })
}

async function renderDialog(
  options: {
    credentialsExpireAt?: number | null
    /** Temporary credentials; by default, those that expire. */
    temporary?: boolean
    create?: FakeHandlers['createDownloadLink']
  } = {}
) {
  const onClose = vi.fn()
  const fake = installFakeApi({
    getCredentialsStatus: async () =>
      ok(credentials(options.credentialsExpireAt ?? null, options.temporary)),
    createDownloadLink: options.create ?? (async (args) => ok(newLink(args))),
    writeClipboardText: async () => ok(undefined)
  })
  const view = renderWithClient(<ShareDialog target={target} onClose={onClose} />)
  await settle()
  return { fake, onClose, ...view }
}

function slider() {
  return screen.getByRole('slider', { name: 'Link works for' })
}

function exactAmount() {
  return screen.getByRole('spinbutton', { name: 'Exact duration' })
}

function unit() {
  return screen.getByRole('combobox', { name: 'Unit' })
}

function createButton() {
  return screen.getByRole('button', { name: 'Create link & copy' })
}

stubModalDialogs()

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('ShareDialog', () => {
  it('opens as a labelled modal dialog showing the object', async () => {
    await renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Share q3 summary.pdf' })
    expect(dialog).toHaveAttribute('open')
    expect(dialog).toHaveTextContent('reports/2025/q3 summary.pdf')
    expect(dialog).toHaveTextContent('acme-data')
    expect(dialog).toHaveTextContent('2.4 MB')
    expect(slider()).toHaveFocus()
  })

  it('starts at one hour', async () => {
    await renderDialog()
    expect(slider()).toHaveAttribute('aria-valuetext', '1 hour')
    expect(exactAmount()).toHaveValue(1)
    expect(unit()).toHaveValue('hours')
    expect(screen.getByRole('button', { name: '1 h' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByText(/\(in 1 h\)/)).toBeInTheDocument()
  })

  it('runs the slider from 1 minute to 7 days', async () => {
    await renderDialog()
    const max = slider().getAttribute('max') ?? ''
    fireEvent.change(slider(), { target: { value: '0' } })
    expect(slider()).toHaveAttribute('aria-valuetext', '1 minute')
    expect(exactAmount()).toHaveValue(1)
    expect(unit()).toHaveValue('minutes')
    fireEvent.change(slider(), { target: { value: max } })
    expect(slider()).toHaveAttribute('aria-valuetext', '7 days')
    expect(exactAmount()).toHaveValue(7)
    expect(unit()).toHaveValue('days')
  })

  it('sets the lifetime from the presets', async () => {
    await renderDialog()
    for (const [name, text] of [
      ['15 min', '15 minutes'],
      ['1 day', '1 day'],
      ['7 days', '7 days'],
      ['1 h', '1 hour']
    ]) {
      fireEvent.click(screen.getByRole('button', { name }))
      expect(slider()).toHaveAttribute('aria-valuetext', text)
      expect(screen.getByRole('button', { name })).toHaveAttribute('aria-pressed', 'true')
    }
  })

  it('takes an exact value and refuses one outside 1 minute to 7 days', async () => {
    await renderDialog()
    fireEvent.change(unit(), { target: { value: 'minutes' } })
    fireEvent.change(exactAmount(), { target: { value: '90' } })
    expect(slider()).toHaveAttribute('aria-valuetext', '1 hour 30 minutes')
    expect(createButton()).toBeEnabled()

    fireEvent.change(exactAmount(), { target: { value: '0.5' } })
    expect(exactAmount()).toHaveAccessibleDescription('A link must work for at least 1 minute.')
    expect(exactAmount()).toHaveAttribute('aria-invalid', 'true')
    expect(createButton()).toBeDisabled()
    expect(createButton()).toHaveAccessibleDescription('A link must work for at least 1 minute.')
    expect(slider()).toHaveAttribute('aria-valuetext', '1 hour 30 minutes')

    fireEvent.change(exactAmount(), { target: { value: '8' } })
    fireEvent.change(unit(), { target: { value: 'days' } })
    expect(exactAmount()).toHaveAccessibleDescription(/at most 7 days \(7 days\)/)
    expect(createButton()).toBeDisabled()

    fireEvent.change(exactAmount(), { target: { value: '' } })
    expect(exactAmount()).toHaveAccessibleDescription(/Enter how long the link should work/)

    fireEvent.change(exactAmount(), { target: { value: '7' } })
    expect(screen.queryByText(/Enter how long/)).not.toBeInTheDocument()
    expect(slider()).toHaveAttribute('aria-valuetext', '7 days')
    expect(createButton()).toBeEnabled()
  })

  it('warns before creating when the credentials expire before the link would', async () => {
    const credentialsExpireAt = NOW + 32 * MINUTE
    await renderDialog({ credentialsExpireAt })
    const at = formatClockTime(credentialsExpireAt, NOW)
    expect(screen.getByTestId('cap-warning')).toHaveTextContent(
      `This link will stop working at ${at}, when the temporary credentials of profile dev expire (SSO / assume-role sessions end early).`
    )
    expect(screen.getByTestId('expiry-cap')).toBeInTheDocument()
    expect(screen.getByText(/\(in 32 min 00 s\)/)).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '15 min' }))
    expect(screen.queryByTestId('cap-warning')).not.toBeInTheDocument()
    expect(screen.getByText(/\(in 15 min\)/)).toBeInTheDocument()
  })

  it('does not warn when the credentials outlast the link, or never expire', async () => {
    await renderDialog({ credentialsExpireAt: NOW + 12 * HOUR })
    expect(screen.queryByTestId('cap-warning')).not.toBeInTheDocument()
    expect(screen.getByTestId('expiry-cap')).toBeInTheDocument()
    cleanup()

    await renderDialog({ credentialsExpireAt: null })
    expect(screen.queryByTestId('cap-warning')).not.toBeInTheDocument()
    expect(screen.queryByTestId('expiry-cap')).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    expect(screen.queryByTestId('cap-warning')).not.toBeInTheDocument()
  })

  it('warns that temporary credentials of unknown lifetime may end the link early', async () => {
    await renderDialog({ credentialsExpireAt: null, temporary: true })
    expect(screen.getByTestId('session-warning')).toHaveTextContent(
      'This link may stop working before the time chosen here. Profile dev signs with temporary credentials (a session token), and a link stops working when the session behind that token ends. The app cannot see when that is.'
    )
    // Nothing to draw on the track: the end is unknown.
    expect(screen.queryByTestId('expiry-cap')).not.toBeInTheDocument()
    expect(screen.queryByTestId('cap-warning')).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '15 min' }))
    expect(screen.getByTestId('session-warning')).toBeInTheDocument()
    cleanup()

    await renderDialog({ credentialsExpireAt: NOW + 12 * HOUR })
    expect(screen.queryByTestId('session-warning')).not.toBeInTheDocument()
    cleanup()

    await renderDialog({ credentialsExpireAt: null })
    expect(screen.queryByTestId('session-warning')).not.toBeInTheDocument()
  })

  it('keeps the form still while the countdowns tick', async () => {
    await renderDialog({ credentialsExpireAt: NOW + 32 * MINUTE })
    fireEvent.click(screen.getByRole('button', { name: '1 day' }))
    expect(screen.getByText(/\(in 32 min 00 s\)/)).toBeInTheDocument()
    // The link's length is measured once the options stop changing: not the clock's doing.
    await advance(MEASURE_DEBOUNCE_MS)
    await settle()
    const renders = vi.mocked(ExpiryPicker).mock.calls.length

    await advance(10_000 - MEASURE_DEBOUNCE_MS)
    expect(screen.getByText(/\(in 31 min 50 s\)/)).toBeInTheDocument()
    expect(vi.mocked(ExpiryPicker).mock.calls.length).toBe(renders)
    expect(screen.getByTestId('expiry-cap')).toBeInTheDocument()
  })

  it('turns the warning into an error the moment the credentials expire', async () => {
    await renderDialog({ credentialsExpireAt: NOW + 5 * MINUTE })
    expect(screen.getByTestId('cap-warning')).toHaveTextContent('This link will stop working at')
    await advance(5 * MINUTE)
    expect(screen.getByTestId('cap-warning')).toHaveTextContent(
      'The temporary credentials of profile dev expired at'
    )
  })

  it('creates the link, copies it through main and says so', async () => {
    const { fake } = await renderDialog()
    fireEvent.change(screen.getByRole('textbox', { name: /Label/ }), {
      target: { value: ' for Alice ' }
    })
    fireEvent.click(createButton())
    await settle()

    // The key's own name is left for main to pick (and shorten if the link would be too long).
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme-data',
      key: 'reports/2025/q3 summary.pdf',
      expiresInSeconds: 3_600,
      disposition: 'attachment',
      label: 'for Alice',
      selfTest: true
    })
    const url =
      'https://acme-data.s3.eu-west-1.amazonaws.com/reports/2025/q3%20summary.pdf?X-Amz-Signature=abc'
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: url })
    expect(screen.getByRole('textbox', { name: 'Link URL' })).toHaveValue(url)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Link created (not tested). Copied to the clipboard.'
    )

    await advance(1_000)
    expect(screen.getByText(/Link copied —/)).toHaveTextContent(
      'Link copied — expires in 59 min 59 s'
    )

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledTimes(2)
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument()
  })

  it('sends no file name when "Download as" is emptied', async () => {
    const { fake } = await renderDialog()
    fireEvent.change(screen.getByRole('textbox', { name: /Download as/ }), {
      target: { value: '  ' }
    })
    fireEvent.click(createButton())
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ downloadFilename: null, label: '' })
    )
  })

  it('shows the error from main and creates nothing else', async () => {
    const { fake } = await renderDialog({
      create: async () => fail('access-denied', 'Access denied. Check the policy of `dev`.')
    })
    fireEvent.click(createButton())
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not create the link: Access denied. Check the policy of dev.'
    )
    expect(fake.api.writeClipboardText).not.toHaveBeenCalled()
  })

  it('leaves the clipboard alone when closed before the link arrives', async () => {
    let answer: (result: IpcResult<IssuedLink>) => void = () => undefined
    const { fake, onClose, unmount } = await renderDialog({
      create: () =>
        new Promise((resolve) => {
          answer = resolve
        })
    })
    fireEvent.click(createButton())
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    unmount()

    answer(ok(newLink({ expiresInSeconds: 3_600 })))
    await settle()
    expect(fake.api.writeClipboardText).not.toHaveBeenCalled()
  })

  it('says so when the link cannot be copied again', async () => {
    const { fake } = await renderDialog()
    fireEvent.click(createButton())
    await settle()
    fake.api.writeClipboardText.mockImplementation(async () =>
      fail('internal', 'The clipboard is busy.')
    )
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent('Could not copy: The clipboard is busy.')
  })

  it('closes from the Close button and from Escape', async () => {
    const { onClose } = await renderDialog()
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    // Escape makes the browser close a modal dialog, which fires `close`.
    screen.getByRole('dialog').dispatchEvent(new Event('close'))
    expect(onClose).toHaveBeenCalledTimes(2)
  })
})
