import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import { makeLink, settle } from '../../lib/test-utils'
import { names, NOW, renderPanel, rowFor, setUpLinksPanelTests } from './links-test-kit'

setUpLinksPanelTests()

const tab = (label: string) => screen.getByRole('radio', { name: new RegExp(`^${label}`) })

function sameObjectLinks() {
  return [
    makeLink({ key: 'deals/contract.pdf', label: 'for Ann', createdAtMs: NOW - 3 * MINUTE }),
    makeLink({ key: 'deals/contract.pdf', label: 'for Ben', createdAtMs: NOW - 2 * MINUTE }),
    makeLink({ key: 'deals/other.pdf', createdAtMs: NOW - MINUTE })
  ]
}

describe('LinksPanel revoke', () => {
  it('explains what works, and deletes the object only after a confirmation naming every link it ends', async () => {
    const links = sameObjectLinks()
    const { fake } = await renderPanel(links)
    const annRow = screen.getAllByRole('row').find((row) => row.textContent?.includes('for Ann'))!
    fireEvent.click(within(annRow).getByRole('button', { name: 'Revoke link to contract.pdf' }))
    await settle()
    const dialog = screen.getByRole('dialog', { name: 'Revoke the link to contract.pdf?' })
    expect(dialog).toHaveTextContent('A pre-signed link cannot be switched off on its own')
    expect(dialog).toHaveTextContent('Deactivate the access key that signed it')
    expect(dialog).toHaveTextContent('revoke the role’s active sessions')
    expect(fake.api.planRevoke).toHaveBeenCalledWith({ id: links[0]!.id })

    fireEvent.click(within(dialog).getByRole('radio', { name: /^Delete the object/ }))
    const others = within(dialog).getByRole('list', { name: 'Other links this ends' })
    expect(others).toHaveTextContent('contract.pdf “for Ben”')
    expect(dialog).toHaveTextContent('If the bucket keeps versions, older versions stay')
    const submit = within(dialog).getByRole('button', { name: 'Delete object and revoke 2 links' })
    expect(submit).toBeDisabled()
    const confirm = within(dialog).getByRole('checkbox', {
      name: /Yes, delete s3:\/\/acme-data\/deals\/contract.pdf/
    })
    expect(confirm).toHaveAccessibleName(/This ends 2 links \(“for Ann”, “for Ben”\)/)
    fireEvent.click(confirm)
    expect(submit).toBeEnabled()
    fireEvent.click(submit)
    await settle()
    expect(fake.api.revokeLink).toHaveBeenCalledWith({ id: links[0]!.id, action: 'delete-object' })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('2 links to it now show as revoked')

    expect(tab('Revoked')).toHaveAccessibleName('Revoked 2')
    expect(tab('Active')).toHaveAccessibleName('Active 1')
    fireEvent.click(tab('Revoked'))
    await settle()
    expect(names()).toEqual(['contract.pdf', 'contract.pdf'])
    for (const row of screen.getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('Revoked')
      expect(row).toHaveTextContent('Object deleted')
      expect(row).not.toHaveTextContent(/expires in/)
    }
  })

  it('only marks a link revoked when the user ended it another way', async () => {
    const links = sameObjectLinks()
    const { fake } = await renderPanel(links)
    fireEvent.click(screen.getByRole('button', { name: 'Revoke link to other.pdf' }))
    await settle()
    const dialog = screen.getByRole('dialog', { name: 'Revoke the link to other.pdf?' })
    fireEvent.click(within(dialog).getByRole('radio', { name: /only mark it revoked/ }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark revoked' }))
    await settle()
    expect(fake.api.revokeLink).toHaveBeenCalledWith({ id: links[2]!.id, action: 'mark' })
    expect(rowFor('other.pdf')).toHaveTextContent('Marked revoked')
    expect(tab('Revoked')).toHaveAccessibleName('Revoked 1')
    expect(tab('All')).toHaveAccessibleName('All 3')
    expect(
      within(rowFor('other.pdf')).queryByRole('button', { name: /^Revoke/ })
    ).not.toBeInTheDocument()
  })

  it('counts a revoked link only as revoked, even once it has expired', async () => {
    await renderPanel([
      makeLink({
        key: 'gone.txt',
        expiresAtMs: NOW - HOUR,
        revoked: { at: new Date(NOW - 2 * HOUR).toISOString(), how: 'marked' }
      })
    ])
    expect(tab('Revoked')).toHaveAccessibleName('Revoked 1')
    expect(tab('Expired')).toHaveAccessibleName('Expired 0')
    expect(screen.getByRole('button', { name: 'Clear expired (0)' })).toBeDisabled()
  })
})
