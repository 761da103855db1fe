import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { LinkBatch, LinkPage, LinkSortField, LinkSortOrder } from '../../../../shared/models'
import type { BatchHandlers } from './BatchActions'
import { BatchLinks, batchPanelHeight } from './BatchLinks'
import type { LinkRowHandlers } from './link-row-handlers'
import { BatchRow, describeBatch } from './BatchRow'
import { PendingRow, ROW_HEIGHT } from './LinkCells'
import { compactFilter, type LinkFilter } from './link-query'
import { LinkRow } from './LinkRow'
import { HEADER_HEIGHT, LinksHeader } from './LinksHeader'
import { useLinkRows, useRefetchAtStatusChange, type LinkRows } from './use-link-pages'

/** Where an expanded batch sits in the list, and how tall it is open. */
interface Expansion {
  index: number
  height: number
}

type Expansions = ReadonlyMap<string, Expansion>

/**
 * Expansions updated to where their batches are now, from the rows in view; the same map when
 * nothing moved. A batch that left its place and is nowhere in view is closed.
 */
function followExpansions(expanded: Expansions, items: VirtualItem[], rows: LinkRows): Expansions {
  const seen = new Map<string, Expansion>()
  const loaded = new Set<number>()
  for (const item of items) {
    const row = rows.rowAt(item.index)
    if (!row) continue
    loaded.add(item.index)
    if (row.kind === 'batch' && expanded.has(row.batch.id)) {
      const height = ROW_HEIGHT + batchPanelHeight(row.matching)
      seen.set(row.batch.id, { index: item.index, height })
    }
  }
  let changed = false
  const next = new Map<string, Expansion>()
  for (const [id, expansion] of expanded) {
    const now = seen.get(id) ?? (loaded.has(expansion.index) ? null : expansion)
    if (now) next.set(id, now)
    if (now?.index !== expansion.index || now.height !== expansion.height) changed = true
  }
  return changed ? next : expanded
}

export interface LinksTableProps {
  filter: LinkFilter
  /** The first page of `filter`, which the toolbar shows the counts of. */
  head: LinkPage | undefined
  labelledBy: string
  sort: LinkSortOrder
  onSort: (field: LinkSortField) => void
  linkHandlers: LinkRowHandlers
  batchHandlers: BatchHandlers
  /** Shown over the table when the list is empty. */
  emptyText: string | null
}

/**
 * The links and batches matching the filter, virtualized: only the rows in view are in the page,
 * and only their pages are asked of main.
 */
export function LinksTable(props: LinksTableProps) {
  const { filter, head, linkHandlers, batchHandlers } = props
  const total = head?.total ?? 0
  const [expanded, setExpanded] = useState<Expansions>(() => new Map())
  const scrollRef = useRef<HTMLDivElement>(null)

  // A new filter or order is a new list: back to its top, every batch closed.
  const filterKey = JSON.stringify(compactFilter(filter))
  const [listKey, setListKey] = useState(filterKey)
  if (listKey !== filterKey) {
    setListKey(filterKey)
    setExpanded(new Map())
  }
  useEffect(() => {
    const scroller = scrollRef.current
    if (scroller && scroller.scrollTop !== 0) scroller.scrollTop = 0
  }, [filterKey])

  const heights = useMemo(
    () => new Map([...expanded.values()].map(({ index, height }) => [index, height])),
    [expanded]
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh values each render by design; rows are memoized instead.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => heights.get(index) ?? ROW_HEIGHT,
    scrollMargin: HEADER_HEIGHT,
    overscan: 8
  })
  useLayoutEffect(() => virtualizer.measure(), [heights, virtualizer])

  const items = virtualizer.getVirtualItems()
  const rows = useLinkRows(filter, head, items[0]?.index, items.at(-1)?.index)
  useRefetchAtStatusChange(rows.nextChangeAt)

  useEffect(() => {
    const next = followExpansions(expanded, items, rows)
    if (next !== expanded) setExpanded(next)
  }, [expanded, items, rows])

  const toggle = useCallback((batch: LinkBatch, matching: number, index: number) => {
    setExpanded((current) => {
      const next = new Map(current)
      if (next.has(batch.id)) next.delete(batch.id)
      else next.set(batch.id, { index, height: ROW_HEIGHT + batchPanelHeight(matching) })
      return next
    })
  }, [])

  return (
    <div className="links-frame">
      <div
        ref={scrollRef}
        className="links-scroll"
        role="table"
        aria-labelledby={props.labelledBy}
        aria-rowcount={total + 1}
      >
        <LinksHeader sort={props.sort} onSort={props.onSort} />
        <div role="rowgroup" className="links-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows.rowAt(item.index)
            const top = item.start - HEADER_HEIGHT
            const rowIndex = item.index + 2
            if (!row) return <PendingRow key={`pending-${item.index}`} {...{ rowIndex, top }} />
            if (row.kind === 'link') {
              return (
                <LinkRow
                  key={row.link.id}
                  link={row.link}
                  rowIndex={rowIndex}
                  top={top}
                  justCopied={linkHandlers.copiedId === row.link.id}
                  busy={linkHandlers.busyIds.has(row.link.id)}
                  actions={linkHandlers.actions}
                />
              )
            }
            const { batch, matching } = row
            const open = expanded.has(batch.id)
            return (
              <BatchRow
                key={batch.id}
                batch={batch}
                matching={matching}
                index={item.index}
                top={top}
                height={item.size}
                expanded={open}
                panelId={`${props.labelledBy}-batch-${batch.id}`}
                onToggle={toggle}
              >
                {open && (
                  <BatchLinks
                    batch={batch}
                    filter={filter}
                    title={batch.label || describeBatch(batch)}
                    linkHandlers={linkHandlers}
                    batchHandlers={batchHandlers}
                  />
                )}
              </BatchRow>
            )
          })}
        </div>
      </div>
      {total === 0 && props.emptyText && <p className="links-empty">{props.emptyText}</p>}
    </div>
  )
}
