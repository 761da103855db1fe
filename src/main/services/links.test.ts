import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { T0, sampleDraft as draft } from '../../../test-support/link-fixtures'
import { parseCsv } from '../../shared/csv'
import { AppError } from '../../shared/errors'
import type { IssuedLink, LinkListRow, LinksChangedEvent } from '../../shared/models'
import { openLinkDatabase } from '../adapters/link-db'
import { createLinkService, RECORD_CHUNK, timeOrderedId, type PollTimer } from './links'
import { UNDO_WINDOW_MS } from '../../shared/ipc-contract'
import { UNDO_KEEP_MS, type BatchDraft, type LinkRepository } from './registry-ports'

/** A timer the test ticks by hand, in place of the once-a-second poll. */
function manualTimer(): PollTimer & { tick(): void; running: number } {
  const callbacks = new Map<number, () => void>()
  let next = 0
  return {
    setInterval(callback) {
      callbacks.set(++next, callback)
      return next
    },
    clearInterval(handle) {
      callbacks.delete(handle as number)
    },
    tick() {
      for (const callback of callbacks.values()) callback()
    },
    get running() {
      return callbacks.size
    }
  }
}

let dir: string
const repositories: LinkRepository[] = []

function openRepository(): LinkRepository {
  const repository = openLinkDatabase({ dir, clock: { now: () => T0 } })
  repositories.push(repository)
  return repository
}

function setup() {
  const clock = { time: T0, now: () => clock.time }
  const timer = manualTimer()
  let counter = 0
  const repository = openRepository()
  const links = createLinkService({ repository, clock, timer, newId: () => `link-${++counter}` })
  const events: LinksChangedEvent[] = []
  return { clock, timer, links, repository, events }
}

function linksOf(rows: LinkListRow[]): IssuedLink[] {
  return rows.flatMap((row) => (row.kind === 'link' ? [row.link] : []))
}

const batchDraft: BatchDraft = {
  createdAt: new Date(T0).toISOString(),
  profileId: 'default',
  bucket: 'reports',
  label: 'Q1',
  source: { kind: 'prefix', prefix: '2026/q1/' },
  requestedExpiresInSeconds: 3600,
  expiresAt: new Date(T0 + 3_600_000).toISOString(),
  cappedBy: null
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-links-'))
})

afterEach(async () => {
  for (const repository of repositories.splice(0)) repository.close()
  await rm(dir, { recursive: true, force: true })
})

describe('link service', () => {
  it('records a link under a new id and lists the newest first', () => {
    const { links } = setup()
    const first = links.record(draft(1, { key: 'a.pdf' }))
    const second = links.record(draft(2, { key: 'b.pdf' }))
    expect(first.id).toBe('link-1')
    const page = links.query({ offset: 0, limit: 10 })
    expect(linksOf(page.rows).map((link) => link.key)).toEqual(['b.pdf', 'a.pdf'])
    expect(page).toMatchObject({ total: 2, now: T0, counts: { all: 2, active: 2 } })
    expect(links.get(second.id)).toEqual(second)
  })

  it('forgets a link, and says so clearly when it is not there', () => {
    const { links } = setup()
    const link = links.record(draft(1))
    links.forget(link.id)
    expect(links.query({ offset: 0, limit: 10 }).total).toBe(0)
    const forgetAgain = () => links.forget(link.id)
    expect(forgetAgain).toThrow(AppError)
    expect(forgetAgain).toThrow(/no longer in the list/)
    expect(() => links.get('nope')).toThrow(expect.objectContaining({ code: 'link-not-found' }))
  })

  it('opens only http(s) links in the browser, even from a hand-edited registry', () => {
    const { links } = setup()
    const web = links.record(draft(1))
    const odd = links.record(draft(2, { url: 'file:///etc/passwd' }))
    expect(links.urlToOpen(web.id)).toBe(web.url)
    expect(() => links.urlToOpen(odd.id)).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
    expect(() => links.urlToOpen('nope')).toThrow(
      expect.objectContaining({ code: 'link-not-found' })
    )
  })

  it('clears the links that stopped working, counting capped ones by their real expiry', () => {
    const { clock, links } = setup()
    links.record(draft(1, { key: 'long.pdf', expiresAt: new Date(T0 + 7_200_000).toISOString() }))
    links.record(
      draft(2, {
        key: 'capped.pdf',
        requestedExpiresAt: new Date(T0 + 7_200_000).toISOString(),
        expiresAt: new Date(T0 + 600_000).toISOString(),
        cappedBy: 'credentials'
      })
    )
    links.record(draft(3, { key: 'short.pdf', expiresAt: new Date(T0 + 60_000).toISOString() }))

    expect(links.clearExpired()).toEqual({ count: 0, undoToken: null })
    clock.time = T0 + 60_000
    expect(links.clearExpired().count).toBe(1)
    // Ten-minute lifetime: "expiring" for its last five minutes.
    clock.time = T0 + 400_000
    expect(links.query({ offset: 0, limit: 10 }).counts).toEqual({
      all: 2,
      active: 1,
      expiring: 1,
      expired: 0,
      revoked: 0
    })
    clock.time = T0 + 600_002
    expect(links.clearExpired().count).toBe(1)
    expect(linksOf(links.query({ offset: 0, limit: 10 }).rows).map((link) => link.key)).toEqual([
      'long.pdf'
    ])
  })

  it('tells listeners about every change in a few bytes, and stops when they unsubscribe', () => {
    const { clock, links, events } = setup()
    const unsubscribe = links.onChange((event) => events.push(event))

    const link = links.record(draft(1))
    links.forget(link.id)
    links.recordMany(Array.from({ length: RECORD_CHUNK * 2 + 1 }, (_, n) => draft(n)))
    links.record(draft(9, { expiresAt: new Date(T0 + 1000).toISOString() }))
    clock.time = T0 + 5000
    links.clearExpired()
    expect(events.map(({ reason, count }) => [reason, count])).toEqual([
      ['added', 1],
      ['removed', 1],
      ['added', RECORD_CHUNK * 2 + 1],
      ['added', 1],
      ['removed', 1]
    ])
    // Every event is newer than the one before, and each is tiny whatever the registry holds.
    const versions = events.map((event) => event.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    for (const event of events) expect(JSON.stringify(event).length).toBeLessThan(100)

    // Nothing changed: no event.
    links.clearExpired()
    links.recordMany([])
    expect(events).toHaveLength(5)

    unsubscribe()
    links.record(draft(10))
    expect(events).toHaveLength(5)
  })

  it('pages carry the version they were read at, matching the last event', () => {
    const { links, events } = setup()
    links.onChange((event) => events.push(event))
    links.record(draft(1))
    expect(links.query({ offset: 0, limit: 1 }).version).toBe(events.at(-1)?.version)
    expect(links.status().version).toBe(events.at(-1)?.version)
  })

  describe('links another process records', () => {
    it('are announced as an external change at the next poll, and only then', () => {
      const { links, timer, events } = setup()
      const commandLine = createLinkService({ repository: openRepository() })

      links.onChange((event) => events.push(event))
      timer.tick()
      expect(events).toEqual([])

      const made = commandLine.record(draft(1))
      expect(events).toEqual([])
      timer.tick()
      expect(events).toEqual([{ version: expect.any(Number), reason: 'external', count: 0 }])
      expect(links.get(made.id)).toEqual(made)
      expect(links.query({ offset: 0, limit: 1 }).version).toBe(events[0]?.version)

      // Its own changes are announced as they happen, never a second time by the poll.
      links.record(draft(2))
      timer.tick()
      timer.tick()
      expect(events.map((event) => event.reason)).toEqual(['external', 'added'])
    })

    it('are polled for only while someone listens', () => {
      const { links, timer } = setup()
      expect(timer.running).toBe(0)
      const stopFirst = links.onChange(() => {})
      const stopSecond = links.onChange(() => {})
      expect(timer.running).toBe(1)
      stopFirst()
      expect(timer.running).toBe(1)
      stopSecond()
      expect(timer.running).toBe(0)
    })
  })

  it('still records a link when a listener fails', () => {
    const { links, events } = setup()
    const quiet = console.error
    console.error = () => {}
    try {
      links.onChange(() => {
        throw new Error('window gone')
      })
      links.onChange((event) => events.push(event))
      const link = links.record(draft(1))
      expect(links.get(link.id)).toEqual(link)
      expect(events).toHaveLength(1)
    } finally {
      console.error = quiet
    }
  })

  describe('batches', () => {
    it('groups a batch into one row among single links, by when it was made', () => {
      const { links } = setup()
      links.record(draft(1, { createdAt: new Date(T0 - 60_000).toISOString() }))
      const batch = links.createBatch(batchDraft)
      links.recordMany([1, 2, 3].map((n) => draft(n, { batchId: batch.id, key: `q1/${n}.pdf` })))
      links.record(draft(4, { createdAt: new Date(T0 + 60_000).toISOString() }))

      const page = links.query({ offset: 0, limit: 10, groupBatches: true })
      expect(page.rows.map((row) => (row.kind === 'batch' ? 'batch' : row.link.key))).toEqual([
        draft(4).key,
        'batch',
        draft(1).key
      ])
      expect(page.rows[1]).toEqual({
        kind: 'batch',
        batch: { ...batch, linkCount: 3 },
        matching: 3
      })
      expect(page.total).toBe(3)
      expect(page.counts.all).toBe(5)

      const searched = links.query({ offset: 0, limit: 10, groupBatches: true, text: 'q1/2' })
      expect(searched.rows).toEqual([expect.objectContaining({ kind: 'batch', matching: 1 })])
      expect(searched.total).toBe(1)

      const inside = links.query({ offset: 0, limit: 10, groupBatches: true, batchId: batch.id })
      expect(linksOf(inside.rows).map((link) => link.key)).toEqual([
        'q1/3.pdf',
        'q1/2.pdf',
        'q1/1.pdf'
      ])
    })

    it('updates a batch, copies its URLs in order, exports it and forgets it', () => {
      const { links, events } = setup()
      const batch = links.createBatch(batchDraft)
      const made = links.recordMany(
        ['a,b.pdf', 'say "hi".txt', 'two\nlines.txt'].map((key, n) =>
          draft(n, { batchId: batch.id, key })
        )
      )
      links.onChange((event) => events.push(event))
      expect(links.updateBatch(batch.id, { state: 'done', failedCount: 2 })).toEqual({
        ...batch,
        state: 'done',
        failedCount: 2,
        linkCount: 3
      })
      expect(links.batchUrls(batch.id)).toEqual(made.map((link) => link.url))

      const csv = links.exportLinks({ format: 'csv', batchId: batch.id })
      expect(csv.count).toBe(3)
      expect(parseCsv(csv.content).map((row) => row[1])).toEqual([
        'key',
        'a,b.pdf',
        'say "hi".txt',
        'two\nlines.txt'
      ])
      const json = links.exportLinks({ format: 'json', batchId: batch.id })
      expect(JSON.parse(json.content).map((row: { id: string }) => row.id)).toEqual(
        made.map((link) => link.id)
      )
      expect(links.exportLinks({ format: 'text', batchId: batch.id }).content).toBe(
        made.map((link) => `${link.url}\n`).join('')
      )

      expect(links.forgetBatch(batch.id).count).toBe(3)
      expect(events.map(({ reason, count }) => [reason, count])).toEqual([
        ['updated', 0],
        ['removed', 3]
      ])
      for (const call of [
        () => links.forgetBatch(batch.id),
        () => links.batchUrls(batch.id),
        () => links.updateBatch(batch.id, { state: 'done' }),
        () => links.exportLinks({ format: 'csv', batchId: batch.id })
      ]) {
        expect(call).toThrow(expect.objectContaining({ code: 'link-not-found' }))
      }
    })

    it('exports everything a filter matches, in its order', () => {
      const { links } = setup()
      links.record(draft(1, { bucket: 'photos', key: 'Zoë.jpg' }))
      links.record(draft(2, { bucket: 'photos', key: 'zoe-2.jpg' }))
      links.record(draft(3, { bucket: 'reports', key: 'zoe.pdf' }))
      const exported = links.exportLinks({
        format: 'json',
        query: { bucket: 'photos', text: 'ZOE', sort: { field: 'name', direction: 'asc' } }
      })
      expect(JSON.parse(exported.content).map((row: { key: string }) => row.key)).toEqual([
        'zoe-2.jpg',
        'Zoë.jpg'
      ])
    })
  })
})

describe('undoing a forget or a clear', () => {
  it('brings back a forgotten link, same id and record, with small events', () => {
    const { links, events } = setup()
    links.onChange((event) => events.push(event))
    const kept = links.record(draft(1))
    const forgotten = links.record(draft(2, { label: 'for Ana' }))

    const removal = links.forget(forgotten.id)
    expect(removal).toEqual({ count: 1, undoToken: expect.any(String) })
    expect(links.query({ offset: 0, limit: 10 }).counts.all).toBe(1)
    expect(links.undo(removal.undoToken!)).toBe(1)
    expect(links.get(forgotten.id)).toEqual(forgotten)
    expect(linksOf(links.query({ offset: 0, limit: 10 }).rows)).toEqual([forgotten, kept])
    expect(events.map(({ reason, count }) => [reason, count])).toEqual([
      ['added', 1],
      ['added', 1],
      ['removed', 1],
      ['added', 1]
    ])
    for (const event of events) expect(JSON.stringify(event).length).toBeLessThan(100)
  })

  it('brings back a forgotten batch and its links', () => {
    const { links } = setup()
    const batch = links.createBatch(batchDraft)
    const made = links.recordMany([
      draft(1, { batchId: batch.id }),
      draft(2, { batchId: batch.id })
    ])
    const removal = links.forgetBatch(batch.id)
    expect(removal.count).toBe(2)
    expect(links.undo(removal.undoToken!)).toBe(2)
    expect(links.batchUrls(batch.id)).toEqual(made.map((link) => link.url))
    expect(links.updateBatch(batch.id, { state: 'done' }).linkCount).toBe(2)
    for (const link of made) expect(links.get(link.id)).toEqual(link)
  })

  it('clears exactly as many links as the expired count says, and can put them back', () => {
    const { clock, links } = setup()
    const ended = new Date(T0 + 1_000).toISOString()
    const cleared = [
      links.record(draft(1, { expiresAt: ended })),
      links.record(draft(2, { expiresAt: ended }))
    ]
    const revoked = links.record(draft(3, { expiresAt: ended }))
    links.update(revoked.id, { revoked: { at: new Date(T0).toISOString(), how: 'marked' } })
    links.record(draft(4))
    clock.time = T0 + 2_000

    const { counts } = links.query({ offset: 0, limit: 10 })
    expect(counts).toMatchObject({ expired: 2, revoked: 1 })
    const removal = links.clearExpired()
    expect(removal.count).toBe(counts.expired)
    expect(links.query({ offset: 0, limit: 10 }).counts).toMatchObject({ all: 2, expired: 0 })
    expect(links.undo(removal.undoToken!)).toBe(2)
    for (const link of cleared) expect(links.get(link.id)).toEqual(link)
  })

  it('says plainly when it is too late to undo, or already undone', () => {
    const { clock, links } = setup()
    const first = links.forget(links.record(draft(1)).id)
    const second = links.forget(links.record(draft(2)).id)
    // Kept a while past the window the user is shown, so a last-moment click still works.
    clock.time = T0 + UNDO_WINDOW_MS + 5_000
    expect(links.undo(first.undoToken!)).toBe(1)
    expect(() => links.undo(first.undoToken!)).toThrow(
      expect.objectContaining({ code: 'undo-expired', message: expect.stringMatching(/no longer/) })
    )
    clock.time = T0 + UNDO_KEEP_MS + 1
    expect(() => links.undo(second.undoToken!)).toThrow(
      expect.objectContaining({ code: 'undo-expired' })
    )
    expect(() => links.undo('never-issued')).toThrow(
      expect.objectContaining({ code: 'undo-expired' })
    )
  })
})

describe('changing a recorded link', () => {
  it('watches and unwatches a link, lists the watched ones, and tells listeners', () => {
    const { links, events } = setup()
    links.onChange((event) => events.push(event))
    const link = links.record(draft(1))
    links.record(draft(2))
    expect(links.update(link.id, { watched: true })).toEqual({ ...link, watched: true })
    expect(links.watched().map((entry) => entry.id)).toEqual([link.id])
    links.update(link.id, { watched: false })
    expect(links.watched()).toEqual([])
    expect(events.map(({ reason }) => reason)).toEqual(['added', 'added', 'updated', 'updated'])
    expect(() => links.update('nope', { watched: true })).toThrow(
      expect.objectContaining({ code: 'link-not-found' })
    )
  })

  it('finds the links to one object by endpoint, bucket and exact key', () => {
    const { links } = setup()
    const a = links.record(draft(1, { key: 'same.pdf' }))
    links.record(draft(2, { key: 'same.pdf', endpoint: 'http://127.0.0.1:9000' }))
    links.record(draft(3, { key: 'SAME.pdf' }))
    const b = links.record(draft(4, { key: 'same.pdf', versionId: 'v1' }))
    expect(
      links.linksTo({ endpoint: null, bucket: 'reports', key: 'same.pdf' }).map((l) => l.id)
    ).toEqual([a.id, b.id])
  })
})

describe('link ids', () => {
  it('are UUIDs that sort in the order they were made', () => {
    const ids = [T0, T0, T0 + 1, T0 + 1000, T0 + 86_400_000].map(timeOrderedId)
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    expect(ids.slice(2)).toEqual([...ids.slice(2)].sort())
    expect(ids[0]!.slice(0, 13)).toBe(ids[1]!.slice(0, 13))
    expect(ids[0]).not.toBe(ids[1])
    // The first 48 bits are the time in milliseconds.
    expect(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16)).toBe(T0)
  })

  it('are given to links recorded without an id generator', () => {
    const repository = openRepository()
    const link = createLinkService({ repository }).record(draft(1))
    expect(link.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(repository.get(link.id)).toEqual(link)
  })
})
