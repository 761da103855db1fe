import { displayStatus, expiringSoonAt, toMs } from '../../../../shared/countdown'
import type {
  IssuedLink,
  LinkBatch,
  LinkListRow,
  LinkPage,
  LinkQuery,
  LinkRegistryStatus,
  LinkRemoval,
  LinkStatusFilter
} from '../../../../shared/models'
import { fail, ok, type FakeHandlers } from '../../lib/test-utils'
import { createFakeTrustHandlers } from './fake-link-trust'

/** Lowercase without accents, as main searches: "Zoë" → "zoe". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

function sortValue(row: LinkListRow, field: NonNullable<LinkQuery['sort']>['field']) {
  const item = row.kind === 'link' ? row.link : row.batch
  switch (field) {
    case 'created':
      return toMs(item.createdAt)
    case 'expires':
      return toMs(item.expiresAt)
    case 'name':
      return row.kind === 'link' ? row.link.key : row.batch.label
    case 'bucket':
      return item.bucket
    case 'profile':
      return item.profileId
    case 'label':
      return item.label
  }
}

function rowId(row: LinkListRow): string {
  return row.kind === 'link' ? row.link.id : row.batch.id
}

/**
 * The registry as the Links view sees it through IPC, answering from arrays: the same filters,
 * counts, grouping and order as main, for renderer tests only.
 */
export function createFakeLinkRegistry(
  initial: { links?: IssuedLink[]; batches?: LinkBatch[] } = {},
  status: Partial<LinkRegistryStatus> = {}
) {
  const state = {
    links: [...(initial.links ?? [])],
    batches: [...(initial.batches ?? [])],
    version: 1
  }

  function batchWithCount(batch: LinkBatch): LinkBatch {
    return { ...batch, linkCount: state.links.filter((link) => link.batchId === batch.id).length }
  }

  function query(request: LinkQuery): LinkPage {
    const now = Date.now()
    const terms = fold(request.text ?? '')
      .split(/\s+/)
      .filter(Boolean)
    const matching = state.links.filter(
      (link) =>
        (!request.batchId || link.batchId === request.batchId) &&
        (!request.bucket || link.bucket === request.bucket) &&
        (!request.profileId || link.profileId === request.profileId) &&
        terms.every((term) =>
          fold(
            [link.key, link.label, link.bucket, link.downloadFilename ?? ''].join('\n')
          ).includes(term)
        )
    )
    const counts: Record<LinkStatusFilter, number> = {
      all: 0,
      active: 0,
      expiring: 0,
      expired: 0,
      revoked: 0
    }
    for (const link of matching) {
      counts.all += 1
      counts[displayStatus(link, now)] += 1
    }
    const shown = matching.filter(
      (link) =>
        !request.status || request.status === 'all' || displayStatus(link, now) === request.status
    )
    let rows: LinkListRow[]
    if (request.groupBatches && !request.batchId) {
      const perBatch = new Map<string, number>()
      for (const link of shown) {
        if (link.batchId) perBatch.set(link.batchId, (perBatch.get(link.batchId) ?? 0) + 1)
      }
      rows = [
        ...shown.filter((link) => !link.batchId).map((link) => ({ kind: 'link' as const, link })),
        ...state.batches
          .filter((batch) => perBatch.has(batch.id))
          .map((batch) => ({
            kind: 'batch' as const,
            batch: batchWithCount(batch),
            matching: perBatch.get(batch.id) ?? 0
          }))
      ]
    } else {
      rows = shown.map((link) => ({ kind: 'link' as const, link }))
    }
    const { field, direction } = request.sort ?? { field: 'created', direction: 'desc' }
    rows.sort((a, b) => {
      const [x, y] = [sortValue(a, field), sortValue(b, field)]
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      return (direction === 'asc' ? order : -order) || rowId(a).localeCompare(rowId(b))
    })
    const page = rows.slice(request.offset, request.offset + request.limit)
    // As main does: the next moment any stored link changes status, whatever the page holds.
    const changes = state.links
      .flatMap((link) => [expiringSoonAt(link), Date.parse(link.expiresAt)])
      .filter((at) => at > now)
    const nextStatusChangeAt = changes.length === 0 ? null : Math.min(...changes)
    return {
      rows: page,
      total: rows.length,
      counts,
      version: state.version,
      now,
      nextStatusChangeAt
    }
  }

  /** Removed links (and batches) by undo token, as main keeps them for `UNDO_WINDOW_MS`. */
  const removals = new Map<string, { links: IssuedLink[]; batches: LinkBatch[] }>()
  let tokens = 0

  function remove(
    predicate: (link: IssuedLink) => boolean,
    batches: LinkBatch[] = []
  ): LinkRemoval {
    const gone = state.links.filter(predicate)
    state.links = state.links.filter((link) => !predicate(link))
    state.version += 1
    if (gone.length === 0 && batches.length === 0) return { count: 0, undoToken: null }
    tokens += 1
    const undoToken = `undo-${tokens}`
    removals.set(undoToken, { links: gone, batches })
    return { count: gone.length, undoToken }
  }

  function find(id: string): IssuedLink | undefined {
    return state.links.find((link) => link.id === id)
  }

  function update(id: string, patch: Partial<IssuedLink>): IssuedLink {
    const index = state.links.findIndex((link) => link.id === id)
    const link = { ...state.links[index]!, ...patch }
    state.links[index] = link
    state.version += 1
    return link
  }

  const trust = createFakeTrustHandlers({ state, find, update })

  const handlers = {
    queryLinks: async (request) => ok(query(request)),
    getLinkRegistryStatus: async () =>
      ok({
        version: state.version,
        total: state.links.length,
        unreadable: 0,
        recoveredFrom: null,
        imported: null,
        buckets: [...new Set(state.links.map((link) => link.bucket))].sort(),
        profileIds: [...new Set(state.links.map((link) => link.profileId))].sort(),
        ...status
      }),
    forgetLink: async ({ id }) =>
      find(id)
        ? ok(remove((link) => link.id === id))
        : fail('link-not-found', 'That link is no longer in the list.'),
    forgetBatch: async ({ batchId }) => {
      const gone = state.batches.filter((batch) => batch.id === batchId)
      state.batches = state.batches.filter((batch) => batch.id !== batchId)
      return ok(remove((link) => link.batchId === batchId, gone))
    },
    // Revoked links count only as revoked: clearing expired ones leaves them.
    clearExpiredLinks: async () =>
      ok(remove((link) => displayStatus(link, Date.now()) === 'expired')),
    undoRemoval: async ({ undoToken }) => {
      const removal = removals.get(undoToken)
      if (!removal) return fail('invalid-argument', 'It is too late to undo that.')
      removals.delete(undoToken)
      state.links.push(...removal.links)
      state.batches.push(...removal.batches)
      state.version += 1
      return ok(removal.links.length)
    },
    ...trust.handlers,
    copyBatch: async ({ batchId }) =>
      ok(state.links.filter((link) => link.batchId === batchId).length),
    exportLinks: async ({ format, batchId }) =>
      ok({
        path: `/home/me/Downloads/links.${format === 'text' ? 'txt' : format}`,
        count: state.links.filter((link) => link.batchId === batchId).length
      }),
    openLinkInBrowser: async () => ok(undefined),
    writeClipboardText: async () => ok(undefined)
  } satisfies FakeHandlers

  return { state, handlers, query, jobs: trust.jobs, outcomes: trust.outcomes, removals }
}

export type FakeLinkRegistry = ReturnType<typeof createFakeLinkRegistry>
