import { useCallback, useId, useMemo, useRef, type ReactNode, type Ref } from 'react'
import { uiLocale } from '../../lib/locale'
import type { BrowserRow, FolderRow, ObjectRow, SortOrder } from './entries'
import { RowCells } from './ObjectRowCells'
import { COLUMN_COUNT, ObjectTableHead } from './ObjectTableHead'
import { SkeletonRows } from './SkeletonRows'
import type { RowSelection } from './selection'
import type { EndRequest } from './use-folder-view'
import { useGridKeyboard } from './use-grid-keyboard'
import type { RowSelector } from './use-row-selection'
import { useTableVirtualizer } from './use-table-virtualizer'

export { ROW_HEIGHT } from './use-table-virtualizer'

export interface ObjectTableProps {
  /** The accessible name of the table, e.g. the folder it lists. */
  label: string
  /** Changes when the table shows another folder: the scroll position starts over. */
  locationKey: string
  /** Changes when rows move for a reason other than pages arriving (sort, filter). */
  anchorKey: string
  rows: BrowserRow[]
  loading: boolean
  /** Shown instead of rows when there are none. */
  emptyMessage: ReactNode
  sort: SortOrder
  onSortChange: (order: SortOrder) => void
  selection: RowSelection
  selector: RowSelector
  /** Enter or double-click: open a folder, show an object's details. */
  onOpen: (row: BrowserRow) => void
  /** Backspace: go up a level. */
  onUp: () => void
  onShare: (row: ObjectRow) => void
  onShareFolder: (row: FolderRow) => void
  /** Right-click, the context-menu key or Shift+F10, at viewport coordinates. */
  onContextMenu: (row: BrowserRow, x: number, y: number) => void
  /** The user scrolled near the last loaded row. */
  onEndReached: () => void
  /** Pages are still to come: End loads them before moving. */
  moreToLoad: boolean
  /** End pressed with pages to come, waiting for them; null otherwise. */
  endRequest: EndRequest | null
  onGoToEnd: (how: EndRequest) => void
  /** The end was reached (or there was nothing to wait for). */
  onEndDone: () => void
  gridRef?: Ref<HTMLDivElement>
}

/**
 * The folder's contents as a virtualized, sortable grid.
 *
 * Only the rows in view (plus a few) are in the DOM, so a folder of 100,000 objects scrolls as
 * smoothly as one of ten. The grid holds focus and points at the keyboard's row with
 * `aria-activedescendant`, so focus survives rows scrolling out of the DOM. Several rows can be
 * selected (Shift/Ctrl/Cmd-click, Shift+arrows, Ctrl/Cmd+A); see `grid-keys.ts`.
 */
export function ObjectTable({
  label,
  locationKey,
  anchorKey,
  rows,
  loading,
  emptyMessage,
  sort,
  onSortChange,
  selection,
  selector,
  onOpen,
  onUp,
  onShare,
  onShareFolder,
  onContextMenu,
  onEndReached,
  moreToLoad,
  endRequest,
  onGoToEnd,
  onEndDone,
  gridRef
}: ObjectTableProps) {
  const baseId = useId()
  const locale = uiLocale()

  const indexById = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows])
  const focusId = selection.focusId
  const focusIndex = focusId === null ? -1 : (indexById.get(focusId) ?? -1)
  const scrollRef = useRef<HTMLDivElement>(null)
  const { virtualizer, items, pageSize } = useTableVirtualizer({
    scrollRef,
    rows,
    locationKey,
    anchorKey,
    focusIndex,
    onEndReached
  })

  // Stable while the parent's handlers are, so the memoized cells skip re-rendering on scroll.
  const { only } = selector
  const shareRow = useCallback(
    (row: BrowserRow) => {
      only(row.id)
      if (row.kind === 'folder') onShareFolder(row)
      else onShare(row)
    },
    [only, onShare, onShareFolder]
  )

  const rowId = (index: number) => `${baseId}-row-${index}`
  const focusRendered = items.some((item) => item.index === focusIndex)
  const { onKeyDown, onGridContextMenu } = useGridKeyboard({
    rows,
    focusIndex,
    selection,
    selector,
    virtualizer,
    pageSize,
    rowElementId: rowId,
    moreToLoad,
    endRequest,
    onGoToEnd,
    onEndDone,
    onOpen,
    onUp,
    onContextMenu
  })

  const showEmpty = !loading && rows.length === 0

  return (
    <div
      ref={gridRef}
      className={selection.ids.size > 1 ? 'object-grid has-several' : 'object-grid'}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMN_COUNT}
      aria-multiselectable="true"
      aria-busy={loading || endRequest !== null || undefined}
      aria-activedescendant={focusRendered ? rowId(focusIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onContextMenu={onGridContextMenu}
    >
      <ObjectTableHead sort={sort} onSortChange={onSortChange} />
      <div ref={scrollRef} className="grid-scroll">
        {loading && rows.length === 0 && <SkeletonRows />}
        {showEmpty && (
          <div role="row" className="grid-empty-row">
            <div role="gridcell" className="grid-empty" aria-colspan={COLUMN_COUNT}>
              {emptyMessage}
            </div>
          </div>
        )}
        {rows.length > 0 && (
          <div role="rowgroup" className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]
              if (!row) return null
              const focused = item.index === focusIndex
              const selected = selection.ids.has(row.id)
              return (
                <div
                  key={item.key}
                  id={rowId(item.index)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  className={`grid-row grid-body-row is-${row.kind}${focused ? ' is-focus' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={(event) =>
                    selector.click(row.id, {
                      shift: event.shiftKey,
                      toggle: event.ctrlKey || event.metaKey
                    })
                  }
                  onDoubleClick={() => onOpen(row)}
                  onContextMenu={(event) => {
                    event.preventDefault()
                    // A right-click inside a selection of several acts on all of them.
                    if (!selected || selection.ids.size < 2) selector.only(row.id)
                    onContextMenu(row, event.clientX, event.clientY)
                  }}
                >
                  <RowCells row={row} focused={focused} locale={locale} onShare={shareRow} />
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}
