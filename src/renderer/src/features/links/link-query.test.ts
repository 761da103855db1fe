import { describe, expect, it } from 'vitest'
import { makeLink } from '../../lib/test-utils'
import { compactFilter, nextSortOrder, nextStatusChange, pagesInRange } from './link-query'

describe('the Links view’s queries', () => {
  it('asks for the pages holding the rows in view, and none for an empty list', () => {
    expect(pagesInRange(0, 20)).toEqual([0])
    expect(pagesInRange(95, 130)).toEqual([0, 1])
    expect(pagesInRange(4_992, 5_021)).toEqual([49, 50])
    expect(pagesInRange(undefined, undefined)).toEqual([])
  })

  it('sorts a new column in its natural order, and reverses on a second click', () => {
    const newest = { field: 'created', direction: 'desc' } as const
    expect(nextSortOrder(newest, 'created')).toEqual({ field: 'created', direction: 'asc' })
    expect(nextSortOrder(newest, 'expires')).toEqual({ field: 'expires', direction: 'asc' })
    expect(nextSortOrder(newest, 'name')).toEqual({ field: 'name', direction: 'asc' })
    expect(nextSortOrder({ field: 'name', direction: 'asc' }, 'name')).toEqual({
      field: 'name',
      direction: 'desc'
    })
  })

  it('leaves unset filter fields out of what crosses IPC and keys the cache', () => {
    expect(
      compactFilter({ status: 'all', bucket: undefined, text: '', groupBatches: true })
    ).toEqual({ status: 'all', groupBatches: true })
  })

  it('knows the next moment a shown row changes status', () => {
    const now = Date.parse('2025-11-28T14:00:00Z')
    const hourLink = makeLink({ createdAtMs: now - 1_000, expiresAtMs: now + 3_599_000 })
    const expired = makeLink({ createdAtMs: now - 7_200_000, expiresAtMs: now - 1 })
    const rows = [
      { kind: 'link' as const, link: hourLink },
      { kind: 'link' as const, link: expired }
    ]
    // An hour-long link turns "expiring soon" 6 minutes (10 %) before its end.
    expect(nextStatusChange(rows, now)).toBe(now + 3_599_000 - 360_000)
    expect(nextStatusChange(rows, now + 3_300_000)).toBe(now + 3_599_000)
    expect(nextStatusChange(rows, now + 3_599_000)).toBeNull()
  })
})
