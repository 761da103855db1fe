import { AppError } from '../../shared/errors'
import { formatLinks } from '../../shared/link-export'
import type { IssuedLink, LinkBatch, LinkRemoval, LinksChangedEvent } from '../../shared/models'
import { webUrlToOpen } from '../../shared/web-url'
import { systemClock, type Clock } from './ports'
import type {
  LinkDraft,
  LinkRepository,
  LinkService,
  LinksChangeListener,
  RemovalKeep
} from './registry-ports'

export type { LinkRepository, LinkService } from './registry-ports'

/** Links written per transaction by `recordMany`, so another process never waits long. */
export const RECORD_CHUNK = 500

/** How often the registry is checked for other processes' changes while someone listens. */
export const EXTERNAL_POLL_MS = 1_000

/** The timer functions polling needs; tests pass ones they drive by hand. */
export interface PollTimer {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface LinkServiceDependencies {
  repository: LinkRepository
  clock?: Clock
  newId?: () => string
  timer?: PollTimer
  pollIntervalMs?: number
}

const systemTimer: PollTimer = {
  setInterval(callback, ms) {
    const handle = setInterval(callback, ms)
    // Polling alone must not keep a command-line process alive.
    handle.unref()
    return handle
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>)
  }
}

/**
 * The registry of every link issued, by this process or another (the app and the command line
 * share it).
 *
 * Change events are small (a version to refetch at, a reason, a count), never the list. While
 * anyone listens, the repository's change counter is polled about once a second, so links
 * another process recorded show up as an `external` change.
 */
export function createLinkService({
  repository,
  clock = systemClock,
  newId = () => timeOrderedId(clock.now()),
  timer = systemTimer,
  pollIntervalMs = EXTERNAL_POLL_MS
}: LinkServiceDependencies): LinkService {
  const listeners = new Set<LinksChangeListener>()
  let poll: unknown = null
  // The counter as of the last event (or subscription): anything beyond it is someone else's.
  let seen = 0

  function emit(reason: LinksChangedEvent['reason'], count: number): void {
    if (listeners.size === 0) return
    seen = repository.changeCounter()
    const event: LinksChangedEvent = { version: seen, reason, count }
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        // The change is committed whatever a listener does; one failing must not hide it.
        console.error('A links listener failed:', error)
      }
    }
  }

  function checkExternal(): void {
    let current: number
    try {
      current = repository.changeCounter()
    } catch {
      // Closed or briefly unreadable: the next tick tries again.
      return
    }
    if (current !== seen) emit('external', 0)
  }

  function find(id: string): IssuedLink {
    const link = repository.get(id)
    if (link === null) throw notFound()
    return link
  }

  function findBatch(id: string): LinkBatch {
    const batch = repository.getBatch(id)
    if (batch === null) throw batchNotFound()
    return batch
  }

  function newKeep(): RemovalKeep {
    const at = clock.now()
    return { token: timeOrderedId(at), at }
  }

  function recordMany(drafts: readonly LinkDraft[]): IssuedLink[] {
    const links = drafts.map((draft) => ({ ...draft, id: newId() }))
    for (let start = 0; start < links.length; start += RECORD_CHUNK) {
      repository.addMany(links.slice(start, start + RECORD_CHUNK))
    }
    if (links.length > 0) emit('added', links.length)
    return links
  }

  return {
    record(draft) {
      const link: IssuedLink = { ...draft, id: newId() }
      repository.add(link)
      emit('added', 1)
      return link
    },

    recordMany,

    createBatch(draft) {
      const batch: LinkBatch = {
        ...draft,
        id: newId(),
        linkCount: 0,
        failedCount: 0,
        state: 'running'
      }
      repository.saveBatch(batch)
      emit('added', 0)
      return batch
    },

    updateBatch(id, patch) {
      const batch = { ...findBatch(id), ...patch }
      repository.saveBatch(batch)
      emit('updated', 0)
      // The link count may have moved meanwhile (it is kept by the database, not the record).
      return repository.getBatch(id) ?? batch
    },

    get: find,

    update(id, patch) {
      const [link] = repository.update([id], patch)
      if (link === undefined) throw notFound()
      emit('updated', 1)
      return link
    },

    updateMany(ids, patch) {
      const updated = ids.length === 0 ? [] : repository.update(ids, patch)
      if (updated.length > 0) emit('updated', updated.length)
      return updated
    },

    watched() {
      return repository.watched()
    },

    linksTo({ endpoint, bucket, key }) {
      return repository.linksTo({ bucket, key }).filter((link) => link.endpoint === endpoint)
    },

    query(query) {
      const now = clock.now()
      // Read first: a change between the two makes the page look older, so it is fetched again.
      const version = repository.changeCounter()
      return { ...repository.query(query, now), version, now }
    },

    status() {
      const version = repository.changeCounter()
      return { ...repository.status(), version }
    },

    urlToOpen(id) {
      return webUrlToOpen(find(id).url)
    },

    forget(id) {
      const keep = newKeep()
      if (!repository.remove(id, keep)) throw notFound()
      emit('removed', 1)
      return { count: 1, undoToken: keep.token }
    },

    forgetBatch(batchId) {
      findBatch(batchId)
      const keep = newKeep()
      const removed = repository.removeBatch(batchId, keep)
      emit('removed', removed)
      // The batch itself went too, so there is something to bring back even with no links.
      return { count: removed, undoToken: keep.token }
    },

    clearExpired() {
      // expiresAt is already the earlier of the requested and the credentials' expiry.
      const keep = newKeep()
      const removed = repository.removeExpired(keep.at, keep)
      if (removed > 0) emit('removed', removed)
      return removal(removed, keep)
    },

    undo(undoToken) {
      const restored = repository.restore(undoToken, clock.now())
      if (restored === null) {
        throw new AppError(
          'undo-expired',
          'This can no longer be undone: forgotten links can be brought back only for a few seconds, and only once.'
        )
      }
      emit('added', restored)
      return restored
    },

    batchUrls(batchId) {
      findBatch(batchId)
      return repository.matching({ batchId }, clock.now()).map((link) => link.url)
    },

    exportLinks(selection) {
      if (selection.batchId !== undefined) findBatch(selection.batchId)
      const links = repository.matching(
        {
          ...(selection.batchId === undefined ? {} : { batchId: selection.batchId }),
          ...(selection.query === undefined ? {} : { query: selection.query })
        },
        clock.now()
      )
      return { content: formatLinks(links, selection.format), count: links.length }
    },

    onChange(listener) {
      if (listeners.size === 0) {
        seen = repository.changeCounter()
        poll = timer.setInterval(checkExternal, pollIntervalMs)
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && poll !== null) {
          timer.clearInterval(poll)
          poll = null
        }
      }
    }
  }
}

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds, then 74 random bits.
 *
 * Ids made one after another sort one after another, so the registry's id index grows at its
 * end; random ids would touch a different page of it for every link written.
 */
export function timeOrderedId(now: number): string {
  const bytes = randomBytes16()
  const time = Math.max(0, Math.floor(now))
  for (let index = 0; index < 6; index += 1) {
    bytes[index] = Math.floor(time / 2 ** (8 * (5 - index))) % 256
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  let id = ''
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) id += '-'
    id += HEX[bytes[index]!]
  }
  return id
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

// Random bytes for ids, drawn from the system 4 KB at a time: one call per id would cost more
// than the rest of recording a link in bulk.
const pool = new Uint8Array(4096)
let poolUsed = pool.length

function randomBytes16(): Uint8Array {
  if (poolUsed + 16 > pool.length) {
    crypto.getRandomValues(pool)
    poolUsed = 0
  }
  poolUsed += 16
  return pool.slice(poolUsed - 16, poolUsed)
}

/** What a removal tells the window: a token only when something can be brought back. */
function removal(count: number, keep: RemovalKeep): LinkRemoval {
  return { count, undoToken: count > 0 ? keep.token : null }
}

function notFound(): AppError {
  return new AppError(
    'link-not-found',
    'That link is no longer in the list. It may have been forgotten or cleared as expired.'
  )
}

function batchNotFound(): AppError {
  return new AppError(
    'link-not-found',
    'That batch of links is no longer in the list. It may have been forgotten.'
  )
}
