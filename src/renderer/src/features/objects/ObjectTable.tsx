import { useVirtualizer } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref
} from 'react'
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatExactBytes,
  formatFullDateTime
} from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import {
  nextSort,
  type BrowserRow,
  type ObjectRow,
  type SortColumn,
  type SortOrder
} from './entries'

/** Row height in pixels; the stylesheet's `--row-height` must match. */
export const ROW_HEIGHT = 28

/** How close to the end of the loaded rows (in rows) scrolling asks for the next page. */
const END_THRESHOLD = 50

const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'size', label: 'Size' },
  { id: 'lastModified', label: 'Last modified' },
  { id: 'storageClass', label: 'Storage class' }
]

export interface ObjectTableProps {
  /** The accessible name of the table, e.g. the folder it lists. */
  label: string
  /** Changes when the table shows another folder: the scroll position starts over. */
  locationKey: string
  rows: BrowserRow[]
  loading: boolean
  /** Shown instead of rows when there are none. */
  emptyMessage: ReactNode
  sort: SortOrder
  onSortChange: (order: SortOrder) => void
  selectedId: string | null
  onSelect: (id: string) => void
  /** Enter or double-click: open a folder, show an object's details. */
  onOpen: (row: BrowserRow) => void
  /** Backspace: go up a level. */
  onUp: () => void
  onShare: (row: ObjectRow) => void
  /** Right-click, the context-menu key or Shift+F10, at viewport coordinates. */
  onContextMenu: (row: BrowserRow, x: number, y: number) => void
  /** The user scrolled near the last loaded row. */
  onEndReached: () => void
  gridRef?: Ref<HTMLDivElement>
}

/**
 * The folder's contents as a virtualized, sortable grid.
 *
 * Only the rows in view (plus a few) are in the DOM, so a folder of 100,000 objects scrolls as
 * smoothly as one of ten. The grid holds focus and points at the selected row with
 * `aria-activedescendant`, so focus survives rows scrolling out of the DOM.
 */
export function ObjectTable(props: ObjectTableProps) {
  const { rows, selectedId, onSelect, onOpen, onUp, onContextMenu, onEndReached, onShare } = props
  const baseId = useId()
  const scrollRef = useRef<HTMLDivElement>(null)
  const locale = uiLocale()

  // No React Compiler runs here, and the virtualizer re-renders this component on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index
  })
  const items = virtualizer.getVirtualItems()

  // Stable while the parent's handlers are, so the memoized cells skip re-rendering on scroll.
  const shareRow = useCallback(
    (row: ObjectRow) => {
      onSelect(row.id)
      onShare(row)
    },
    [onSelect, onShare]
  )

  const indexById = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows])
  const selectedIndex = selectedId === null ? -1 : (indexById.get(selectedId) ?? -1)
  const rowId = (index: number) => `${baseId}-row-${index}`
  const selectedRendered = items.some((item) => item.index === selectedIndex)

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [props.locationKey])

  // Coming back up to a folder selects the child just left: bring it into view once listed.
  const revealedFor = useRef<string | null>(null)
  const hasRows = rows.length > 0
  useEffect(() => {
    if (!hasRows || revealedFor.current === props.locationKey) return
    revealedFor.current = props.locationKey
    if (selectedIndex > 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' })
  }, [hasRows, props.locationKey, selectedIndex, virtualizer])

  const lastRenderedIndex = items.at(-1)?.index ?? -1
  useEffect(() => {
    if (rows.length > 0 && lastRenderedIndex >= rows.length - END_THRESHOLD) onEndReached()
  }, [lastRenderedIndex, rows.length, onEndReached])

  const moveTo = (index: number) => {
    const row = rows[index]
    if (!row) return
    onSelect(row.id)
    virtualizer.scrollToIndex(index, { align: 'auto' })
  }

  const openMenuForSelection = () => {
    const row = rows[selectedIndex]
    if (!row) return
    const rect = document.getElementById(rowId(selectedIndex))?.getBoundingClientRect()
    onContextMenu(row, (rect?.left ?? 0) + 24, rect?.bottom ?? 0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the header's buttons or a row's Share button are theirs.
    if (event.target !== event.currentTarget) return
    const last = rows.length - 1
    const viewportRows = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT)
    const pageSize = Math.max(1, viewportRows - 1)
    const from = selectedIndex
    switch (event.key) {
      case 'ArrowDown':
        moveTo(from < 0 ? 0 : Math.min(last, from + 1))
        break
      case 'ArrowUp':
        moveTo(from < 0 ? 0 : Math.max(0, from - 1))
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(last)
        break
      case 'PageDown':
        moveTo(Math.min(last, Math.max(0, from) + pageSize))
        break
      case 'PageUp':
        moveTo(Math.max(0, from - pageSize))
        break
      case 'Enter': {
        const row = rows[from]
        if (row) onOpen(row)
        break
      }
      case 'Backspace':
        onUp()
        break
      case 'ContextMenu':
        openMenuForSelection()
        break
      case 'F10':
        if (!event.shiftKey) return
        openMenuForSelection()
        break
      default:
        return
    }
    event.preventDefault()
  }

  const onGridContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    // A context menu on the grid itself came from the keyboard: use the selected row.
    if (event.target !== event.currentTarget) return
    event.preventDefault()
    openMenuForSelection()
  }

  const showEmpty = !props.loading && rows.length === 0

  return (
    <div
      ref={props.gridRef}
      className="object-grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={5}
      aria-busy={props.loading || undefined}
      aria-activedescendant={selectedRendered ? rowId(selectedIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onContextMenu={onGridContextMenu}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
          {COLUMNS.map((column) => {
            const active = props.sort.column === column.id
            const ascending = props.sort.direction === 'asc'
            return (
              <div
                key={column.id}
                role="columnheader"
                className={`cell cell-${column.id}`}
                aria-sort={active ? (ascending ? 'ascending' : 'descending') : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => props.onSortChange(nextSort(props.sort, column.id))}
                >
                  <span className="sort-label">{column.label}</span>
                  {active && <Icon name={ascending ? 'arrowUp' : 'arrowDown'} />}
                </button>
              </div>
            )
          })}
          <div role="columnheader" className="cell cell-actions">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div ref={scrollRef} className="grid-scroll">
        {props.loading && rows.length === 0 && <SkeletonRows />}
        {showEmpty && (
          <div role="row" className="grid-empty-row">
            <div role="gridcell" className="grid-empty" aria-colspan={5}>
              {props.emptyMessage}
            </div>
          </div>
        )}
        {rows.length > 0 && (
          <div role="rowgroup" className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]
              if (!row) return null
              const selected = item.index === selectedIndex
              return (
                <div
                  key={item.key}
                  id={rowId(item.index)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  className={`grid-row grid-body-row is-${row.kind}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={() => onSelect(row.id)}
                  onDoubleClick={() => onOpen(row)}
                  onContextMenu={(event) => {
                    event.preventDefault()
                    onSelect(row.id)
                    onContextMenu(row, event.clientX, event.clientY)
                  }}
                >
                  <RowCells row={row} selected={selected} locale={locale} onShare={shareRow} />
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

interface RowCellsProps {
  row: BrowserRow
  selected: boolean
  locale: string | undefined
  onShare: (row: ObjectRow) => void
}

/**
 * One row's cells. Memoized: scrolling re-renders the table but only rows that come into view
 * (or change selection) compute their sizes and dates.
 */
const RowCells = memo(function RowCells({ row, selected, locale, onShare }: RowCellsProps) {
  if (row.kind === 'folder') {
    return (
      <>
        <div role="gridcell" className="cell cell-name" title={row.prefix}>
          <Icon name="folder" className="row-icon folder-icon" />
          <span className="name-text">{row.name || '(empty name)'}</span>
        </div>
        <div role="gridcell" className="cell cell-size">
          <span className="muted">—</span>
        </div>
        <div role="gridcell" className="cell cell-lastModified" />
        <div role="gridcell" className="cell cell-storageClass" />
        <div role="gridcell" className="cell cell-actions" />
      </>
    )
  }
  return (
    <>
      <div role="gridcell" className="cell cell-name" title={row.key}>
        <Icon name="file" className="row-icon file-icon" />
        <span className="name-text">{row.name}</span>
      </div>
      <div role="gridcell" className="cell cell-size" title={formatExactBytes(row.size, locale)}>
        {formatBytes(row.size, locale)}
      </div>
      <div
        role="gridcell"
        className="cell cell-lastModified"
        title={row.lastModified ? formatFullDateTime(row.lastModified, locale) : undefined}
      >
        <span className="date-long">{formatDateTime(row.lastModified, locale)}</span>
        <span className="date-short">{formatDate(row.lastModified, locale)}</span>
      </div>
      <div role="gridcell" className="cell cell-storageClass">
        {row.storageClass ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell cell-actions">
        <button
          type="button"
          className="row-share"
          // Only the selected row's button is a tab stop: Tab from the grid reaches it without
          // walking through thousands of rows.
          tabIndex={selected ? 0 : -1}
          aria-label={`Share ${row.name}`}
          onClick={(event) => {
            event.stopPropagation()
            onShare(row)
          }}
          onDoubleClick={(event) => event.stopPropagation()}
        >
          <Icon name="share" />
          <span className="row-share-label">Share</span>
        </button>
      </div>
    </>
  )
})

function SkeletonRows() {
  return (
    <div className="grid-skeleton" role="status">
      <span className="visually-hidden">Loading folder…</span>
      {[46, 32, 58, 40, 52, 28, 44, 36].map((width, index) => (
        <div key={index} className="grid-row skeleton-row" aria-hidden="true">
          <div className="cell cell-name">
            <span className="skeleton-line" style={{ width: `${width}%` }} />
          </div>
          <div className="cell cell-size">
            <span className="skeleton-line skeleton-short" />
          </div>
          <div className="cell cell-lastModified">
            <span className="skeleton-line" />
          </div>
          <div className="cell cell-storageClass">
            <span className="skeleton-line skeleton-short" />
          </div>
          <div className="cell cell-actions" />
        </div>
      ))}
    </div>
  )
}
