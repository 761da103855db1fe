import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DownloadLinkOptions } from '../../../../shared/ipc-contract'
import type {
  CredentialsStatus,
  LinkSelfTest,
  ObjectVersion,
  Preferences
} from '../../../../shared/models'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../shared/time-units'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import {
  advance,
  installFakeApi,
  makeLink,
  ok,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { ShareDialog } from './ShareDialog'
import { MEASURE_DEBOUNCE_MS } from './use-link-measure'
import { toLocalInput } from './use-until'

const NOW = Date.parse('2026-11-30T14:00:00.000Z')
const URL_BASE = 'https://acme-data.s3.eu-west-1.amazonaws.com/reports/q3.pdf?X-Amz-Signature=abc'
const target = { profileId: 'dev', bucket: 'acme-data', key: 'reports/q3.pdf', size: 1_000 }

const WORKS: LinkSelfTest = {
  outcome: 'works',
  httpStatus: 206,
  s3Code: null,
  message: 'The link works.',
  testedAt: new Date(NOW).toISOString()
}
const WRONG_SECRET: LinkSelfTest = {
  outcome: 'signature-mismatch',
  httpStatus: 403,
  s3Code: 'SignatureDoesNotMatch',
  message: 'S3 refused the signature: the secret key of profile `dev` is wrong.',
  testedAt: new Date(NOW).toISOString()
}

function preferences(overrides: Partial<Preferences> = {}): Preferences {
  return {
    selectedProfileId: 'dev',
    lastLocation: null,
    defaultExpiresInSeconds: 3_600,
    testNewLinks: true,
    notifyWatchedLinks: true,
    seenSessionWarnings: [],
    ...overrides
  }
}

function credentials(temporary = false): CredentialsStatus {
  return { profileId: 'dev', temporary, expiresAt: null, state: 'static', detail: null }
}

function issued(args: DownloadLinkOptions & { selfTest?: boolean }, selfTest: LinkSelfTest | null) {
  return makeLink({
    key: args.key,
    createdAtMs: Date.now(),
    expiresAtMs: Date.now() + (args.expiresInSeconds ?? 3_600) * 1000,
    url: URL_BASE,
    selfTest: args.selfTest === false ? null : selfTest
  })
}

async function renderDialog(
  options: {
    prefs?: Partial<Preferences>
    selfTest?: LinkSelfTest
    measure?: FakeHandlers['measureDownloadLink']
    versions?: ObjectVersion[]
    versionId?: string | null
    temporary?: boolean
    create?: FakeHandlers['createDownloadLink']
  } = {}
) {
  let stored = preferences(options.prefs)
  const fake = installFakeApi({
    getPreferences: async () => ok(stored),
    setPreferences: async (patch) => {
      stored = { ...stored, ...patch }
      return ok(stored)
    },
    getCredentialsStatus: async () => ok(credentials(options.temporary)),
    createDownloadLink:
      options.create ?? (async (args) => ok(issued(args, options.selfTest ?? WORKS))),
    measureDownloadLink:
      options.measure ??
      (async () => ok({ length: 640, downloadFilename: 'q3.pdf', shortened: false })),
    listObjectVersions: async () => ok(options.versions ?? []),
    writeClipboardText: async () => ok(undefined)
  })
  const view = renderWithClient(
    <ShareDialog target={target} onClose={vi.fn()} versionId={options.versionId} />
  )
  await settle()
  return { fake, ...view }
}

function create() {
  fireEvent.click(screen.getByRole('button', { name: 'Create link & copy' }))
}

async function measured() {
  await advance(MEASURE_DEBOUNCE_MS)
  await settle()
}

stubModalDialogs()

let scrolled: Element[] = []
beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
  scrolled = []
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this)
  }
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('ShareDialog: the self-test', () => {
  it('says the new link works, copies it, and announces both', async () => {
    const { fake } = await renderDialog()
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ selfTest: true })
    )
    expect(screen.getByTestId('self-test')).toHaveTextContent('Works')
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: URL_BASE })
    expect(screen.getByRole('status')).toHaveTextContent(
      'Link created and tested: it works. Copied to the clipboard.'
    )
  })

  it('shows exactly why a link failed, does not copy it, and copies it only when asked', async () => {
    const { fake } = await renderDialog({ selfTest: WRONG_SECRET })
    create()
    await settle()
    const warning = screen.getByTestId('self-test-failed')
    expect(warning).toHaveTextContent('This link does not work.')
    expect(warning).toHaveTextContent(
      'S3 refused the signature: the secret key of profile dev is wrong.'
    )
    expect(warning).toHaveTextContent(
      'Outcome signature-mismatch (wrong secret key or signature) · S3 code SignatureDoesNotMatch · HTTP 403'
    )
    expect(fake.api.writeClipboardText).not.toHaveBeenCalled()
    expect(screen.getByText(/Not copied —/)).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent(/its test failed.*It was not copied/)
    // Nothing copies it by accident: no "Copy again", and focus is on "Create another".
    expect(screen.queryByRole('button', { name: 'Copy again' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Create another' })).toHaveFocus()

    fireEvent.click(screen.getByRole('button', { name: 'Copy anyway' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: URL_BASE })
  })

  it('follows the "Test the link" preference, and says "Not tested" when it is off', async () => {
    const { fake } = await renderDialog({ prefs: { testNewLinks: false } })
    const box = screen.getByRole('checkbox', { name: /Test the link after creating it/ })
    expect(box).not.toBeChecked()
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ selfTest: false })
    )
    expect(screen.getByTestId('self-test')).toHaveTextContent('Not tested')
    expect(fake.api.writeClipboardText).toHaveBeenCalledTimes(1)
    cleanup()

    const second = await renderDialog()
    const checkbox = screen.getByRole('checkbox', { name: /Test the link after creating it/ })
    expect(checkbox).toBeChecked()
    fireEvent.click(checkbox)
    await settle()
    expect(second.fake.api.setPreferences).toHaveBeenCalledWith({ testNewLinks: false })
    expect(checkbox).not.toBeChecked()
  })
})

describe('ShareDialog: the length of the link', () => {
  it('measures the options once they stop changing and tells the length', async () => {
    const { fake } = await renderDialog()
    await measured()
    fake.api.measureDownloadLink.mockClear()
    fireEvent.click(screen.getByRole('button', { name: '1 day' }))
    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    await measured()
    expect(fake.api.measureDownloadLink).toHaveBeenCalledTimes(1)
    expect(fake.api.measureDownloadLink).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'acme-data',
      key: 'reports/q3.pdf',
      expiresInSeconds: 604_800,
      disposition: 'attachment'
    })
    expect(screen.getByTestId('link-length')).toHaveTextContent('The link will be 640 characters')
    expect(screen.queryByTestId('long-link')).not.toBeInTheDocument()
  })

  it('warns above 2,000 characters, before and after the link is made', async () => {
    await renderDialog({
      measure: async () => ok({ length: 2_400, downloadFilename: 'q3.pdf', shortened: false }),
      create: async (args) =>
        ok({ ...issued(args, WORKS), url: `${URL_BASE}&X-Amz-Security-Token=${'t'.repeat(2_400)}` })
    })
    await measured()
    expect(screen.getByTestId('long-link')).toHaveTextContent(
      'Long link (2,400 characters). Mail clients and chat tools break long links; session tokens make them long.'
    )
    create()
    await settle()
    const result = screen.getByTestId('share-result')
    expect(within(result).getByTestId('long-link')).toHaveTextContent('Long link (2,')
  })

  it('refuses to sign when the chosen name would make the link too long, and says why', async () => {
    const { fake } = await renderDialog({
      measure: async (args) =>
        ok({
          length: args.downloadFilename ? 9_000 : 700,
          downloadFilename: args.downloadFilename ?? 'q3.pdf',
          shortened: false
        })
    })
    fireEvent.change(screen.getByRole('textbox', { name: /Download as/ }), {
      target: { value: `${'x'.repeat(250)}.pdf` }
    })
    await measured()
    const button = screen.getByRole('button', { name: 'Create link & copy' })
    expect(button).toBeDisabled()
    expect(button).toHaveAccessibleDescription(/9,000 characters long, more than the 8,192/)
    expect(screen.getByTestId('too-long')).toBeInTheDocument()
    create()
    expect(fake.api.createDownloadLink).not.toHaveBeenCalled()
  })

  it('shows the shortened default name', async () => {
    await renderDialog({
      measure: async () =>
        ok({ length: 8_100, downloadFilename: 'Résumé…final.pdf', shortened: true })
    })
    await measured()
    expect(screen.getByTestId('name-shortened')).toHaveTextContent(
      'the file will be saved as Résumé…final.pdf'
    )
    expect(screen.getByRole('button', { name: 'Create link & copy' })).toBeEnabled()
  })
})

describe('ShareDialog: until a date', () => {
  function untilInput() {
    return screen.getByLabelText('Until')
  }

  it('sends the moment chosen, in the local time zone, within 7 days', async () => {
    const { fake } = await renderDialog()
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    expect(untilInput()).toHaveAccessibleDescription(
      new RegExp(`^Time zone (${zone.replace('/', '\\/')}, UTC|UTC)`)
    )
    expect(untilInput()).toHaveAttribute('min', toLocalInput(NOW + MINUTE_MS))
    expect(untilInput()).toHaveAttribute('max', toLocalInput(NOW + 7 * DAY_MS))

    const at = NOW + 2 * DAY_MS + 3 * HOUR_MS
    fireEvent.change(untilInput(), { target: { value: toLocalInput(at) } })
    expect(screen.getByText(/\(in 2 d 3 h\)/)).toBeInTheDocument()
    create()
    await settle()
    const request = fake.api.createDownloadLink.mock.calls[0]![0]
    expect(request.until).toBe(new Date(at).toISOString())
    expect(request.expiresInSeconds).toBeUndefined()
  })

  it('refuses a moment past 7 days or in the past, and never shows an expiry next to the error', async () => {
    await renderDialog()
    fireEvent.change(untilInput(), { target: { value: toLocalInput(NOW + 8 * DAY_MS) } })
    expect(untilInput()).toHaveAttribute('aria-invalid', 'true')
    expect(untilInput()).toHaveAccessibleDescription(/at most 7 days/)
    expect(screen.getByRole('button', { name: 'Create link & copy' })).toBeDisabled()
    expect(screen.queryByText(/^Expires/)).not.toBeInTheDocument()

    fireEvent.change(untilInput(), { target: { value: toLocalInput(NOW - HOUR_MS) } })
    expect(untilInput()).toHaveAccessibleDescription(/at least a minute from now/)

    // The slider takes over again.
    fireEvent.click(screen.getByRole('button', { name: '1 day' }))
    expect(untilInput()).toHaveValue('')
    expect(screen.getByRole('button', { name: 'Create link & copy' })).toBeEnabled()
  })
})

describe('ShareDialog: open or download, Content-Type, version', () => {
  it('sends "show in the browser" and a Content-Type override, checked as main checks it', async () => {
    const { fake } = await renderDialog()
    expect(screen.getByRole('radio', { name: /Download the file/ })).toBeChecked()
    fireEvent.click(screen.getByRole('radio', { name: /Show in the browser/ }))
    const type = screen.getByRole('textbox', { name: /Content-Type/ })
    fireEvent.change(type, { target: { value: 'text/plain, text/html' } })
    expect(type).toHaveAccessibleDescription(/contains a comma/)
    expect(screen.getByRole('button', { name: 'Create link & copy' })).toBeDisabled()

    fireEvent.change(type, { target: { value: 'application/pdf' } })
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ disposition: 'inline', contentType: 'application/pdf' })
    )
  })

  const versions: ObjectVersion[] = [
    {
      versionId: 'v3-newest-aaaaaaaaaaaa',
      isLatest: true,
      isDeleteMarker: false,
      size: 10,
      lastModified: '2026-11-29T10:00:00.000Z',
      etag: '"a"'
    },
    {
      versionId: 'v2-older',
      isLatest: false,
      isDeleteMarker: false,
      size: 9,
      lastModified: '2026-11-20T10:00:00.000Z',
      etag: '"b"'
    }
  ]

  it('offers "latest" or "this version" and pins the link when asked', async () => {
    const { fake } = await renderDialog({ versions })
    expect(screen.getByRole('radio', { name: /Latest version/ })).toBeChecked()
    fireEvent.click(screen.getByRole('radio', { name: /This version/ }))
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ versionId: 'v3-newest-aaaaaaaaaaaa' })
    )
  })

  it('opens pinned to the version it was given', async () => {
    const { fake } = await renderDialog({ versions, versionId: 'v2-older' })
    expect(screen.getByRole('radio', { name: /This version v2-older/ })).toBeChecked()
    expect(screen.getByRole('group', { name: 'Version' })).toHaveTextContent('an older version')
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledWith(
      expect.objectContaining({ versionId: 'v2-older' })
    )
  })

  it('offers no version choice for an object without versions', async () => {
    await renderDialog({ versions: [{ ...versions[0]!, versionId: 'null' }] })
    expect(screen.queryByRole('group', { name: 'Version' })).not.toBeInTheDocument()
  })
})

describe('ShareDialog: after Create', () => {
  it('scrolls the result into view, and Create becomes "Copy again" instead of a second link', async () => {
    const { fake } = await renderDialog()
    create()
    await settle()
    expect(scrolled).toContain(screen.getByTestId('share-result'))
    const again = screen.getByRole('button', { name: 'Copy again' })
    expect(again).toHaveFocus()
    fireEvent.click(again)
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledTimes(1)
    expect(fake.api.writeClipboardText).toHaveBeenCalledTimes(2)
    expect(screen.getByRole('status')).toHaveTextContent('Link copied to the clipboard again.')
    // Enter in the dialog submits the form: it copies, it does not create.
    fireEvent.submit(again.closest('form')!)
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledTimes(1)

    fireEvent.click(screen.getByRole('button', { name: 'Create another' }))
    expect(screen.queryByTestId('share-result')).not.toBeInTheDocument()
    create()
    await settle()
    expect(fake.api.createDownloadLink).toHaveBeenCalledTimes(2)
  })

  it('shows a QR code of the new link', async () => {
    await renderDialog()
    create()
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'QR code' }))
    expect(screen.getByRole('img', { name: 'QR code of the link to q3.pdf' })).toBeInTheDocument()
  })

  it('never shows an expiry next to an invalid exact duration', async () => {
    await renderDialog()
    expect(screen.getByText(/^Expires/)).toBeInTheDocument()
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Exact duration' }), {
      target: { value: '0' }
    })
    expect(screen.queryByText(/^Expires/)).not.toBeInTheDocument()
    expect(screen.getByText('No expiry yet: fix the lifetime above.')).toBeInTheDocument()
  })
})

describe('ShareDialog: the session-token warning', () => {
  it('is shown in full the first time for a profile, and remembered', async () => {
    const { fake } = await renderDialog({ temporary: true })
    expect(screen.getByTestId('session-warning')).toHaveTextContent(
      'This link may stop working before the time chosen here.'
    )
    expect(fake.api.setPreferences).toHaveBeenCalledWith({ seenSessionWarnings: ['dev'] })
    // Still in full while this dialog is open.
    expect(screen.getByTestId('session-warning')).toHaveTextContent('The app cannot see when')
  })

  it('is one line with a "more" toggle once seen', async () => {
    await renderDialog({ temporary: true, prefs: { seenSessionWarnings: ['dev'] } })
    const warning = screen.getByTestId('session-warning')
    expect(warning).toHaveTextContent(
      'This link may stop working early: profile dev uses a session token with no known end.'
    )
    expect(warning).not.toHaveTextContent('The app cannot see when')
    const more = within(warning).getByRole('button', { name: 'more' })
    expect(more).toHaveAttribute('aria-expanded', 'false')
    fireEvent.click(more)
    expect(warning).toHaveTextContent('The app cannot see when')
    expect(within(warning).getByRole('button', { name: 'less' })).toHaveAttribute(
      'aria-expanded',
      'true'
    )
  })
})
