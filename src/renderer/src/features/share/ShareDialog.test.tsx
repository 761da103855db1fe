import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatClockTime } from '../../../../shared/countdown'
import { AppError } from '../../../../shared/errors'
import type { CredentialsStatus } from '../../../../shared/models'
import { advance, installFakeApi, makeLink, renderWithQueries, settle } from '../links/testing'
import { ShareDialog } from './ShareDialog'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE

const target = {
  profileId: 'dev',
  bucket: 'acme-data',
  key: 'reports/2025/q3 summary.pdf',
  size: 2_400_000
}

function credentials(expiresAt: number | null): CredentialsStatus {
  return {
    profileId: 'dev',
    temporary: expiresAt !== null,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString()
  }
}

async function renderDialog(
  options: {
    credentialsExpireAt?: number | null
    create?: (args: { expiresInSeconds: number }) => ReturnType<typeof makeLink>
  } = {}
) {
  const onClose = vi.fn()
  const fake = installFakeApi({
    getCredentialsStatus: () => credentials(options.credentialsExpireAt ?? null),
    createDownloadLink:
      options.create ??
      ((args) =>
        makeLink({
          ...args,
          createdAtMs: Date.now(),
          expiresAtMs: Date.now() + args.expiresInSeconds * 1000,
          url: 'https://acme-data.s3.eu-west-1.amazonaws.com/reports/2025/q3%20summary.pdf?X-Amz-Signature=abc'
        })),
    writeClipboardText: () => undefined,
    listLinks: () => ({ links: [], recoveredFrom: null })
  })
  renderWithQueries(<ShareDialog target={target} onClose={onClose} />)
  await settle()
  return { fake, onClose }
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

beforeAll(() => {
  // jsdom has no modal dialogs; these do what matters here.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open')
    this.dispatchEvent(new Event('close'))
  }
})

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
    expect(screen.getByText('A link must work for at least 1 minute.')).toBeInTheDocument()
    expect(exactAmount()).toHaveAttribute('aria-invalid', 'true')
    expect(createButton()).toBeDisabled()
    expect(slider()).toHaveAttribute('aria-valuetext', '1 hour 30 minutes')

    fireEvent.change(exactAmount(), { target: { value: '8' } })
    fireEvent.change(unit(), { target: { value: 'days' } })
    expect(screen.getByText(/at most 7 days \(7 days\)/)).toBeInTheDocument()
    expect(createButton()).toBeDisabled()

    fireEvent.change(exactAmount(), { target: { value: '' } })
    expect(screen.getByText(/Enter how long the link should work/)).toBeInTheDocument()

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

  it('creates the link, copies it through main and says so', async () => {
    const { fake } = await renderDialog()
    fireEvent.change(screen.getByRole('textbox', { name: /Label/ }), {
      target: { value: ' for Alice ' }
    })
    fireEvent.click(createButton())
    await settle()

    expect(fake.spy('createDownloadLink')).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme-data',
      key: 'reports/2025/q3 summary.pdf',
      expiresInSeconds: 3_600,
      label: 'for Alice',
      downloadFilename: 'q3 summary.pdf'
    })
    const url =
      'https://acme-data.s3.eu-west-1.amazonaws.com/reports/2025/q3%20summary.pdf?X-Amz-Signature=abc'
    expect(fake.spy('writeClipboardText')).toHaveBeenCalledWith({ text: url })
    expect(screen.getByRole('textbox', { name: 'Link URL' })).toHaveValue(url)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Link created and copied to the clipboard.'
    )

    await advance(1_000)
    expect(screen.getByText(/Link copied —/)).toHaveTextContent(
      'Link copied — expires in 59 min 59 s'
    )

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    await settle()
    expect(fake.spy('writeClipboardText')).toHaveBeenCalledTimes(2)
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument()
  })

  it('sends no file name when "Download as" is emptied', async () => {
    const { fake } = await renderDialog()
    fireEvent.change(screen.getByRole('textbox', { name: /Download as/ }), {
      target: { value: '  ' }
    })
    fireEvent.click(createButton())
    await settle()
    expect(fake.spy('createDownloadLink')).toHaveBeenCalledWith(
      expect.objectContaining({ downloadFilename: null, label: '' })
    )
  })

  it('shows the error from main and creates nothing else', async () => {
    const { fake } = await renderDialog({
      create: () => {
        throw new AppError('access-denied', 'Access denied. Check the policy of `dev`.')
      }
    })
    fireEvent.click(createButton())
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not create the link: Access denied. Check the policy of dev.'
    )
    expect(fake.spy('writeClipboardText')).not.toHaveBeenCalled()
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
