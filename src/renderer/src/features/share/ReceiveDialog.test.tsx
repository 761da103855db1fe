import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, installFakeApi, ok, renderWithClient, settle } from '../../lib/test-utils'
import { ReceiveDialog } from './ReceiveDialog'
import { uploadLinkFor } from './receive-test-kit'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')
const target = { profileId: 'dev', bucket: 'acme-data', prefix: 'inbox/2025/' }

async function renderDialog(
  create = async (args: Parameters<typeof uploadLinkFor>[0]) => ok(uploadLinkFor(args))
) {
  const onClose = vi.fn()
  const fake = installFakeApi({
    getCredentialsStatus: async () =>
      ok({ profileId: 'dev', temporary: false, expiresAt: null, state: 'static', detail: null }),
    createUploadLink: create,
    openLinkInBrowser: async () => ok(undefined),
    writeClipboardText: async () => ok(undefined)
  })
  const view = renderWithClient(<ReceiveDialog target={target} onClose={onClose} />)
  await settle()
  return { fake, onClose, ...view }
}

const radio = (name: RegExp | string) => screen.getByRole('radio', { name })
const textbox = (name: RegExp | string) => screen.getByRole('textbox', { name })
const type = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } })

async function create() {
  fireEvent.click(screen.getByRole('button', { name: 'Create upload link' }))
  await settle()
}

function chooseExactName(name: string) {
  fireEvent.click(radio(/One exact name/))
  type(textbox('File name'), name)
}

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('ReceiveDialog', () => {
  it('opens on the folder, for any file name by a form upload up to 100 MB', async () => {
    await renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Receive files in inbox/2025/' })
    expect(dialog).toHaveTextContent('s3://acme-data/inbox/2025/')
    expect(radio(/Any file name in this folder/)).toBeChecked()
    expect(radio(/Any file name in this folder/)).toHaveFocus()
    expect(radio(/form upload with limits/)).toBeChecked()
    expect(screen.getByRole('spinbutton', { name: 'Largest file' })).toHaveValue(100)
    expect(screen.getByRole('combobox', { name: 'Largest file unit' })).toHaveValue('MB')
    expect(screen.getByRole('slider', { name: 'Link works for' })).toBeInTheDocument()
    // A PUT writes one key: it cannot take any file name, and says so.
    expect(radio(/A single PUT/)).toBeDisabled()
    expect(radio(/A single PUT/)).toHaveAccessibleDescription(/Needs one exact name/)
  })

  it('makes a PUT link for one exact name with its Content-Type bound, and shows its command', async () => {
    const { fake } = await renderDialog()
    chooseExactName('report.pdf')
    fireEvent.click(radio(/A single PUT/))
    expect(radio(/A single PUT/)).toHaveAccessibleDescription(/cannot limit the size/)
    const contentType = textbox(/Required Content-Type/)
    expect(contentType).toHaveAccessibleDescription(/must send exactly this type/)
    type(contentType, 'application/pdf')
    type(textbox(/Label/), ' for Zoë ')
    await create()

    expect(fake.api.createUploadLink).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme-data',
      destination: { kind: 'key', key: 'inbox/2025/report.pdf' },
      method: 'PUT',
      expiresInSeconds: 3600,
      label: 'for Zoë',
      contentType: { kind: 'exact', contentType: 'application/pdf' }
    })
    const result = screen.getByRole('region', { name: 'New upload link' })
    expect(result).toHaveTextContent('Upload · PUT link created — expires in 1 h')
    expect(within(result).getByRole('textbox', { name: 'Upload URL' })).toHaveValue(
      'https://acme-data.s3.eu-west-1.amazonaws.com/inbox/2025/report.pdf?X-Amz-Signature=put'
    )
    expect(result).toHaveTextContent('Saves to inbox/2025/report.pdf')
    expect(result).toHaveTextContent('Accepts PDF documents only, any size (a PUT cannot limit it)')
    expect(result).toHaveTextContent('Must send Content-Type: application/pdf exactly')
    expect(within(result).getByLabelText('Command line (curl)')).toHaveTextContent(
      "curl --upload-file FILE -H 'Content-Type: application/pdf' 'https://"
    )
    expect(screen.getByRole('status')).toHaveTextContent('Upload link created.')

    fireEvent.click(within(result).getByRole('button', { name: 'Copy command' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({
      text: expect.stringMatching(/^curl --upload-file FILE/)
    })
    expect(within(result).getByRole('button', { name: 'Copied' })).toBeInTheDocument()
  })

  it('asks for the exact name only once the user tries to create', async () => {
    const { fake } = await renderDialog()
    fireEvent.click(radio(/One exact name/))
    expect(textbox('File name')).toHaveAttribute('aria-invalid', 'false')
    await create()
    expect(fake.api.createUploadLink).not.toHaveBeenCalled()
    expect(textbox('File name')).toHaveAttribute('aria-invalid', 'true')
    expect(textbox('File name')).toHaveAccessibleDescription(/Type the name the file is saved as/)
    expect(textbox('File name')).toHaveFocus()

    type(textbox('File name'), 'scans/')
    expect(textbox('File name')).toHaveAccessibleDescription(/that names a folder/)
  })

  it('refuses a size limit above 5 GiB, says why, and sends nothing', async () => {
    const { fake } = await renderDialog()
    const largest = screen.getByRole('spinbutton', { name: 'Largest file' })
    type(largest, '6')
    fireEvent.change(screen.getByRole('combobox', { name: 'Largest file unit' }), {
      target: { value: 'GB' }
    })
    expect(largest).toHaveAttribute('aria-invalid', 'true')
    expect(largest).toHaveAccessibleDescription(/S3 refuses a single upload above 5 GiB/)
    await create()
    expect(fake.api.createUploadLink).not.toHaveBeenCalled()
    expect(largest).toHaveFocus()

    type(largest, '5')
    expect(largest).toHaveAttribute('aria-invalid', 'false')
  })

  it('makes a POST link with size and type limits, and lists its fields and limits in words', async () => {
    const { fake } = await renderDialog()
    type(screen.getByRole('spinbutton', { name: /^Smallest file/ }), '1')
    fireEvent.change(screen.getByRole('combobox', { name: 'File type' }), {
      target: { value: 'starts-with' }
    })
    const prefix = textbox('Content-Type prefix')
    type(prefix, 'image')
    expect(prefix).toHaveAttribute('aria-invalid', 'false')
    type(prefix, 'image/')
    await create()

    expect(fake.api.createUploadLink).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme-data',
      destination: { kind: 'prefix', prefix: 'inbox/2025/' },
      method: 'POST',
      expiresInSeconds: 3600,
      label: '',
      maxBytes: 100_000_000,
      minBytes: 1000,
      contentType: { kind: 'starts-with', prefix: 'image/' }
    })
    const result = screen.getByRole('region', { name: 'New upload link' })
    expect(result).toHaveTextContent('Upload · POST link created')
    expect(within(result).getByRole('textbox', { name: 'Form URL' })).toHaveValue(
      'https://acme-data.s3.eu-west-1.amazonaws.com/'
    )
    expect(result).toHaveTextContent('Saves to inbox/2025/any file name')
    expect(result).toHaveTextContent('Accepts 1 KB to 100 MB, images only')
    const fields = within(result)
      .getAllByRole('term')
      .map((term) => term.textContent)
    expect(fields).toEqual([
      'key',
      'success_action_status',
      'X-Amz-Algorithm',
      'Policy',
      'X-Amz-Signature'
    ])
    expect(within(result).getByText('inbox/2025/${filename}')).toBeInTheDocument()
    expect(within(result).getByLabelText('Command line (curl)')).toHaveTextContent('-F file=@FILE')
  })

  it('publishes an upload page with a title and a note, and opens it to preview', async () => {
    const { fake } = await renderDialog()
    const page = screen.getByRole('checkbox', { name: /Make a browser upload page/ })
    expect(page).toHaveAccessibleDescription(
      /a page in your bucket that the recipient opens: they pick a file and it goes straight to your bucket/i
    )
    fireEvent.click(page)
    const key = textbox('Page stored at')
    expect((key as HTMLInputElement).value).toMatch(
      /^inbox\/\.s3-share\/upload-[0-9a-f]{10}\.html$/
    )
    type(key, 'inbox/2025/drop.html')
    expect(key).toHaveAccessibleDescription(/inside ?inbox\/2025\/, which receives the uploads/)
    type(key, 'pages/invoices.html')
    expect(key).toHaveAttribute('aria-invalid', 'false')
    type(textbox(/Title/), 'Send us your invoice')
    type(textbox(/Note for the recipient/), 'PDF please.')
    await create()

    expect(fake.api.createUploadLink).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'POST',
        page: { key: 'pages/invoices.html', title: 'Send us your invoice', note: 'PDF please.' }
      })
    )
    const result = screen.getByRole('region', { name: 'New upload link' })
    expect(result).toHaveTextContent('Upload page link created')
    expect(within(result).getByRole('textbox', { name: 'Page link' })).toHaveValue(
      'https://acme-data.s3.eu-west-1.amazonaws.com/pages/invoices.html?X-Amz-Signature=page'
    )
    fireEvent.click(within(result).getByRole('button', { name: 'Open the page' }))
    await settle()
    expect(fake.api.openLinkInBrowser).toHaveBeenCalledWith({ id: expect.stringMatching(/^link-/) })
  })

  it('shows main’s error and keeps the form', async () => {
    await renderDialog(async () =>
      fail(
        'invalid-argument',
        'This bucket does not accept form uploads (POST). Make a PUT link for one exact name instead.'
      )
    )
    await create()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not create the upload link: This bucket does not accept form uploads (POST).'
    )
    expect(radio(/form upload with limits/)).toBeChecked()
  })

  it('goes back to the form as it was to make another', async () => {
    const { fake } = await renderDialog()
    chooseExactName('a.txt')
    await create()
    fireEvent.click(screen.getByRole('button', { name: 'Change and make another' }))
    expect(textbox('File name')).toHaveValue('a.txt')
    type(textbox('File name'), 'b.txt')
    await create()
    expect(fake.api.createUploadLink).toHaveBeenCalledTimes(2)
    expect(fake.api.createUploadLink).toHaveBeenLastCalledWith(
      expect.objectContaining({ destination: { kind: 'key', key: 'inbox/2025/b.txt' } })
    )
  })
})
