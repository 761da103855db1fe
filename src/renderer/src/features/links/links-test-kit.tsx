import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import type {
  IssuedLink,
  LinkBatch,
  LinkQuery,
  LinkRegistryStatus
} from '../../../../shared/models'
import { DAY_MS, MINUTE_MS } from '../../../../shared/time-units'
import {
  advance,
  installFakeApi,
  makeLink,
  renderWithClient,
  settle,
  type FakeHandlers
} from '../../lib/test-utils'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import { createFakeLinkRegistry } from './fake-link-registry'
import { LinksPanel } from './LinksPanel'

/** What the Links view's tests share: a fake registry behind `window.api`, layout, row lookups. */

export const NOW = Date.parse('2025-11-28T14:00:00.250Z')

/** jsdom lays nothing out: give the scroll areas a size so the virtualizers have rows to show. */
export function giveListsAHeight() {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    if (this.classList.contains('links-scroll')) return 600
    if (this.classList.contains('batch-links-scroll')) return 264
    return 0
  })
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    return this.classList.contains('links-scroll') ? 1200 : 0
  })
}

/**
 * Each test of the file on the fake clock at NOW, with sized lists and no remembered view state.
 * Call at the top level of a test file.
 */
export function setUpLinksPanelTests() {
  stubModalDialogs()
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW })
    giveListsAHeight()
    sessionStorage.clear()
  })

  afterEach(() => {
    // Unmount while the fake clock is installed, so the shared tick's timer is cleared on it.
    cleanup()
    vi.useRealTimers()
    vi.restoreAllMocks()
  })
}

/**
 * Lets the work a clock tick started land: timers set during a tick at 0 ms are due 1 ms later
 * on the fake clock (refetches, query notifications).
 */
export async function settleAfterTick() {
  await advance(1)
  await settle()
}

export function mainTable() {
  return screen.getByRole('table', { name: /^Links(?! of)/ })
}

/** The rows of the main list, without the header and without a batch's own links. */
export function dataRows() {
  const body = mainTable().querySelector(':scope > .links-body') as HTMLElement
  return Array.from(body.children).filter((row) => row.getAttribute('role') === 'row')
}

/** The innermost row showing `name` (a batch's row also contains its links' rows). */
export function rowFor(name: string) {
  const row = screen
    .getAllByRole('row')
    .filter((candidate) => within(candidate).queryByText(name))
    .at(-1)
  if (!row) throw new Error(`No row for ${name}`)
  return row
}

export function names() {
  return dataRows().map((row) => row.querySelector('.object-name')?.textContent)
}

/** The LinkQuery of every `queryLinks` call so far, page-sized ones only. */
export function pageQueries(fake: ReturnType<typeof installFakeApi>): LinkQuery[] {
  return fake.api.queryLinks.mock.calls.map(([query]) => query).filter((query) => query.limit > 1)
}

export function makeBatch(overrides: Partial<LinkBatch> & { id: string }): LinkBatch {
  return {
    createdAt: new Date(NOW - MINUTE_MS).toISOString(),
    profileId: 'dev',
    bucket: 'photos',
    label: '',
    source: { kind: 'prefix', prefix: 'photos/2024/' },
    requestedExpiresInSeconds: 86_400,
    expiresAt: new Date(NOW + DAY_MS - MINUTE_MS).toISOString(),
    cappedBy: null,
    linkCount: 0,
    failedCount: 0,
    state: 'done',
    ...overrides
  }
}

export function batchLinks(batch: LinkBatch, count: number): IssuedLink[] {
  return Array.from({ length: count }, (_, index) =>
    makeLink({
      key: `photos/2024/img-${String(index).padStart(4, '0')}.jpg`,
      bucket: batch.bucket,
      batchId: batch.id,
      createdAt: batch.createdAt,
      expiresAt: batch.expiresAt,
      requestedExpiresAt: batch.expiresAt
    })
  )
}

export async function renderPanel(
  links: IssuedLink[],
  options: {
    batches?: LinkBatch[]
    status?: Partial<LinkRegistryStatus>
    handlers?: FakeHandlers
  } = {}
) {
  const registry = createFakeLinkRegistry({ links, batches: options.batches }, options.status)
  const fake = installFakeApi({ ...registry.handlers, ...options.handlers })
  registry.jobs.emit = (job) => fake.emit('onJobChanged', job)
  const view = renderWithClient(<LinksPanel />)
  await settle()
  return { fake, registry, ...view }
}
