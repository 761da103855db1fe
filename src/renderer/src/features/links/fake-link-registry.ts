import { linkStatus, toMs } from '../../../../shared/countdown'
import type {
  IssuedLink,
  LinkBatch,
  LinkListRow,
  LinkPage,
  LinkQuery,
  LinkRegistryStatus,
  LinkStatusFilter
} from '../../../../shared/models'
import { ok, type FakeHandlers } from '../../lib/test-utils'

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
    const counts: Record<LinkStatusFilter, number> = { all: 0, active: 0, expiring: 0, expired: 0 }
    for (const link of matching) {
      counts.all += 1
      counts[linkStatus(link, now)] += 1
    }
    const shown = matching.filter(
      (link) =>
        !request.status || request.status === 'all' || linkStatus(link, now) === request.status
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
    return { rows: page, total: rows.length, counts, version: state.version, now }
  }

  function remove(predicate: (link: IssuedLink) => boolean): number {
    const before = state.links.length
    state.links = state.links.filter((link) => !predicate(link))
    state.version += 1
    return before - state.links.length
  }

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
    forgetLink: async ({ id }) => ok(void remove((link) => link.id === id)),
    forgetBatch: async ({ batchId }) => {
      state.batches = state.batches.filter((batch) => batch.id !== batchId)
      return ok(remove((link) => link.batchId === batchId))
    },
    clearExpiredLinks: async () => ok(remove((link) => toMs(link.expiresAt) <= Date.now())),
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

  return { state, handlers, query }
}
