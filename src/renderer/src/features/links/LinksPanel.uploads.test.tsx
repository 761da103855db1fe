import { fireEvent, screen, within } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../../shared/errors'
import type { IssuedLink, ReceivedFiles } from '../../../../shared/models'
import { HOUR_MS as HOUR, SECOND_MS } from '../../../../shared/time-units'
import { advance, fail, makeLink, ok, settle } from '../../lib/test-utils'
import { uploadLinkFor } from '../share/receive-test-kit'
import { NOW, renderPanel, rowFor, settleAfterTick, setUpLinksPanelTests } from './links-test-kit'

beforeAll(() => {
  // jsdom has no modal dialogs; these do what matters here.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

setUpLinksPanelTests()

const base = { profileId: 'dev', bucket: 'acme-data', expiresInSeconds: 3600 }

function putLink(key = 'inbox/report.pdf'): IssuedLink {
  return uploadLinkFor({
    ...base,
    destination: { kind: 'key', key },
    method: 'PUT',
    contentType: { kind: 'exact', contentType: 'application/pdf' }
  })
}

function postLink(prefix = 'inbox/'): IssuedLink {
  return uploadLinkFor({
    ...base,
    destination: { kind: 'prefix', prefix },
    method: 'POST',
    maxBytes: 25_000_000,
    minBytes: 0,
    contentType: { kind: 'starts-with', prefix: 'image/' }
  })
}

function pageLink(): IssuedLink {
  return uploadLinkFor({
    ...base,
    destination: { kind: 'key', key: 'forms/invoice.pdf' },
    method: 'PUT',
    page: { key: '.s3-share/upload-1a2b.html' }
  })
}

function received(linkId: string, files: Array<[string, number]>): ReceivedFiles {
  return {
    linkId,
    files: files.length,
    bytes: files.reduce((sum, [, size]) => sum + size, 0),
    recent: files.map(([key, size]) => ({ key, size, lastModified: null })),
    checkedAt: new Date(NOW).toISOString()
  }
}

function receivedText(name: string) {
  return within(rowFor(name)).getByTestId('received')
}

describe('upload links in the Links view', () => {
  it('shows each upload link’s kind, destination and limits beside download links', async () => {
    await renderPanel([putLink(), postLink(), pageLink(), makeLink({ key: 'reports/q3.pdf' })], {
      handlers: { checkReceived: async ({ id }) => ok(received(id, [])) }
    })
    expect(rowFor('report.pdf')).toHaveTextContent('Upload · PUT')
    expect(rowFor('report.pdf')).toHaveTextContent('inbox/ · PDF documents only, any size')
    expect(rowFor('Any file name')).toHaveTextContent('Upload · POST')
    expect(rowFor('Any file name')).toHaveTextContent('inbox/ · up to 25 MB, images only')
    expect(rowFor('invoice.pdf')).toHaveTextContent('Upload page')
    // Only a page is worth opening in a browser: a PUT or POST URL answers a GET with an error.
    expect(screen.getByRole('button', { name: 'Open the upload page for forms/invoice.pdf' }))
    expect(within(rowFor('report.pdf')).queryByRole('button', { name: /Open|Show/ })).toBeNull()
    expect(within(rowFor('q3.pdf')).queryByTestId('received')).toBeNull()
    expect(within(rowFor('q3.pdf')).getByRole('button', { name: 'Show q3.pdf in browser' }))
  })

  it('checks shown working upload links at once and every 30 seconds, and says what arrived', async () => {
    const put = putLink()
    const post = postLink()
    const expired = { ...putLink('inbox/old.pdf'), expiresAt: new Date(NOW - HOUR).toISOString() }
    let arrivals: Array<[string, number]> = []
    const { fake } = await renderPanel([put, post, expired, makeLink({ key: 'q3.pdf' })], {
      handlers: {
        checkReceived: async ({ id }) => ok(received(id, id === post.id ? arrivals : []))
      }
    })
    await settleAfterTick()
    const checked = () => fake.api.checkReceived.mock.calls.map(([args]) => args.id).sort()
    expect(checked()).toEqual([put.id, post.id].sort())
    expect(receivedText('report.pdf')).toHaveTextContent('No files yet')
    expect(receivedText('Any file name')).toHaveTextContent('No files yet')
    expect(receivedText('old.pdf')).toHaveTextContent('Not checked')

    arrivals = [
      ['inbox/cat.png', 2_400_000],
      ['inbox/dog.png', 1_000_000]
    ]
    await advance(29 * SECOND_MS)
    expect(fake.api.checkReceived).toHaveBeenCalledTimes(2)
    await advance(1 * SECOND_MS)
    await settle()
    expect(fake.api.checkReceived).toHaveBeenCalledTimes(4)
    const line = receivedText('Any file name')
    expect(line).toHaveTextContent('2 files · 3.4 MB')
    expect(line).toHaveAttribute('title', expect.stringMatching(/^cat\.png \(2\.4 MB\)\ndog\.png/))
  })

  it('checks at most two links at a time', async () => {
    const links = [putLink('a.pdf'), putLink('b.pdf'), putLink('c.pdf'), postLink('d/')]
    const answers: Array<() => void> = []
    const { fake } = await renderPanel(links, {
      handlers: {
        checkReceived: ({ id }) =>
          new Promise<IpcResult<ReceivedFiles>>((resolve) =>
            answers.push(() => resolve(ok(received(id, []))))
          )
      }
    })
    await settle()
    expect(fake.api.checkReceived).toHaveBeenCalledTimes(2)
    answers.shift()?.()
    await settle()
    expect(fake.api.checkReceived).toHaveBeenCalledTimes(3)
    while (answers.length) {
      answers.shift()?.()
      await settle()
    }
    expect(fake.api.checkReceived).toHaveBeenCalledTimes(4)
  })

  it('checks on demand with the row’s Check button, an expired link too, and says when it fails', async () => {
    const expired = { ...putLink(), expiresAt: new Date(NOW - HOUR).toISOString() }
    let answer: IpcResult<ReceivedFiles> = ok(received(expired.id, [['inbox/report.pdf', 5000]]))
    const { fake } = await renderPanel([expired], {
      handlers: { checkReceived: async () => answer }
    })
    expect(fake.api.checkReceived).not.toHaveBeenCalled()
    const check = screen.getByRole('button', {
      name: 'Check files received through inbox/report.pdf'
    })
    fireEvent.click(check)
    await settle()
    expect(receivedText('report.pdf')).toHaveTextContent('1 file · 5.0 KB')

    answer = fail('access-denied', 'Access denied: profile dev may not list acme-data.')
    fireEvent.click(check)
    await settle()
    expect(receivedText('report.pdf')).toHaveTextContent('Check failed')
    expect(receivedText('report.pdf')).toHaveAttribute(
      'title',
      'Access denied: profile dev may not list acme-data.'
    )
  })

  it('copies a POST link’s curl command, which carries its fields', async () => {
    const post = postLink()
    const { fake } = await renderPanel([post], {
      handlers: { checkReceived: async ({ id }) => ok(received(id, [])) }
    })
    fireEvent.click(
      screen.getByRole('button', { name: 'Copy upload command for inbox/any file name' })
    )
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: post.upload!.command })
  })

  it('asks whether to delete the page when forgetting a page link, yes by default', async () => {
    const page = pageLink()
    const other = pageLink()
    const put = putLink()
    const { fake } = await renderPanel([page, other, put], {
      handlers: { checkReceived: async ({ id }) => ok(received(id, [])) }
    })
    const forget = () =>
      screen.getAllByRole('button', { name: 'Forget link to forms/invoice.pdf' })[0]!

    fireEvent.click(forget())
    let dialog = screen.getByRole('dialog', { name: 'Forget this upload page link?' })
    const box = within(dialog).getByRole('checkbox', { name: /Also delete the page/ })
    expect(box).toBeChecked()
    expect(dialog).toHaveTextContent('.s3-share/upload-1a2b.html')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(fake.api.forgetLink).not.toHaveBeenCalled()

    fireEvent.click(forget())
    dialog = screen.getByRole('dialog', { name: 'Forget this upload page link?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Forget' }))
    await settle()
    expect(fake.api.forgetLink).toHaveBeenCalledWith({
      id: expect.stringMatching(/^link-/),
      deletePage: true
    })
    expect(screen.getByRole('status')).toHaveTextContent(
      'Forgot the link to forms/invoice.pdf and deleted its upload page'
    )

    fireEvent.click(forget())
    dialog = screen.getByRole('dialog', { name: 'Forget this upload page link?' })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Also delete the page/ }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Forget' }))
    await settle()
    expect(fake.api.forgetLink).toHaveBeenLastCalledWith({
      id: expect.stringMatching(/^link-/),
      deletePage: false
    })

    // Other upload links go at once, as download links do.
    fireEvent.click(screen.getByRole('button', { name: 'Forget link to inbox/report.pdf' }))
    await settle()
    expect(fake.api.forgetLink).toHaveBeenLastCalledWith({ id: put.id })
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
