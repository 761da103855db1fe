import { AppError } from '../../shared/errors'
import { isWebUrl } from '../../shared/web-url'
import type { IssuedLink, LinksSnapshot } from '../../shared/models'
import { systemClock, type Clock } from './ports'

/**
 * Where issued links are kept between runs (the conf-based adapter in `adapters/link-store`).
 *
 * Reads are served from memory; each change is written through before the call returns.
 */
export interface LinkRepository {
  /** Every stored link, oldest first. */
  all(): readonly IssuedLink[]
  add(link: IssuedLink): void
  /** Returns false when there was no link with that id. */
  remove(id: string): boolean
  /** Replaces every link in one write. */
  replaceAll(links: readonly IssuedLink[]): void
  /** Set when the store file was unreadable at start-up and was moved aside. */
  readonly recoveredFrom: LinksSnapshot['recoveredFrom']
}

export type LinksListener = (snapshot: LinksSnapshot) => void

export interface LinkService {
  /** Every link, newest first, plus what happened to an unreadable store file. */
  snapshot(): LinksSnapshot
  /** Stores a freshly signed link under a new id and returns it. */
  record(link: Omit<IssuedLink, 'id'>): IssuedLink
  /** Throws `AppError('link-not-found')` for an unknown id. */
  get(id: string): IssuedLink
  /**
   * The URL to hand to the default browser; throws for an unknown id, or for a URL that is
   * not http(s) (the store file can be edited by hand).
   */
  urlToOpen(id: string): string
  /** Throws `AppError('link-not-found')` for an unknown id. */
  forget(id: string): void
  /** Forgets every link that no longer works; returns how many. */
  clearExpired(): number
  /** Called with a new snapshot after every change; returns the unsubscribe function. */
  onChange(listener: LinksListener): () => void
}

export interface LinkServiceDependencies {
  repository: LinkRepository
  clock?: Clock
  newId?: () => string
}

/** The registry of every link the app has issued. */
export function createLinkService({
  repository,
  clock = systemClock,
  newId = () => crypto.randomUUID()
}: LinkServiceDependencies): LinkService {
  const listeners = new Set<LinksListener>()

  function snapshot(): LinksSnapshot {
    return { links: repository.all().toReversed(), recoveredFrom: repository.recoveredFrom }
  }

  function changed(): void {
    if (listeners.size === 0) return
    const current = snapshot()
    for (const listener of listeners) listener(current)
  }

  function find(id: string): IssuedLink {
    const link = repository.all().find((candidate) => candidate.id === id)
    if (link === undefined) throw notFound()
    return link
  }

  return {
    snapshot,

    record(draft) {
      const link: IssuedLink = { ...draft, id: newId() }
      repository.add(link)
      changed()
      return link
    },

    get: find,

    urlToOpen(id) {
      const { url } = find(id)
      if (!isWebUrl(url)) {
        throw new AppError('invalid-argument', 'Only http and https links open in the browser.')
      }
      return url
    },

    forget(id) {
      if (!repository.remove(id)) throw notFound()
      changed()
    },

    clearExpired() {
      const now = clock.now()
      const links = repository.all()
      // expiresAt is already the earlier of the requested and the credentials' expiry.
      const alive = links.filter((link) => Date.parse(link.expiresAt) > now)
      const removed = links.length - alive.length
      if (removed === 0) return 0
      repository.replaceAll(alive)
      changed()
      return removed
    },

    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
  }
}

function notFound(): AppError {
  return new AppError(
    'link-not-found',
    'That link is no longer in the list. It may have been forgotten or cleared as expired.'
  )
}
