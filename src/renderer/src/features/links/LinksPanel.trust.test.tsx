import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { LinkSelfTest } from '../../../../shared/models'
import { HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../../../../shared/time-units'
import { makeLink, settle } from '../../lib/test-utils'
import { uploadLinkFor } from '../share/receive-test-kit'
import { worksTest } from './fake-link-trust'
import { names, NOW, renderPanel, rowFor, setUpLinksPanelTests } from './links-test-kit'

setUpLinksPanelTests()

const tab = (label: string) => screen.getByRole('radio', { name: new RegExp(`^${label}`) })
const testAll = () => within(document.querySelector('.test-all') as HTMLElement)

const wrongSecret: LinkSelfTest = {
  outcome: 'signature-mismatch',
  httpStatus: 403,
  s3Code: 'SignatureDoesNotMatch',
  message: 'S3 refused the signature: the secret key is wrong or the link was changed.',
  testedAt: new Date(NOW - MINUTE).toISOString()
}

describe('LinksPanel self-tests', () => {
  it('shows each link’s self-test: works, failed with the reason, not tested, uploads not tested', async () => {
    await renderPanel([
      makeLink({ key: 'good.txt', selfTest: worksTest(new Date(NOW).toISOString()) }),
      makeLink({ key: 'bad.txt', selfTest: wrongSecret }),
      makeLink({ key: 'never.txt' }),
      uploadLinkFor({
        profileId: 'dev',
        bucket: 'acme-data',
        expiresInSeconds: 3600,
        destination: { kind: 'key', key: 'inbox/drop.pdf' },
        method: 'PUT'
      })
    ])
    expect(within(rowFor('good.txt')).getByText('Works')).toBeInTheDocument()
    const bad = within(rowFor('bad.txt')).getByText('Failed: Wrong signature')
    expect(bad).toHaveTextContent(wrongSecret.message)
    expect(bad.getAttribute('title')).toMatch(/SignatureDoesNotMatch, HTTP 403/)
    expect(within(rowFor('never.txt')).getByText('Not tested')).toBeInTheDocument()
    expect(rowFor('drop.pdf')).toHaveTextContent('Not tested by uploading')
    expect(
      within(rowFor('drop.pdf')).queryByRole('button', { name: /^Test link/ })
    ).not.toBeInTheDocument()
  })

  it('tests one link on request and shows what it found', async () => {
    const link = makeLink({ key: 'check-me.txt' })
    const { fake, registry } = await renderPanel([link])
    registry.outcomes.set(link.id, wrongSecret)
    fireEvent.click(screen.getByRole('button', { name: 'Test link to check-me.txt' }))
    await settle()
    expect(fake.api.testLink).toHaveBeenCalledWith({ id: link.id })
    expect(rowFor('check-me.txt')).toHaveTextContent('Failed: Wrong signature')
    expect(screen.getByRole('status')).toHaveTextContent(
      'The link to check-me.txt failed its test: S3 refused the signature'
    )
  })

  it('tests all active links as a job with progress and cancel, and says how many failed', async () => {
    const links = [
      makeLink({ key: 'one.txt' }),
      makeLink({ key: 'two.txt' }),
      makeLink({ key: 'three.txt' })
    ]
    const { fake, registry } = await renderPanel(links)
    registry.jobs.hold = true
    registry.outcomes.set(links[0]!.id, wrongSecret)
    fireEvent.click(screen.getByRole('button', { name: 'Test all active' }))
    await settle()
    expect(fake.api.testAllLinks).toHaveBeenCalledTimes(1)
    expect(testAll().getByText('Testing: 0 of 3…')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Testing links' })).toHaveAttribute('max', '3')

    registry.jobs.step('job-1')
    await settle()
    expect(testAll().getByText('Testing: 1 of 3, 1 failed…')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await settle()
    expect(fake.api.cancelJob).toHaveBeenCalledWith({ jobId: 'job-1' })
    expect(testAll().getByText('Cancelled after testing 1 link: 1 failed (see their rows).'))
    expect(rowFor('one.txt')).toHaveTextContent('Failed: Wrong signature')

    registry.jobs.hold = false
    fireEvent.click(screen.getByRole('button', { name: 'Test all active' }))
    await settle()
    expect(testAll().getByText('Tested 3 links: 1 failed (see their rows).')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Tested 3 links: 1 failed')
    // Each result was recorded with its link; the list is asked for again once the job ends.
    await settle()
    expect(rowFor('two.txt')).toHaveTextContent('Works')
  })
})

describe('LinksPanel renew, watch, QR', () => {
  it('renews an expired link in one click and shows the chain in the details', async () => {
    const old = makeLink({
      key: 'report.pdf',
      label: 'for Bob',
      createdAtMs: NOW - 3 * HOUR,
      expiresAtMs: NOW - HOUR
    })
    const fresh = makeLink({ key: 'fresh.txt', createdAtMs: NOW - 5 * HOUR })
    const { fake } = await renderPanel([old, fresh])
    expect(
      within(rowFor('fresh.txt')).queryByRole('button', { name: /^Renew/ })
    ).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Renew link to report.pdf' }))
    await settle()
    expect(fake.api.renewLink).toHaveBeenCalledWith({ id: old.id })
    expect(names()).toEqual(['report.pdf', 'report.pdf', 'fresh.txt'])
    expect(tab('Active')).toHaveAccessibleName('Active 2')
    expect(screen.getByRole('status')).toHaveTextContent('Renewed the link to report.pdf')
    // The old one is renewed already: no second Renew on it.
    expect(
      screen.queryByRole('button', { name: 'Renew link to report.pdf' })
    ).not.toBeInTheDocument()

    const [newRow] = screen.getAllByRole('row').filter((row) => row.textContent?.includes('Active'))
    fireEvent.click(within(newRow!).getByRole('button', { name: 'Details of link to report.pdf' }))
    await settle()
    const details = screen.getByRole('dialog', { name: 'Link to report.pdf' })
    expect(details).toHaveTextContent('Renewed from the link made')
    fireEvent.click(within(details).getByRole('button', { name: /^the link made/ }))
    await settle()
    const older = screen.getByRole('dialog', { name: 'Link to report.pdf' })
    expect(older).toHaveTextContent('Renewed by the link made')
    expect(within(older).getByText(/^this link, made/)).toBeInTheDocument()
  })

  it('watches a link with the bell, saying what watching does', async () => {
    const link = makeLink({ key: 'watch.txt' })
    const { fake } = await renderPanel([link])
    const bell = screen.getByRole('button', { name: 'Watch link to watch.txt' })
    expect(bell).toHaveAttribute('aria-pressed', 'false')
    expect(bell.getAttribute('title')).toMatch(/10 minutes before it expires and when it expires/)
    fireEvent.click(bell)
    await settle()
    expect(fake.api.watchLink).toHaveBeenCalledWith({ id: link.id, watched: true })
    expect(screen.getByRole('button', { name: 'Watch link to watch.txt' })).toHaveAttribute(
      'aria-pressed',
      'true'
    )
    expect(screen.getByRole('status')).toHaveTextContent('Watching the link to watch.txt.')
  })

  it('shows a link as a QR code, and its pinned version and inline disposition', async () => {
    await renderPanel([
      makeLink({
        key: 'pinned.pdf',
        versionId: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY',
        disposition: 'inline'
      })
    ])
    expect(rowFor('pinned.pdf')).toHaveTextContent('version 3HL4kqtJlc… · opens in browser')
    fireEvent.click(screen.getByRole('button', { name: 'QR code of link to pinned.pdf' }))
    await settle()
    expect(screen.getByRole('dialog', { name: 'QR code' })).toBeInTheDocument()
    expect(
      screen.getByRole('img', { name: 'QR code of the link to pinned.pdf' })
    ).toBeInTheDocument()
  })
})

describe('LinksPanel notifications setting', () => {
  it('shows whether watched links notify, and saves the change', async () => {
    const stored = {
      selectedProfileId: null,
      lastLocation: null,
      defaultExpiresInSeconds: 3_600,
      testNewLinks: true,
      notifyWatchedLinks: true,
      seenSessionWarnings: []
    }
    const { fake } = await renderPanel([makeLink({ key: 'watched.txt', watched: true })], {
      handlers: {
        getPreferences: async () => ({ ok: true, value: stored }),
        setPreferences: async (patch) => ({ ok: true, value: { ...stored, ...patch } })
      }
    })
    const toggle = screen.getByRole('checkbox', { name: 'Notifications' })
    expect(toggle).toBeChecked()
    fireEvent.click(toggle)
    await settle()
    expect(fake.api.setPreferences).toHaveBeenCalledWith({ notifyWatchedLinks: false })
    expect(toggle).not.toBeChecked()
  })
})
