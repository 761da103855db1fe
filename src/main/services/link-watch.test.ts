import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sampleDraft, T0 } from '../../../test-support/link-fixtures'
import { WATCH_NOTICE_LEAD_MS } from '../../shared/ipc-contract'
import type { IssuedLink, UploadLinkDetails } from '../../shared/models'
import { openLinkDatabase } from '../adapters/link-db'
import { createLinkService } from './links'
import { ARRIVAL_POLL_MS, createLinkWatch, WATCH_TICK_MS, type Notice } from './link-watch'
import type { LinkRepository, LinkService } from './registry-ports'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Every sample link expires an hour after T0. */
const EXPIRES = T0 + HOUR

const clock = { now: () => Date.now() }
let dir: string
const repositories: LinkRepository[] = []

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  dir = mkdtempSync(join(tmpdir(), 's3sm-watch-'))
})

afterEach(() => {
  vi.useRealTimers()
  for (const repository of repositories.splice(0)) repository.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The app's registry in `dir`: opened again, it is what a restarted app finds. */
function openLinks(): LinkService {
  const repository = openLinkDatabase({ dir, clock })
  repositories.push(repository)
  // No polling for other processes' changes: none here, and each poll is a fake-timer step.
  return createLinkService({ repository, clock, pollIntervalMs: 24 * HOUR })
}

/** One app run's notifications, over the registry in `dir`. */
function app(options: { enabled?: () => boolean; files?: () => number; links?: LinkService } = {}) {
  const links = options.links ?? openLinks()
  const shown: Notice[] = []
  const watch = createLinkWatch({
    links,
    received: async () => ({ files: options.files?.() ?? 0 }),
    notify: (notice) => shown.push(notice),
    enabled: options.enabled ?? (() => true),
    clock,
    formatTime: (at) => new Date(at).toISOString().slice(11, 16)
  })
  return { links, shown, watch }
}

function watchedLink(links: LinkService, n: number, overrides: Partial<IssuedLink> = {}) {
  const link = links.record(sampleDraft(n, { createdAt: new Date(T0).toISOString(), ...overrides }))
  return links.update(link.id, { watched: true })
}

/** Moves the clock to `at` the way time passes: every tick on the way fires. */
async function runUntil(at: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(at - Date.now())
}

/** Changes the wall clock at once (a sleep, a time-zone or NTP fix), then lets one tick run. */
async function jumpTo(at: number): Promise<void> {
  vi.setSystemTime(at)
  await vi.advanceTimersByTimeAsync(WATCH_TICK_MS)
}

describe('notifications for watched links', () => {
  it('notifies 10 minutes before a watched link expires and again when it expires, once each', async () => {
    const { links, shown, watch } = app()
    const link = watchedLink(links, 1, { label: 'Board pack' })
    watch.start()
    await runUntil(EXPIRES - WATCH_NOTICE_LEAD_MS - MINUTE)
    expect(shown).toEqual([])
    await runUntil(EXPIRES - WATCH_NOTICE_LEAD_MS + WATCH_TICK_MS)
    expect(shown).toEqual([
      {
        title: 'Link expires in 10 min',
        body: '“Board pack” stops working at 13:00. Renew it from the Links view if it is still needed.',
        linkId: link.id
      }
    ])
    await runUntil(EXPIRES + WATCH_TICK_MS)
    expect(shown.map((notice) => notice.title)).toEqual(['Link expires in 10 min', 'Link expired'])
    await runUntil(EXPIRES + 3 * HOUR)
    expect(shown).toHaveLength(2)
    expect(links.get(link.id).notified).toMatchObject({
      expiringAt: expect.any(String),
      expiredAt: expect.any(String)
    })
    watch.stop()
  })

  it('says nothing more about a watched link once it is renewed: its renewal is what ends next', async () => {
    const { links, shown, watch } = app()
    const old = watchedLink(links, 1, { label: 'Board pack' })
    const renewal = watchedLink(links, 2, {
      label: 'Board pack',
      renewedFromId: old.id,
      expiresAt: new Date(EXPIRES + 2 * HOUR).toISOString()
    })
    links.update(old.id, { renewedById: renewal.id })
    watch.start()
    await runUntil(EXPIRES + WATCH_TICK_MS)
    expect(shown).toEqual([])
    await runUntil(EXPIRES + 2 * HOUR + WATCH_TICK_MS)
    expect(shown.map((notice) => notice.linkId)).toEqual([renewal.id, renewal.id])
    watch.stop()
  })

  it('says nothing about links that are not watched', async () => {
    const { links, shown, watch } = app()
    links.record(sampleDraft(1))
    watch.start()
    await runUntil(EXPIRES + HOUR)
    expect(shown).toEqual([])
    watch.stop()
  })

  it('repeats nothing after a restart, and sums up what expired while the app was closed in one notice', async () => {
    const first = app()
    const a = watchedLink(first.links, 1, { label: 'A' })
    watchedLink(first.links, 2, { label: 'B' })
    first.watch.start()
    await runUntil(EXPIRES - 5 * MINUTE)
    expect(first.shown.map((notice) => notice.title)).toEqual(['2 watched links expire soon'])
    first.watch.stop()

    // Restarted before the links expire: the "expire soon" notice is not shown again.
    const second = app()
    second.watch.start()
    await runUntil(EXPIRES - MINUTE)
    expect(second.shown).toEqual([])
    second.watch.stop()

    // Closed for hours; both links expired meanwhile.
    vi.setSystemTime(EXPIRES + 3 * HOUR)
    const third = app()
    third.watch.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(third.shown).toEqual([
      {
        title: '2 watched links expired',
        body: '“A”, “B” expired while the app was closed.',
        linkId: a.id
      }
    ])
    third.watch.stop()
  })

  it('copes with the clock jumping forwards past the whole warning window: one notice, not two', async () => {
    const { links, shown, watch } = app()
    watchedLink(links, 1, { label: 'Report' })
    watch.start()
    await runUntil(T0 + 10 * MINUTE)
    await jumpTo(EXPIRES + 2 * HOUR)
    expect(shown).toEqual([
      expect.objectContaining({
        title: 'A watched link expired',
        body: '“Report” expired while the computer slept or its clock changed.'
      })
    ])
    watch.stop()
  })

  it('copes with the clock set backwards: no repeated warning, and the expiry notice still comes', async () => {
    const { links, shown, watch } = app()
    watchedLink(links, 1)
    watch.start()
    await runUntil(EXPIRES - 5 * MINUTE)
    expect(shown).toHaveLength(1)
    await jumpTo(EXPIRES - 2 * HOUR)
    await runUntil(EXPIRES - 5 * MINUTE)
    expect(shown).toHaveLength(1)
    await runUntil(EXPIRES + WATCH_TICK_MS)
    expect(shown.map((notice) => notice.title)).toEqual(['Link expires in 10 min', 'Link expired'])
    watch.stop()
  })

  it('shows nothing while notifications are turned off, and does not replay them when turned on', async () => {
    let enabled = false
    const { links, shown, watch } = app({ enabled: () => enabled })
    watchedLink(links, 1)
    watch.start()
    await runUntil(EXPIRES + 5 * MINUTE)
    expect(shown).toEqual([])
    enabled = true
    await runUntil(EXPIRES + HOUR)
    expect(shown).toEqual([])
    watch.stop()
  })

  it('reacts at once when a link is watched close to its expiry, and stays silent about a link already expired', async () => {
    const { links, shown, watch } = app()
    const soon = links.record(
      sampleDraft(1, { expiresAt: new Date(T0 + 4 * MINUTE).toISOString(), label: 'Soon' })
    )
    const gone = links.record(
      sampleDraft(2, { expiresAt: new Date(T0 - HOUR).toISOString(), label: 'Gone' })
    )
    watch.start()
    await watch.check()
    links.update(soon.id, { watched: true })
    links.update(gone.id, { watched: true })
    // No tick has passed: the change event alone was enough.
    await vi.advanceTimersByTimeAsync(0)
    await watch.check()
    expect(shown).toEqual([
      expect.objectContaining({ title: 'Link expires in 4 min', linkId: soon.id })
    ])
    watch.stop()
  })

  it('forgets a link that is unwatched or forgotten', async () => {
    const { links, shown, watch } = app()
    const unwatched = watchedLink(links, 1)
    const forgotten = watchedLink(links, 2)
    watch.start()
    links.update(unwatched.id, { watched: false })
    links.forget(forgotten.id)
    await runUntil(EXPIRES + HOUR)
    expect(shown).toEqual([])
    watch.stop()
  })
})

describe('arrival notices for watched upload links', () => {
  const upload: UploadLinkDetails = {
    kind: 'put',
    uploadMethod: 'PUT',
    destination: { kind: 'prefix', prefix: 'inbox/' },
    contentType: null,
    minBytes: null,
    maxBytes: null,
    fields: null,
    headers: null,
    uploadUrl: 'https://s3.example.com/inbox/',
    command: 'curl',
    pageKey: null
  }

  it('notifies when new files arrive, once per arrival, across a restart', async () => {
    let files = 1
    const first = app({ files: () => files })
    const link = watchedLink(first.links, 1, {
      method: 'PUT',
      key: 'inbox/',
      label: 'Scans',
      upload
    })
    first.watch.start()
    await runUntil(T0 + 5 * MINUTE)
    // The files already there when watching began are not news.
    expect(first.shown).toEqual([])
    files = 3
    await runUntil(T0 + 5 * MINUTE + ARRIVAL_POLL_MS + WATCH_TICK_MS)
    expect(first.shown).toEqual([
      {
        title: '2 files arrived',
        body: '2 new files came in through “Scans” (3 in all).',
        linkId: link.id
      }
    ])
    first.watch.stop()

    const second = app({ files: () => files })
    second.watch.start()
    await runUntil(T0 + 20 * MINUTE)
    expect(second.shown).toEqual([])
    files = 4
    await runUntil(T0 + 20 * MINUTE + ARRIVAL_POLL_MS + WATCH_TICK_MS)
    expect(second.shown.map((notice) => notice.title)).toEqual(['A file arrived'])
    second.watch.stop()
  })
})
