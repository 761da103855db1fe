import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { T0, sampleBatch, sampleLink as link } from '../../../test-support/link-fixtures'
import { linkStatus } from '../../shared/countdown'
import type { IssuedLink } from '../../shared/models'
import type { LinkRepository } from '../services/registry-ports'
import {
  LINK_DB_VERSION,
  openLinkDatabase,
  toRegistryError,
  type LinkDatabaseOptions,
  type LinkV1
} from './link-db'

const clock = { now: () => T0 }
const STAMP = '2026-03-01T120000.000Z'

let dir: string
let file: string
const opened: LinkRepository[] = []
const connections: DatabaseSync[] = []

function open(options: Partial<LinkDatabaseOptions> = {}): LinkRepository {
  const repository = openLinkDatabase({ dir, clock, ...options })
  opened.push(repository)
  return repository
}

/** A second, raw connection to the same file: another process, or a hand edit. */
function raw(path = file): DatabaseSync {
  const db = new DatabaseSync(path, { timeout: 5000 })
  connections.push(db)
  return db
}

function everything(repository: LinkRepository): IssuedLink[] {
  return repository.matching({ query: { sort: { field: 'created', direction: 'asc' } } }, T0)
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-link-db-'))
  file = join(dir, 'links.db')
})

afterEach(async () => {
  for (const repository of opened.splice(0)) repository.close()
  for (const db of connections.splice(0)) if (db.isOpen) db.close()
  await rm(dir, { recursive: true, force: true })
})

describe('link database', () => {
  it('keeps links across a restart', () => {
    const first = open()
    first.add(link(1))
    first.addMany([
      link(2, { cappedBy: 'credentials', downloadFilename: null, endpoint: 'http://x' }),
      link(3)
    ])
    expect(first.remove('link-2')).toBe(true)
    expect(first.remove('link-2')).toBe(false)
    first.close()

    const reopened = open()
    expect(everything(reopened)).toEqual([link(1), link(3)])
    expect(reopened.get('link-3')).toEqual(link(3))
    expect(reopened.get('nope')).toBeNull()
    expect(reopened.status()).toMatchObject({
      total: 2,
      unreadable: 0,
      recoveredFrom: null,
      imported: null,
      buckets: ['reports'],
      profileIds: ['default']
    })
  })

  it('writes files only their owner can read: the URLs in them are bearer tokens', async () => {
    const repository = open()
    repository.add(link(1))
    for (const name of ['links.db', 'links.db-wal', 'links.db-shm']) {
      expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600)
    }
  })

  it('tightens the mode of a database left readable to others', async () => {
    open().close()
    await import('node:fs/promises').then(({ chmod }) => chmod(file, 0o644))
    open()
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('refuses to store a link it could not read back', () => {
    const repository = open()
    expect(() => repository.add({ ...link(1), expiresAt: 'soon' })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
    expect(repository.status().total).toBe(0)
  })

  it('judges "expiring soon" to the millisecond, as the window does', () => {
    const repository = open()
    // 10 % of this lifetime is 720,000.1 ms: the link turns at T0 + 6,480,000.9.
    const odd = link(0, {
      createdAt: new Date(T0).toISOString(),
      expiresAt: new Date(T0 + 7_200_001).toISOString()
    })
    repository.add(odd)
    for (const [now, status] of [
      [T0 + 6_480_000, 'active'],
      [T0 + 6_480_001, 'expiring'],
      [T0 + 7_200_000, 'expiring'],
      [T0 + 7_200_001, 'expired']
    ] as const) {
      expect(linkStatus(odd, now)).toBe(status)
      expect(repository.query({ status, offset: 0, limit: 1 }, now).total).toBe(1)
    }
  })

  it('tells when the next link in the whole list changes status, on any page', () => {
    const repository = open()
    expect(repository.query({ offset: 0, limit: 1 }, T0).nextStatusChangeAt).toBeNull()
    // Created at T0 for 1 h: expiring from T0 + 54 min (10 % of its lifetime), expired at T0 + 1 h.
    const hour = link(0, {
      createdAt: new Date(T0).toISOString(),
      expiresAt: new Date(T0 + 3_600_000).toISOString()
    })
    // Sorts first by name but changes later: the answer is not about the rows of the page.
    const later = link(1, {
      key: 'a-first.txt',
      createdAt: new Date(T0).toISOString(),
      expiresAt: new Date(T0 + 7 * 86_400_000).toISOString()
    })
    repository.addMany([hour, later])
    const page = (now: number) =>
      repository.query({ sort: { field: 'name', direction: 'asc' }, offset: 0, limit: 1 }, now)
        .nextStatusChangeAt
    expect(page(T0)).toBe(T0 + 3_240_000)
    expect(page(T0 + 3_240_000)).toBe(T0 + 3_600_000)
    // The week-long link turns expiring 10 % before its end.
    expect(page(T0 + 3_600_000)).toBe(T0 + 7 * 86_400_000 - 0.1 * 7 * 86_400_000)
  })

  it('reads odd page bounds as the nearest sensible ones', () => {
    const repository = open()
    repository.addMany([link(1), link(2), link(3)])
    const ids = (offset: number, limit: number) =>
      repository
        .query({ offset, limit }, T0)
        .rows.map((row) => (row.kind === 'link' ? row.link.id : row.batch.id))
    expect(ids(0.9, 1.5)).toEqual(['link-3'])
    expect(ids(-5, 2)).toEqual(['link-3', 'link-2'])
    expect(ids(Number.NaN, Number.POSITIVE_INFINITY)).toEqual([])
    expect(ids(2, 10)).toEqual(['link-1'])
  })

  describe('schema versions', () => {
    it('creates the schema in a new file and in an empty one', async () => {
      open().close()
      expect(raw().prepare('PRAGMA user_version').get()).toEqual({ user_version: LINK_DB_VERSION })

      await rm(dir, { recursive: true })
      dir = await mkdtemp(join(tmpdir(), 's3sm-link-db-'))
      file = join(dir, 'links.db')
      await writeFile(file, '')
      const repository = open()
      repository.add(link(1))
      expect(repository.get('link-1')).toEqual(link(1))
    })

    it('refuses a database written by a newer version, and leaves it untouched', async () => {
      const db = raw()
      db.exec(`CREATE TABLE future (x); PRAGMA user_version = ${LINK_DB_VERSION + 1}`)
      db.close()
      const before = await readFile(file)

      expect(() => open()).toThrow(
        expect.objectContaining({
          code: 'registry-unavailable',
          message: expect.stringMatching(/newer version of S3 Share Manager.*Update/)
        })
      )
      expect(() => open({ readOnly: true })).toThrow(/newer version/)
      expect(await readFile(file)).toEqual(before)
      expect(await readdir(dir)).not.toContainEqual(expect.stringContaining('corrupt'))
    })

    it('never upgrades or creates anything when opened read-only', async () => {
      expect(() => open({ readOnly: true })).toThrow(
        expect.objectContaining({
          code: 'registry-unavailable',
          message: expect.stringMatching(/No links/)
        })
      )
      expect(await readdir(dir)).toEqual([])

      raw().exec('CREATE TABLE other (x)')
      expect(() => open({ readOnly: true })).toThrow(/must be upgraded/)
      expect(raw().prepare('PRAGMA user_version').get()).toEqual({ user_version: 0 })
    })

    it('reads, but does not write, a current database opened read-only', () => {
      open().add(link(1))
      const reader = open({ readOnly: true })
      expect(reader.get('link-1')).toEqual(link(1))
      expect(() => reader.add(link(2))).toThrow(
        expect.objectContaining({
          code: 'registry-unavailable',
          message: expect.stringMatching(/read-only/)
        })
      )
    })

    it('upgrades once when two processes open a new file together', () => {
      const first = open()
      const second = open()
      first.add(link(1))
      second.add(link(2))
      expect(everything(first)).toEqual([link(1), link(2)])
    })
  })

  describe('a database file it cannot read', () => {
    it.each([
      ['text', 'this is not a database\n'.repeat(100)],
      ['a damaged header', `SQLite format 3\0${'\x7f'.repeat(200)}`]
    ])(
      'holding %s is moved aside intact, with its WAL, and a new list started',
      async (_, content) => {
        await writeFile(file, content)
        await writeFile(`${file}-wal`, 'wal bytes')
        const repository = open()

        const movedTo = `${file}.corrupt-${STAMP}`
        expect(repository.status().recoveredFrom).toEqual({
          movedTo,
          reason: expect.stringMatching(/not a database|damaged/)
        })
        expect(await readFile(movedTo, 'utf8')).toBe(content)
        expect(await readFile(`${movedTo}-wal`, 'utf8')).toBe('wal bytes')
        repository.add(link(1))
        expect(everything(repository)).toEqual([link(1)])
      }
    )

    it('never overwrites an earlier one, even in the same millisecond', async () => {
      await writeFile(file, 'first damage'.repeat(100))
      open().close()
      await writeFile(file, 'second damage'.repeat(100))
      await rm(`${file}-wal`, { force: true })
      await rm(`${file}-shm`, { force: true })
      const second = open()

      expect(second.status().recoveredFrom?.movedTo).toBe(`${file}.corrupt-${STAMP}-2`)
      expect(await readFile(`${file}.corrupt-${STAMP}`, 'utf8')).toMatch(/^first damage/)
    })

    it('is reported, not moved, by a read-only open', async () => {
      await writeFile(file, 'not a database'.repeat(100))
      expect(() => open({ readOnly: true })).toThrow(
        expect.objectContaining({
          code: 'registry-unavailable',
          message: expect.stringMatching(/damaged/)
        })
      )
      expect(await readdir(dir)).toEqual(['links.db'])
    })
  })

  describe('rows it cannot read', () => {
    it('skips and counts them, and shows every other link', () => {
      const repository = open()
      repository.addMany([link(1), link(2), link(3), link(4)])
      const db = raw()
      const seqOf = (id: string) =>
        (db.prepare('SELECT seq FROM links WHERE id = ?').get(id) as { seq: number }).seq
      db.prepare('UPDATE link_records SET record = \'{"id": "link-2", \' WHERE seq = ?').run(
        seqOf('link-2')
      )
      db.prepare('UPDATE link_records SET record = ? WHERE seq = ?').run(
        JSON.stringify({ ...link(3), url: 42 }),
        seqOf('link-3')
      )

      const page = repository.query({ offset: 0, limit: 10 }, T0)
      expect(page.rows.map((row) => row.kind === 'link' && row.link.id)).toEqual([
        'link-4',
        'link-1'
      ])
      expect(repository.get('link-2')).toBeNull()
      expect(repository.status().unreadable).toBe(2)
      expect(everything(repository)).toEqual([link(1), link(4)])

      // Forgetting an unreadable row clears it from the count.
      expect(repository.remove('link-3')).toBe(true)
      expect(repository.status().unreadable).toBe(1)
    })

    it('counts a bad row it never showed, from another process', () => {
      const repository = open()
      repository.add(link(1))
      expect(repository.status().unreadable).toBe(0)
      const other = open()
      other.add(link(2))
      raw().exec("UPDATE link_records SET record = 'garbage' WHERE seq = 2")
      expect(repository.status()).toMatchObject({ total: 2, unreadable: 1 })
    })
  })

  describe('importing links.json from an older version', () => {
    const legacy = () => join(dir, 'links.json')

    const v1Link: LinkV1 = {
      id: 'old-1',
      createdAt: '2025-12-24T09:30:00.000Z',
      profileId: 'default',
      bucket: 'photos',
      key: 'xmas/tree.jpg',
      region: 'us-east-1',
      endpoint: null,
      method: 'GET',
      expiresInSeconds: 86_400,
      expiresAt: '2025-12-25T09:30:00.000Z',
      url: 'https://photos.s3.amazonaws.com/xmas/tree.jpg?X-Amz-Expires=86400&X-Amz-Signature=abc',
      label: 'for grandma'
    }
    const v1AsStored: IssuedLink = {
      id: 'old-1',
      createdAt: '2025-12-24T09:30:00.000Z',
      profileId: 'default',
      bucket: 'photos',
      key: 'xmas/tree.jpg',
      region: 'us-east-1',
      endpoint: null,
      method: 'GET',
      requestedExpiresInSeconds: 86_400,
      requestedExpiresAt: '2025-12-25T09:30:00.000Z',
      expiresAt: '2025-12-25T09:30:00.000Z',
      cappedBy: null,
      url: v1Link.url,
      label: 'for grandma',
      downloadFilename: null,
      batchId: null
    }
    const v2Link = (n: number) => {
      const { batchId: _batchId, ...stored } = link(n)
      return stored
    }

    it.each([
      ['version 1, as conf recorded it', { __internal__: { migrations: { version: '1.0.0' } } }],
      ['version 1, with no version recorded', {}]
    ])('imports %s, once, and keeps the file as a backup', async (_, bookkeeping) => {
      const content = JSON.stringify({ links: [v1Link], ...bookkeeping }, null, '\t')
      await writeFile(legacy(), content, { mode: 0o600 })

      const repository = open()
      expect(everything(repository)).toEqual([v1AsStored])
      const backup = `${legacy()}.imported-${STAMP}`
      expect(repository.status().imported).toEqual({
        from: legacy(),
        backup,
        count: 1,
        skipped: 0,
        at: new Date(T0).toISOString()
      })
      expect(await readFile(backup, 'utf8')).toBe(content)
      expect(await readdir(dir)).not.toContain('links.json')

      // An old version run again writes a new links.json: it is not imported a second time.
      await writeFile(legacy(), content)
      repository.close()
      const reopened = open()
      expect(reopened.status().total).toBe(1)
      expect(await readFile(legacy(), 'utf8')).toBe(content)
    })

    it('imports version 2 (the last JSON format), byte order mark and all', async () => {
      const file = {
        links: [v2Link(1), v2Link(2)],
        __internal__: { migrations: { version: '2.0.0' } }
      }
      await writeFile(legacy(), `\uFEFF${JSON.stringify(file)}`)
      const repository = open()
      expect(everything(repository)).toEqual([link(1), link(2)])
      expect(repository.status().imported).toMatchObject({ count: 2, skipped: 0 })
    })

    it('skips one bad record among good ones, and says how many', async () => {
      const links = [
        v2Link(1),
        { ...v2Link(2), url: undefined },
        { ...v2Link(3), expiresAt: '2025-13-45T99:99:99Z' },
        v1Link,
        v2Link(1),
        'not a link',
        v2Link(4)
      ]
      await writeFile(legacy(), JSON.stringify({ links }))
      const repository = open()
      expect(everything(repository).map((entry) => entry.id)).toEqual(['old-1', 'link-1', 'link-4'])
      // Three invalid records and a repeated id.
      expect(repository.status().imported).toMatchObject({ count: 3, skipped: 4 })
    })

    it.each([
      ['invalid JSON', '{"links": [ {"id": "link-1", ', /not valid JSON/],
      ['not an object', '[]', /does not hold a JSON object/],
      ['links that are not a list', '{"links": {}}', /no list of links/]
    ])('moves aside a file with %s, and says so', async (_, content, reason) => {
      await writeFile(legacy(), content)
      const repository = open()
      const movedTo = `${legacy()}.corrupt-${STAMP}`
      expect(repository.status()).toMatchObject({
        total: 0,
        recoveredFrom: { movedTo, reason: expect.stringMatching(reason) },
        imported: { count: 0, skipped: 0, backup: movedTo }
      })
      expect(await readFile(movedTo, 'utf8')).toBe(content)
    })

    it('imports nothing when opened read-only', async () => {
      open().close()
      await writeFile(legacy(), JSON.stringify({ links: [v2Link(1)] }))
      const reader = open({ readOnly: true })
      expect(reader.status()).toMatchObject({ total: 0, imported: null })
      expect(await readdir(dir)).toContain('links.json')
    })
  })

  describe('batches', () => {
    it('counts the links of a batch as they come and go', () => {
      const repository = open()
      repository.saveBatch(sampleBatch('b1', { state: 'running' }))
      repository.addMany([link(1, { batchId: 'b1' }), link(2, { batchId: 'b1' }), link(3)])
      expect(repository.getBatch('b1')).toEqual(
        sampleBatch('b1', { state: 'running', linkCount: 2 })
      )

      // Saving the batch again (its state) never resets the count kept by the database.
      repository.saveBatch(sampleBatch('b1', { state: 'done', failedCount: 1 }))
      expect(repository.getBatch('b1')).toMatchObject({
        state: 'done',
        failedCount: 1,
        linkCount: 2
      })
      repository.remove('link-1')
      expect(repository.getBatch('b1')?.linkCount).toBe(1)

      expect(repository.matching({ batchId: 'b1' }, T0).map((entry) => entry.id)).toEqual([
        'link-2'
      ])
      expect(repository.removeBatch('b1')).toBe(1)
      expect(repository.getBatch('b1')).toBeNull()
      expect(everything(repository).map((entry) => entry.id)).toEqual(['link-3'])
    })

    it('refuses links for a batch that was forgotten meanwhile', () => {
      const repository = open()
      expect(() => repository.add(link(1, { batchId: 'gone' }))).toThrow(
        expect.objectContaining({ code: 'link-not-found', message: expect.stringMatching(/batch/) })
      )
      expect(repository.status().total).toBe(0)
    })

    it('clears expired links, and the finished batches they leave empty', () => {
      const repository = open()
      repository.saveBatch(sampleBatch('done'))
      repository.saveBatch(sampleBatch('running', { state: 'running' }))
      repository.addMany([
        link(1, { batchId: 'done', expiresAt: new Date(T0 + 10).toISOString() }),
        link(2, { expiresAt: new Date(T0 + 10).toISOString() }),
        link(3)
      ])
      expect(repository.removeExpired(T0 + 9)).toBe(0)
      expect(repository.removeExpired(T0 + 10)).toBe(2)
      expect(repository.getBatch('done')).toBeNull()
      expect(repository.getBatch('running')).not.toBeNull()
      expect(everything(repository).map((entry) => entry.id)).toEqual(['link-3'])
    })
  })

  describe('sharing the file with another process', () => {
    it('changes its counter on every commit, its own or another’s, and not on reads', () => {
      const repository = open()
      const start = repository.changeCounter()
      repository.query({ offset: 0, limit: 10 }, T0)
      expect(repository.changeCounter()).toBe(start)
      repository.add(link(1))
      const afterOwn = repository.changeCounter()
      expect(afterOwn).toBeGreaterThan(start)

      open().add(link(2))
      expect(repository.changeCounter()).toBeGreaterThan(afterOwn)
      expect(repository.get('link-2')).toEqual(link(2))
    })

    it('says the list is busy when another process holds the write lock, then goes on', () => {
      const repository = open({ busyTimeoutMs: 50 })
      repository.add(link(1))
      const other = raw()
      other.exec('BEGIN IMMEDIATE')
      other.exec("INSERT INTO meta (key, value) VALUES ('held', 'yes')")

      expect(() => repository.add(link(2))).toThrow(
        expect.objectContaining({
          code: 'registry-busy',
          message: expect.stringMatching(/Try again/)
        })
      )
      // Readers are not blocked by a writer.
      expect(repository.get('link-1')).toEqual(link(1))
      other.exec('COMMIT')
      repository.add(link(2))
      expect(repository.status().total).toBe(2)
    })
  })

  describe('failures that are not the registry’s fault', () => {
    it('says the disk is full instead of crashing', () => {
      const db = raw(join(dir, 'tiny.db'))
      db.exec('CREATE TABLE t (x)')
      db.exec(
        `PRAGMA max_page_count = ${(db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count}`
      )
      let thrown: unknown
      try {
        db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000))
      } catch (error) {
        thrown = toRegistryError(error, file)
      }
      expect(thrown).toMatchObject({
        code: 'registry-unavailable',
        message: expect.stringContaining(`The disk holding ${file} is full`)
      })
    })

    it('says where it could not open the list, when the folder is not a folder', async () => {
      const notAFolder = join(dir, 'file')
      await writeFile(notAFolder, 'x')
      expect(() => openLinkDatabase({ dir: notAFolder, clock })).toThrow(
        expect.objectContaining({
          code: 'registry-unavailable',
          message: expect.stringContaining(join(notAFolder, 'links.db'))
        })
      )
    })
  })
})
