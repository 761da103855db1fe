import { describe, expect, it } from 'vitest'
import { countAtOrBefore, searchEntries, sortEntries, sortedExpiries, toEntry } from './link-list'
import { makeLink } from '../../lib/test-utils'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')

describe('link list model', () => {
  const entries = [
    toEntry(
      makeLink({
        key: 'a/one.txt',
        bucket: 'Logs',
        label: 'Audit',
        expiresAtMs: NOW + 10,
        createdAtMs: NOW - 30
      })
    ),
    toEntry(
      makeLink({
        key: 'b/two.txt',
        profileId: 'prod',
        expiresAtMs: NOW - 10,
        createdAtMs: NOW - 10
      })
    ),
    toEntry(makeLink({ key: 'three.txt', expiresAtMs: NOW, createdAtMs: NOW - 20 }))
  ]

  it('names a link by the last segment of its key', () => {
    expect(entries.map((entry) => entry.name)).toEqual(['one.txt', 'two.txt', 'three.txt'])
  })

  it('counts links expired at a moment, including one expiring exactly then', () => {
    const times = sortedExpiries(entries)
    expect(countAtOrBefore(times, NOW - 11)).toBe(0)
    expect(countAtOrBefore(times, NOW - 10)).toBe(1)
    expect(countAtOrBefore(times, NOW)).toBe(2)
    expect(countAtOrBefore(times, NOW + 10)).toBe(3)
  })

  it('matches every term, in any field, ignoring case', () => {
    expect(searchEntries(entries, 'logs audit').map((entry) => entry.name)).toEqual(['one.txt'])
    expect(searchEntries(entries, 'PROD').map((entry) => entry.name)).toEqual(['two.txt'])
    expect(searchEntries(entries, '  ')).toBe(entries)
  })

  it('sorts by creation and expiry', () => {
    const names = (sort: Parameters<typeof sortEntries>[1]) =>
      sortEntries(entries, sort).map((entry) => entry.name)
    expect(names('created-desc')).toEqual(['two.txt', 'three.txt', 'one.txt'])
    expect(names('created-asc')).toEqual(['one.txt', 'three.txt', 'two.txt'])
    expect(names('expires-asc')).toEqual(['two.txt', 'three.txt', 'one.txt'])
    expect(names('expires-desc')).toEqual(['one.txt', 'three.txt', 'two.txt'])
  })
})
