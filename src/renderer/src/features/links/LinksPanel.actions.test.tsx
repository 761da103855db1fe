import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fail, makeLink, settle } from '../../lib/test-utils'
import { renderPanel, rowFor, setUpLinksPanelTests } from './links-test-kit'

setUpLinksPanelTests()

describe('LinksPanel row actions', () => {
  it('copies a link again, opens it and forgets it through main', async () => {
    const link = makeLink({ key: 'share/me.txt' })
    const { fake } = await renderPanel([link])
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to me.txt' }))
    await settle()
    expect(fake.api.writeClipboardText).toHaveBeenCalledWith({ text: link.url })
    expect(screen.getByRole('status')).toHaveTextContent('Link to me.txt copied to the clipboard.')

    fireEvent.click(screen.getByRole('button', { name: 'Show me.txt in browser' }))
    await settle()
    expect(fake.api.openLinkInBrowser).toHaveBeenCalledWith({ id: link.id })

    fireEvent.click(screen.getByRole('button', { name: 'Forget link to me.txt' }))
    await settle()
    expect(fake.api.forgetLink).toHaveBeenCalledWith({ id: link.id })
    expect(screen.queryByText('me.txt')).not.toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Forgot the link to me.txt.')
    expect(screen.getByRole('group', { name: 'Undo' })).toBeInTheDocument()
  })

  it('shows main’s message when an action fails', async () => {
    await renderPanel([makeLink({ key: 'x.txt' })], {
      handlers: {
        openLinkInBrowser: async () => fail('link-not-found', 'That link is no longer in the list.')
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show x.txt in browser' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not open the link: That link is no longer in the list.'
    )
  })

  it('says so when a link cannot be copied', async () => {
    await renderPanel([makeLink({ key: 'x.txt' })], {
      handlers: { writeClipboardText: async () => fail('internal', 'The clipboard is busy.') }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to x.txt' }))
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not copy the link: The clipboard is busy.'
    )
    expect(screen.getByRole('button', { name: 'Copy link to x.txt' })).not.toHaveClass('is-done')
  })

  it('shows a link with impossible dates instead of failing the whole panel', async () => {
    await renderPanel([
      makeLink({
        key: 'odd/broken.txt',
        createdAt: 'not a date',
        expiresAt: '2025-13-45T99:00:00Z',
        requestedExpiresAt: 'garbage',
        cappedBy: 'credentials'
      }),
      makeLink({ key: 'fine.txt' })
    ])
    const row = rowFor('broken.txt')
    expect(row).toHaveTextContent('Expired')
    expect(row).toHaveTextContent('capped by credentials')
    expect(rowFor('fine.txt')).toHaveTextContent('expires in 1 h 00 min')
  })

  it('says why the list could not be loaded, and tries again on request', async () => {
    let broken = true
    const { registry } = await renderPanel([makeLink({ key: 'back.txt' })], {
      handlers: {
        queryLinks: async (query) =>
          broken
            ? fail('registry-busy', 'The link database is busy.')
            : registry.handlers.queryLinks(query)
      }
    })
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the links: The link database is busy.'
    )
    broken = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(rowFor('back.txt')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
