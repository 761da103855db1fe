import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { T0, sampleBatch, sampleLink as link } from '../../../test-support/link-fixtures'
import { expiringSoonAt } from '../../shared/countdown'
import type { IssuedLink, LinkRevocation } from '../../shared/models'
import { UNDO_KEEP_MS, type LinkRepository } from '../services/registry-ports'
import { LINK_DB_SCHEMA_STEPS, LINK_DB_VERSION, foldForSearch, openLinkDatabase } from './link-db'

const MINUTE = 60_000
const HOUR = 3_600_000
const clock = { time: T0, now: () => clock.time }
const revokedAt = (how: LinkRevocation['how'] = 'marked'): LinkRevocation => ({
  at: new Date(T0).toISOString(),
  how
})

let dir: string
const opened: LinkRepository[] = []
const connections: DatabaseSync[] = []

function open(): LinkRepository {
  const repository = openLinkDatabase({ dir, clock })
  opened.push(repository)
  return repository
}

function raw(): DatabaseSync {
  const db = new DatabaseSync(join(dir, 'links.db'), { timeout: 5000 })
  connections.push(db)
  return db
}

function everything(repository: LinkRepository): IssuedLink[] {
  return repository.matching({ query: { sort: { field: 'created', direction: 'asc' } } }, T0)
}

/** Active at T0 (an hour), expiring at T0 (ends in 2 minutes), expired at T0 (ended). */
function mixOfStatuses(): IssuedLink[] {
  return [
    link(1, { createdAt: new Date(T0 - MINUTE).toISOString() }),
    link(2, {
      createdAt: new Date(T0 - 2 * MINUTE).toISOString(),
      expiresAt: new Date(T0 + 2 * MINUTE).toISOString()
    }),
    link(3, {
      createdAt: new Date(T0 - 2 * HOUR).toISOString(),
      expiresAt: new Date(T0 - HOUR).toISOString()
    })
  ]
}

/**
 * A file as version 1 of the schema left it: its one step, its columns, and its counts per
 * hour, written the way version 1 wrote them.
 */
function writeVersion1File(links: IssuedLink[]): void {
  const db = raw()
  db.exec(LINK_DB_SCHEMA_STEPS[0]!)
  db.exec('PRAGMA user_version = 1')
  const insert = db.prepare(`INSERT INTO links
    (id, created_at, expires_at, expiring_at, bucket, profile_id, batch_id, name_sort, label_sort, search)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const record = db.prepare('INSERT INTO link_records (seq, record) VALUES (?, ?)')
  const hour = db.prepare(`INSERT INTO expiry_hours (hour, expires, expiring) VALUES (?, ?, ?)
    ON CONFLICT (hour) DO UPDATE SET expires = expires + excluded.expires,
      expiring = expiring + excluded.expiring`)
  for (const entry of links) {
    const createdAt = Date.parse(entry.createdAt)
    const expiresAt = Date.parse(entry.expiresAt)
    const expiringAt = Math.ceil(Math.min(expiringSoonAt({ createdAt, expiresAt }), expiresAt))
    const key = foldForSearch(entry.key)
    const result = insert.run(
      entry.id,
      createdAt,
      expiresAt,
      expiringAt,
      entry.bucket,
      entry.profileId,
      entry.batchId,
      key,
      foldForSearch(entry.label),
      [key, foldForSearch(entry.label), entry.bucket].join('\n')
    )
    record.run(result.lastInsertRowid, JSON.stringify(entry))
    hour.run(Math.floor(expiresAt / HOUR), 1, 0)
    hour.run(Math.floor(expiringAt / HOUR), 0, 1)
  }
  db.close()
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-link-db-revoke-'))
  clock.time = T0
})

afterEach(async () => {
  for (const repository of opened.splice(0)) repository.close()
  for (const db of connections.splice(0)) if (db.isOpen) db.close()
  await rm(dir, { recursive: true, force: true })
})

describe('link database, version 2', () => {
  it('upgrades a version 1 file with links in place, keeping every link and count', () => {
    const links = mixOfStatuses()
    writeVersion1File(links)

    const repository = open()
    expect(raw().prepare('PRAGMA user_version').get()).toEqual({ user_version: LINK_DB_VERSION })
    expect(LINK_DB_VERSION).toBe(2)
    expect(everything(repository)).toEqual([links[2], links[1], links[0]])
    expect(repository.query({ offset: 0, limit: 10 }, T0).counts).toEqual({
      all: 3,
      active: 1,
      expiring: 1,
      expired: 1,
      revoked: 0
    })
    // The upgraded file takes the new kinds of change.
    expect(repository.update(['link-1'], { revoked: revokedAt() })).toHaveLength(1)
    expect(repository.query({ status: 'revoked', offset: 0, limit: 10 }, T0).total).toBe(1)
  })

  it('changes a link’s record, and tells other processes so', () => {
    const repository = open()
    const other = open()
    repository.addMany([link(1), link(2)])
    const before = other.changeCounter()

    const selfTest = {
      outcome: 'works' as const,
      httpStatus: 206,
      s3Code: null,
      message: 'The link works.',
      testedAt: new Date(T0).toISOString()
    }
    const [updated] = repository.update(['link-1'], { watched: true, selfTest })
    expect(updated).toEqual({ ...link(1), watched: true, selfTest })
    expect(other.get('link-1')).toEqual(updated)
    expect(other.changeCounter()).not.toBe(before)

    // A field left undefined stays; null clears.
    repository.update(['link-1'], { watched: undefined, selfTest: null })
    expect(other.get('link-1')).toEqual({ ...link(1), watched: true, selfTest: null })
    // Unknown ids are skipped, not invented.
    expect(repository.update(['nope'], { watched: true })).toEqual([])
    expect(other.get('nope')).toBeNull()
  })

  it('refuses a change it could not read back, and changes nothing', () => {
    const repository = open()
    repository.add(link(1))
    const bad = { at: 'yesterday', how: 'marked' } as unknown as LinkRevocation
    expect(() => repository.update(['link-1'], { revoked: bad })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
    expect(repository.get('link-1')).toEqual(link(1))
    expect(repository.query({ status: 'revoked', offset: 0, limit: 10 }, T0).total).toBe(0)
  })

  it('counts revoked links only as revoked, under every filter, and lists them apart', () => {
    const repository = open()
    const links = mixOfStatuses()
    repository.addMany([
      ...links,
      ...mixOfStatuses().map((entry) => ({ ...entry, id: `${entry.id}-b`, bucket: 'other' }))
    ])
    // One of each status revoked, in the first bucket only.
    repository.update(['link-1', 'link-2', 'link-3'], { revoked: revokedAt('object-deleted') })

    expect(repository.query({ offset: 0, limit: 10 }, T0).counts).toEqual({
      all: 6,
      active: 1,
      expiring: 1,
      expired: 1,
      revoked: 3
    })
    const inBucket = repository.query({ bucket: 'reports', offset: 0, limit: 10 }, T0)
    expect(inBucket.counts).toEqual({ all: 3, active: 0, expiring: 0, expired: 0, revoked: 3 })

    const revoked = repository.query({ status: 'revoked', offset: 0, limit: 10 }, T0)
    expect(revoked.total).toBe(3)
    expect(revoked.rows.map((row) => row.kind === 'link' && row.link.id).sort()).toEqual([
      'link-1',
      'link-2',
      'link-3'
    ])
    for (const status of ['active', 'expiring', 'expired'] as const) {
      const page = repository.query({ status, offset: 0, limit: 10 }, T0)
      expect(page.rows.map((row) => row.kind === 'link' && row.link.bucket)).toEqual(['other'])
    }
    // Within an hour's row of the counts and across hours alike.
    expect(repository.query({ offset: 0, limit: 1 }, T0 + 3 * HOUR).counts).toEqual({
      all: 6,
      active: 0,
      expiring: 0,
      expired: 3,
      revoked: 3
    })

    // Un-revoking puts a link back among the live ones.
    repository.update(['link-1'], { revoked: null })
    expect(repository.query({ offset: 0, limit: 10 }, T0).counts).toMatchObject({
      active: 2,
      revoked: 2
    })
  })

  it('clears as expired exactly the links counted expired: revoked ones stay', () => {
    const repository = open()
    repository.addMany(mixOfStatuses())
    repository.add(
      link(4, {
        createdAt: new Date(T0 - 2 * HOUR).toISOString(),
        expiresAt: new Date(T0 - HOUR).toISOString(),
        revoked: revokedAt()
      })
    )
    const { counts } = repository.query({ offset: 0, limit: 10 }, T0)
    expect(counts).toMatchObject({ expired: 1, revoked: 1 })
    expect(repository.removeExpired(T0)).toBe(counts.expired)
    expect(everything(repository).map((entry) => entry.id)).toEqual(['link-4', 'link-2', 'link-1'])
  })

  it('lists watched links that are not revoked, soonest expiry first', () => {
    const repository = open()
    repository.addMany([
      link(1, { watched: true, expiresAt: new Date(T0 + 2 * HOUR).toISOString() }),
      link(2, { watched: true, expiresAt: new Date(T0 + HOUR / 2).toISOString() }),
      link(3, { watched: true, revoked: revokedAt() }),
      link(4, { watched: false }),
      link(5)
    ])
    expect(repository.watched().map((entry) => entry.id)).toEqual(['link-2', 'link-1'])
    repository.update(['link-5'], { watched: true })
    repository.update(['link-2'], { watched: false })
    expect(repository.watched().map((entry) => entry.id)).toEqual(['link-5', 'link-1'])
  })

  it('finds every link to one exact key of a bucket, whatever its case neighbours', () => {
    const repository = open()
    repository.addMany([
      link(1, { key: 'a/Report.pdf' }),
      link(2, { key: 'a/report.pdf' }),
      link(3, { key: 'a/Report.pdf', bucket: 'other' }),
      link(4, { key: 'a/Report.pdf', endpoint: 'http://127.0.0.1:9000' })
    ])
    expect(
      repository.linksTo({ bucket: 'reports', key: 'a/Report.pdf' }).map((entry) => entry.id)
    ).toEqual(['link-1', 'link-4'])
  })

  describe('undoing a removal', () => {
    it('brings back a forgotten link with its id and record, once', () => {
      const repository = open()
      const watched = link(2, { watched: true, revoked: revokedAt() })
      repository.addMany([link(1), watched, link(3)])
      const before = everything(repository)

      expect(repository.remove('link-2', { token: 'undo-1', at: T0 })).toBe(true)
      expect(repository.get('link-2')).toBeNull()
      expect(repository.restore('undo-1', T0 + 5_000)).toBe(1)
      expect(everything(repository)).toEqual(before)
      expect(repository.get('link-2')).toEqual(watched)
      expect(repository.query({ offset: 0, limit: 10 }, T0).counts).toMatchObject({
        all: 3,
        revoked: 1
      })
      expect(repository.restore('undo-1', T0 + 6_000)).toBeNull()
    })

    it('brings back a forgotten batch with its links and its count', () => {
      const repository = open()
      repository.saveBatch(sampleBatch('b1'))
      repository.addMany([link(1, { batchId: 'b1' }), link(2, { batchId: 'b1' }), link(3)])
      const before = everything(repository)

      expect(repository.removeBatch('b1', { token: 'undo-b', at: T0 })).toBe(2)
      expect(repository.getBatch('b1')).toBeNull()
      expect(repository.restore('undo-b', T0 + 1_000)).toBe(2)
      expect(repository.getBatch('b1')).toEqual(sampleBatch('b1', { linkCount: 2 }))
      expect(everything(repository)).toEqual(before)
      const grouped = repository.query({ groupBatches: true, offset: 0, limit: 10 }, T0)
      expect(grouped.rows.map((row) => row.kind)).toEqual(['link', 'batch'])
    })

    it('brings back cleared expired links and the batches they emptied', () => {
      const repository = open()
      repository.saveBatch(sampleBatch('b1'))
      const expired = new Date(T0 - MINUTE).toISOString()
      repository.addMany([
        link(1, { batchId: 'b1', expiresAt: expired }),
        link(2, { expiresAt: expired }),
        link(3)
      ])
      const before = everything(repository)
      const counts = repository.query({ offset: 0, limit: 10 }, T0).counts

      expect(repository.removeExpired(T0, { token: 'undo-c', at: T0 })).toBe(2)
      expect(repository.getBatch('b1')).toBeNull()
      expect(repository.restore('undo-c', T0 + 9_000)).toBe(2)
      expect(everything(repository)).toEqual(before)
      expect(repository.getBatch('b1')?.linkCount).toBe(1)
      expect(repository.query({ offset: 0, limit: 10 }, T0).counts).toEqual(counts)
    })

    it('keeps removals a minute, then drops them for good, file and all', () => {
      const repository = open()
      repository.addMany([link(1), link(2)])
      repository.remove('link-1', { token: 'old', at: T0 })
      expect(repository.restore('old', T0 + UNDO_KEEP_MS + 1)).toBeNull()

      // A removal nobody undid leaves no forgotten URL in the file once its minute is over.
      repository.remove('link-2', { token: 'left', at: T0 })
      const count = () =>
        (raw().prepare('SELECT count(*) AS n FROM removed_rows').get() as { n: number }).n
      expect(count()).toBe(1)
      repository.close()
      clock.time = T0 + UNDO_KEEP_MS + 1
      open()
      expect(count()).toBe(0)
    })

    it('removes nothing more when a removal is kept, and keeps nothing when not asked', () => {
      const repository = open()
      repository.addMany([link(1), link(2)])
      expect(repository.remove('link-1')).toBe(true)
      expect(repository.remove('nope', { token: 'none', at: T0 })).toBe(false)
      expect(repository.restore('none', T0)).toBeNull()
      expect(everything(repository).map((entry) => entry.id)).toEqual(['link-2'])
    })
  })
})
