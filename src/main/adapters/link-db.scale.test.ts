import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { T0, sampleBatch, sampleLink } from '../../../test-support/link-fixtures'
import { linkStatus, type LinkStatus } from '../../shared/countdown'
import type { IssuedLink, LinkListRow, LinkQuery, LinkSortField } from '../../shared/models'
import type { LinkRepository } from '../services/registry-ports'
import { foldForSearch, openLinkDatabase } from './link-db'

const COUNT = 100_000
const BATCHES = 4
const BATCH_SIZE = 5_000
const LIFETIMES_MS = [3_600_000, 7 * 86_400_000, 600_000, 86_400_000]

/**
 * Link `n` (seq n + 1): one a second for the 28 hours before T0, in 7 buckets and 3 profiles,
 * with lifetimes that leave a mix of active, expiring and expired at T0. One in ten keys has
 * "Zoë" in it, one in a thousand "ZOE"; the last 20,000 links form 4 batches.
 */
function generated(n: number): IssuedLink {
  const created = T0 - COUNT * 1000 + n * 1000
  const firstBatched = COUNT - BATCHES * BATCH_SIZE
  const batch = n >= firstBatched ? `batch-${Math.floor((n - firstBatched) / BATCH_SIZE)}` : null
  const name = n % 10 === 0 ? ' Zoë' : n % 1000 === 5 ? ' ZOE' : ''
  return sampleLink(n, {
    id: `link-${String(n).padStart(6, '0')}`,
    createdAt: new Date(created).toISOString(),
    expiresAt: new Date(created + LIFETIMES_MS[n % 4]!).toISOString(),
    bucket: `bucket-${n % 7}`,
    profileId: `profile-${n % 3}`,
    key: `folder ${n % 50}/report ${n}${name}.pdf`,
    label: n % 5 === 0 ? 'for Ana' : '',
    batchId: batch
  })
}

const all = Array.from({ length: COUNT }, (_, n) => generated(n))
const statusOf = new Map(all.map((link) => [link.id, linkStatus(link, T0)]))
const seqOf = new Map(all.map((link, n) => [link.id, n + 1]))
const folded = new Map(
  all.map((link) => [
    link.id,
    {
      key: foldForSearch(link.key),
      label: foldForSearch(link.label),
      search: foldForSearch([link.key, link.label, link.bucket, link.downloadFilename].join('\n'))
    }
  ])
)

let dir: string
let repository: LinkRepository

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-link-db-100k-'))
  repository = openLinkDatabase({ dir, clock: { now: () => T0 } })
  for (let b = 0; b < BATCHES; b += 1) {
    const first = all[COUNT - BATCHES * BATCH_SIZE + b * BATCH_SIZE]!
    repository.saveBatch(sampleBatch(`batch-${b}`, { createdAt: first.createdAt }))
  }
  for (let start = 0; start < COUNT; start += 500) {
    repository.addMany(all.slice(start, start + 500))
  }
}, 300_000)

afterAll(async () => {
  repository?.close()
  await rm(dir, { recursive: true, force: true })
})

function ids(rows: LinkListRow[]): string[] {
  return rows.map((row) => (row.kind === 'link' ? row.link.id : `[${row.batch.id}]`))
}

/** What the database orders by for a sort field, ties broken by insertion order (seq). */
function sortKey(field: LinkSortField, link: IssuedLink): Array<string | number> {
  const created = Date.parse(link.createdAt)
  const seq = seqOf.get(link.id)!
  switch (field) {
    case 'created':
      return [created, seq]
    case 'expires':
      return [Date.parse(link.expiresAt), seq]
    case 'name':
      return [folded.get(link.id)!.key, seq]
    case 'bucket':
      return [link.bucket, created, seq]
    case 'profile':
      return [link.profileId, created, seq]
    case 'label':
      return [folded.get(link.id)!.label, seq]
  }
}

function compareKeys(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]! < b[i]!) return -1
    if (a[i]! > b[i]!) return 1
  }
  return 0
}

/** What a query should return, worked out in plain JavaScript. */
function expected(query: LinkQuery): { ids: string[]; total: number } {
  const text = foldForSearch(query.text ?? '')
  const matches = all.filter(
    (link) =>
      (query.status === undefined ||
        query.status === 'all' ||
        statusOf.get(link.id) === query.status) &&
      (query.bucket === undefined || link.bucket === query.bucket) &&
      (query.profileId === undefined || link.profileId === query.profileId) &&
      (query.batchId === undefined || link.batchId === query.batchId) &&
      folded.get(link.id)!.search.includes(text)
  )
  const sort = query.sort ?? { field: 'created', direction: 'desc' }
  // The keys once per link, not once per comparison.
  const keys = new Map(matches.map((link) => [link.id, sortKey(sort.field, link)]))
  const sign = sort.direction === 'asc' ? 1 : -1
  matches.sort((a, b) => sign * compareKeys(keys.get(a.id)!, keys.get(b.id)!))
  return {
    ids: matches.slice(query.offset, query.offset + query.limit).map((link) => link.id),
    total: matches.length
  }
}

describe('link database with 100,000 links', { timeout: 120_000 }, () => {
  it('shows the newest first, with every count right', () => {
    const page = repository.query({ offset: 0, limit: 100 }, T0)
    expect(ids(page.rows)).toEqual(expected({ offset: 0, limit: 100 }).ids)
    expect(page.total).toBe(COUNT)
    const counts = { active: 0, expiring: 0, expired: 0 }
    for (const status of statusOf.values()) counts[status] += 1
    expect(page.counts).toEqual({ all: COUNT, ...counts, revoked: 0 })
    // The lifetimes chosen leave all three kinds in numbers.
    for (const value of Object.values(counts)) expect(value).toBeGreaterThan(1000)
  })

  it.each<LinkStatus>(['active', 'expiring', 'expired'])('filters the %s links', (status) => {
    for (const sort of [undefined, { field: 'expires', direction: 'asc' } as const]) {
      const query: LinkQuery = { status, offset: 0, limit: 100, ...(sort ? { sort } : {}) }
      const page = repository.query(query, T0)
      const want = expected(query)
      expect(ids(page.rows)).toEqual(want.ids)
      expect(page.total).toBe(want.total)
      for (const row of page.rows) {
        if (row.kind === 'link') expect(linkStatus(row.link, T0)).toBe(status)
      }
    }
  })

  it('combines filters, and counts statuses within the other filters', () => {
    const query: LinkQuery = {
      bucket: 'bucket-3',
      profileId: 'profile-1',
      status: 'expiring',
      sort: { field: 'name', direction: 'asc' },
      offset: 20,
      limit: 50
    }
    const page = repository.query(query, T0)
    expect(ids(page.rows)).toEqual(expected(query).ids)
    expect(page.total).toBe(expected(query).total)
    const inBucket = all.filter(
      (link) => link.bucket === 'bucket-3' && link.profileId === 'profile-1'
    )
    expect(page.counts.all).toBe(inBucket.length)
    expect(page.counts.expired).toBe(
      inBucket.filter((link) => statusOf.get(link.id) === 'expired').length
    )
  })

  it('finds "zoe" in "Zoë" and "ZOE", whatever the case and accents typed', () => {
    const byPlain = repository.query({ text: 'zoe', offset: 0, limit: 500 }, T0)
    const byAccent = repository.query({ text: '  ZOË ', offset: 0, limit: 500 }, T0)
    expect(byPlain.total).toBe(COUNT / 10 + COUNT / 1000)
    expect(byAccent.total).toBe(byPlain.total)
    expect(ids(byAccent.rows)).toEqual(ids(byPlain.rows))
    expect(ids(byPlain.rows)).toEqual(expected({ text: 'zoe', offset: 0, limit: 500 }).ids)
    const label = repository.query({ text: 'ANA', status: 'active', offset: 0, limit: 10 }, T0)
    expect(label.total).toBe(expected({ text: 'ana', status: 'active', offset: 0, limit: 0 }).total)
    // Search characters mean themselves, never patterns.
    expect(repository.query({ text: '%', offset: 0, limit: 10 }, T0).total).toBe(0)
    expect(repository.query({ text: '_', offset: 0, limit: 10 }, T0).total).toBe(0)
  })

  it.each<LinkSortField>(['created', 'expires', 'name', 'bucket', 'profile', 'label'])(
    'pages through a sort by %s both ways without losing or repeating a link',
    (field) => {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = []
        for (let offset = 0; offset < 1500; offset += 500) {
          const query: LinkQuery = { sort: { field, direction }, offset, limit: 500 }
          seen.push(...ids(repository.query(query, T0).rows))
        }
        expect(seen).toEqual(expected({ sort: { field, direction }, offset: 0, limit: 1500 }).ids)
      }
    }
  )

  it('serves the last page too', () => {
    const query: LinkQuery = { offset: COUNT - 30, limit: 100 }
    expect(ids(repository.query(query, T0).rows)).toEqual(expected(query).ids)
  })

  it('never returns more than a page, whatever is asked', () => {
    expect(repository.query({ offset: 0, limit: 1_000_000 }, T0).rows).toHaveLength(500)
  })

  it('shows each batch as one row, among single links by when it was made', () => {
    const page = repository.query({ groupBatches: true, offset: 0, limit: 10 }, T0)
    // The batches hold the newest 20,000 links and were made in order: newest batch first.
    expect(ids(page.rows).slice(0, 5)).toEqual([
      '[batch-3]',
      '[batch-2]',
      '[batch-1]',
      '[batch-0]',
      all[COUNT - BATCHES * BATCH_SIZE - 1]!.id
    ])
    expect(page.total).toBe(COUNT - BATCHES * BATCH_SIZE + BATCHES)
    expect(page.rows[0]).toMatchObject({
      kind: 'batch',
      matching: BATCH_SIZE,
      batch: { id: 'batch-3', linkCount: BATCH_SIZE }
    })

    const expiredOnly = repository.query(
      { groupBatches: true, status: 'expired', offset: 0, limit: 10 },
      T0
    )
    const expiredIn = (batch: string) =>
      all.filter((link) => link.batchId === batch && statusOf.get(link.id) === 'expired').length
    const batchRows = expiredOnly.rows.filter((row) => row.kind === 'batch')
    expect(batchRows.map((row) => row.kind === 'batch' && [row.batch.id, row.matching])).toEqual(
      ['batch-3', 'batch-2', 'batch-1', 'batch-0']
        .map((batch) => [batch, expiredIn(batch)])
        .filter(([, count]) => count !== 0)
    )
    const singles = all.filter(
      (link) => link.batchId === null && statusOf.get(link.id) === 'expired'
    )
    expect(expiredOnly.total).toBe(singles.length + batchRows.length)
  })

  it('counts a few revoked links only as revoked, and lists them, among 100,000', () => {
    // Every 997th link: a spread over all hours, statuses, buckets and batches.
    const revoked = all.filter((_, n) => n % 997 === 0)
    const ids = revoked.map((link) => link.id)
    const revocation = { at: new Date(T0).toISOString(), how: 'marked' as const }
    expect(repository.update(ids, { revoked: revocation })).toHaveLength(revoked.length)
    try {
      const counts = { active: 0, expiring: 0, expired: 0 }
      for (const link of all) if (!ids.includes(link.id)) counts[statusOf.get(link.id)!] += 1
      expect(repository.query({ offset: 0, limit: 1 }, T0).counts).toEqual({
        all: COUNT,
        ...counts,
        revoked: revoked.length
      })
      const page = repository.query({ status: 'revoked', offset: 0, limit: 500 }, T0)
      expect(page.total).toBe(revoked.length)
      expect(page.rows.map((row) => row.kind === 'link' && row.link.id)).toEqual([...ids].reverse())
      const inBucket = repository.query({ bucket: 'bucket-3', offset: 0, limit: 1 }, T0).counts
      expect(inBucket.revoked).toBe(revoked.filter((link) => link.bucket === 'bucket-3').length)
    } finally {
      repository.update(ids, { revoked: null })
    }
    expect(repository.query({ offset: 0, limit: 1 }, T0).counts.revoked).toBe(0)
  })

  it('keeps its counts right at any hour, and after expired links are cleared', () => {
    for (const later of [T0 + 1, T0 + 3_599_999, T0 + 5_400_000, T0 + 3 * 86_400_000]) {
      const counts = { active: 0, expiring: 0, expired: 0 }
      for (const link of all) counts[linkStatus(link, later)] += 1
      expect(repository.query({ offset: 0, limit: 1 }, later).counts).toEqual({
        all: COUNT,
        ...counts,
        revoked: 0
      })
    }
    const expired = [...statusOf.values()].filter((status) => status === 'expired').length
    expect(repository.removeExpired(T0)).toBe(expired)
    const later = T0 + 2 * 3_600_000
    const left = all.filter((link) => statusOf.get(link.id) !== 'expired')
    const counts = { active: 0, expiring: 0, expired: 0 }
    for (const link of left) counts[linkStatus(link, later)] += 1
    expect(repository.query({ offset: 0, limit: 1 }, later).counts).toEqual({
      all: left.length,
      ...counts,
      revoked: 0
    })
  })

  it('lists the buckets and profiles in use, for the filter menus', () => {
    expect(repository.status()).toMatchObject({
      unreadable: 0,
      buckets: Array.from({ length: 7 }, (_, n) => `bucket-${n}`),
      profileIds: ['profile-0', 'profile-1', 'profile-2']
    })
  })
})
