import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { makeLink } from '../../lib/test-utils'
import { NOW, renderPanel, setUpLinksPanelTests } from './links-test-kit'

setUpLinksPanelTests()

describe('notices about the link registry', () => {
  it('says when links were imported from links.json, and where the old file is kept', async () => {
    const imported = {
      from: '/home/me/.config/S3 Share Manager/links.json',
      backup: '/home/me/.config/S3 Share Manager/links.json.imported-2025-11-28',
      count: 123,
      skipped: 2,
      at: new Date(NOW).toISOString()
    }
    const view = await renderPanel([makeLink()], { status: { imported } })
    const notice = screen.getByText(/^Imported/).closest('.links-banner') as HTMLElement
    expect(notice).toHaveTextContent(
      'Imported 123 links from links.json; the old file is kept as /home/me/.config/S3 Share Manager/links.json.imported-2025-11-28.'
    )
    expect(notice).toHaveTextContent(
      '2 entries of the old file could not be read and were skipped.'
    )

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText(/^Imported/)).not.toBeInTheDocument()
    // Still dismissed when the view opens again.
    view.unmount()
    await renderPanel([makeLink()], { status: { imported } })
    expect(screen.queryByText(/^Imported/)).not.toBeInTheDocument()
  })

  it('says when the database could not be read and was moved aside', async () => {
    await renderPanel([], {
      status: {
        recoveredFrom: {
          movedTo: '/home/me/.config/S3 Share Manager/links.db.broken-1',
          reason: 'file is not a database'
        }
      }
    })
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent(
      'The links database could not be read and was moved to /home/me/.config/S3 Share Manager/links.db.broken-1; starting with an empty list.'
    )
    expect(alert).toHaveTextContent('file is not a database')
  })

  it('says how many stored links could not be read', async () => {
    await renderPanel([makeLink({ key: 'good.txt' })], { status: { unreadable: 3 } })
    expect(screen.getByRole('alert')).toHaveTextContent(
      '3 stored links could not be read and are not shown.'
    )
    expect(screen.getByText('good.txt')).toBeInTheDocument()
  })

  it('shows nothing when all is well', async () => {
    await renderPanel([makeLink()])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(document.querySelector('.links-banner')).toBeNull()
  })
})
