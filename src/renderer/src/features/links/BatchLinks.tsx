import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import { errorMessage } from '../../../../shared/errors'
import type { LinkBatch } from '../../../../shared/models'
import { Message } from '../../lib/Message'
import { BatchActions, type BatchHandlers } from './BatchActions'
import { PendingRow, ROW_HEIGHT } from './LinkCells'
import type { LinkFilter } from './link-query'
import type { LinkRowHandlers } from './link-row-handlers'
import { LinkRow } from './LinkRow'
import { useLinkHead, useLinkRows } from './use-link-pages'

/** The bar above a batch's links, with its actions. */
export const BATCH_BAR_HEIGHT = 40
/** An expanded batch shows this many links at most; its own list scrolls for the rest. */
const MAX_VISIBLE_LINKS = 6

/** The height an expanded batch's links take under its row. */
export function batchPanelHeight(matching: number): number {
  return BATCH_BAR_HEIGHT + Math.max(1, Math.min(matching, MAX_VISIBLE_LINKS)) * ROW_HEIGHT
}

export interface BatchLinksProps {
  batch: LinkBatch
  /** The outer list's filter: the batch shows those of its links that match it. */
  filter: LinkFilter
  linkHandlers: LinkRowHandlers
  batchHandlers: BatchHandlers
  /** What the batch is called, to name its list. */
  title: string
}

/** The links of one batch, paged from main like the outer list, in a short scrolling box. */
export function BatchLinks({ batch, filter, linkHandlers, batchHandlers, title }: BatchLinksProps) {
  const { groupBatches: _grouping, sort, ...outer } = filter
  // A batch's links share their times, bucket, profile and label: only their names tell them
  // apart, so they stay in name order unless the list is sorted by name the other way.
  const batchSort =
    sort?.field === 'name' ? sort : { field: 'name' as const, direction: 'asc' as const }
  const batchFilter: LinkFilter = { ...outer, sort: batchSort, batchId: batch.id }
  const head = useLinkHead(batchFilter)
  const total = head.data?.total ?? 0

  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh values each render by design; rows are memoized instead.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4
  })
  const items = virtualizer.getVirtualItems()
  const rows = useLinkRows(batchFilter, head.data, items[0]?.index, items.at(-1)?.index)
  const error = head.error ?? rows.error

  return (
    <div className="batch-links">
      <BatchActions batch={batch} handlers={batchHandlers} />
      <div
        ref={scrollRef}
        className="batch-links-scroll"
        role="table"
        aria-label={`Links of ${title}`}
        aria-rowcount={total}
      >
        <div role="rowgroup" className="links-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows.rowAt(item.index)
            if (row?.kind !== 'link') {
              return <PendingRow key={item.key} rowIndex={item.index + 1} top={item.start} />
            }
            return (
              <LinkRow
                key={row.link.id}
                link={row.link}
                rowIndex={item.index + 1}
                top={item.start}
                justCopied={linkHandlers.copiedId === row.link.id}
                busy={linkHandlers.busyIds.has(row.link.id)}
                actions={linkHandlers.actions}
              />
            )
          })}
        </div>
      </div>
      {error ? (
        <p className="batch-empty" role="alert">
          Could not load the links of this batch: <Message text={errorMessage(error)} />
        </p>
      ) : (
        total === 0 &&
        !head.isPending && <p className="batch-empty">None of this batch’s links match.</p>
      )}
    </div>
  )
}
