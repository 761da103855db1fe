import { expiringSoonAt, toMs } from '../../../../shared/countdown'
import type { IssuedLink } from '../../../../shared/models'
import { keyName } from '../../../../shared/object-key'

export type LinkFilter = 'active' | 'expired' | 'all'
export type LinkSort = 'created-desc' | 'created-asc' | 'expires-asc' | 'expires-desc'

export const LINK_SORTS: readonly { value: LinkSort; label: string }[] = [
  { value: 'created-desc', label: 'Newest first' },
  { value: 'created-asc', label: 'Oldest first' },
  { value: 'expires-asc', label: 'Expiring first' },
  { value: 'expires-desc', label: 'Expiring last' }
]

/** A link with the numbers the panel needs, computed once per snapshot rather than per render. */
export interface LinkEntry {
  link: IssuedLink
  createdAtMs: number
  expiresAtMs: number
  expiringSoonAtMs: number
  /** The key's last segment, what people recognise the object by. */
  name: string
  /** Key, bucket, label and profile, lowercased; fields split by a character no query contains. */
  haystack: string
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback
}

export function toEntry(link: IssuedLink): LinkEntry {
  // An unreadable date sorts as the epoch, which also makes the link count as expired.
  const createdAtMs = finiteOr(toMs(link.createdAt), 0)
  const expiresAtMs = finiteOr(toMs(link.expiresAt), 0)
  return {
    link,
    createdAtMs,
    expiresAtMs,
    expiringSoonAtMs: finiteOr(
      expiringSoonAt({ createdAt: createdAtMs, expiresAt: expiresAtMs }),
      0
    ),
    name: keyName(link.key),
    haystack: [link.key, link.bucket, link.label, link.profileId].join('\u0000').toLowerCase()
  }
}

function compareIds(a: LinkEntry, b: LinkEntry): number {
  return a.link.id < b.link.id ? -1 : a.link.id > b.link.id ? 1 : 0
}

export function sortEntries(entries: readonly LinkEntry[], sort: LinkSort): LinkEntry[] {
  const field = sort.startsWith('created') ? 'createdAtMs' : 'expiresAtMs'
  const direction = sort.endsWith('asc') ? 1 : -1
  return [...entries].sort((a, b) => (a[field] - b[field]) * direction || compareIds(a, b))
}

/** Entries matching every whitespace-separated term of the query, in any field, ignoring case. */
export function searchEntries(entries: readonly LinkEntry[], query: string): readonly LinkEntry[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0) return entries
  return entries.filter((entry) => terms.every((term) => entry.haystack.includes(term)))
}

/** The expiry times of some entries, ascending, for counting expired links by binary search. */
export function sortedExpiries(entries: readonly LinkEntry[]): Float64Array {
  const times = new Float64Array(entries.length)
  entries.forEach((entry, index) => {
    times[index] = entry.expiresAtMs
  })
  return times.sort()
}

/** How many of the ascending `times` are at or before `now`: the links expired at `now`. */
export function countAtOrBefore(times: Float64Array, now: number): number {
  let low = 0
  let high = times.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((times[middle] ?? Infinity) <= now) low = middle + 1
    else high = middle
  }
  return low
}
