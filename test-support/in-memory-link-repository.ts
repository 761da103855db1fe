import type { IssuedLink, LinksSnapshot } from '../src/shared/models'
import type { LinkRepository } from '../src/main/services/links'

/** A LinkRepository without a file, for tests of the services built on it. */
export function createInMemoryLinkRepository(
  initial: readonly IssuedLink[] = [],
  recoveredFrom: LinksSnapshot['recoveredFrom'] = null
): LinkRepository {
  let links: readonly IssuedLink[] = [...initial]
  return {
    all: () => links,
    add(link) {
      links = [...links, link]
    },
    remove(id) {
      const next = links.filter((link) => link.id !== id)
      const removed = next.length !== links.length
      links = next
      return removed
    },
    replaceAll(next) {
      links = [...next]
    },
    recoveredFrom
  }
}
