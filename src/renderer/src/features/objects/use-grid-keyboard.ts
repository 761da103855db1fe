import { useEffect, type KeyboardEvent, type MouseEvent } from 'react'
import type { Virtualizer } from '@tanstack/react-virtual'
import type { BrowserRow } from './entries'
import { gridCommand, moveTarget } from './grid-keys'
import type { RowSelection } from './selection'
import type { EndRequest } from './use-folder-view'
import type { RowSelector } from './use-row-selection'

/**
 * The object table's keys (see `grid-keys.ts`) and its keyboard context menu.
 *
 * End (and Ctrl/Cmd+End) with pages still to come asks for them through `onGoToEnd` instead of
 * stopping at the last loaded row; the move happens once `endRequest` is met by the last page.
 */
export function useGridKeyboard({
  rows,
  focusIndex,
  selection,
  selector,
  virtualizer,
  pageSize,
  rowElementId,
  moreToLoad,
  endRequest,
  onGoToEnd,
  onEndDone,
  onOpen,
  onUp,
  onContextMenu
}: {
  rows: BrowserRow[]
  focusIndex: number
  selection: RowSelection
  selector: RowSelector
  virtualizer: Virtualizer<HTMLDivElement, Element>
  pageSize: () => number
  rowElementId: (index: number) => string
  moreToLoad: boolean
  endRequest: EndRequest | null
  onGoToEnd: (how: EndRequest) => void
  onEndDone: () => void
  onOpen: (row: BrowserRow) => void
  onUp: () => void
  onContextMenu: (row: BrowserRow, x: number, y: number) => void
}) {
  const last = rows.length - 1
  const { move } = selector
  useEffect(() => {
    if (endRequest === null || moreToLoad) return
    onEndDone()
    if (last < 0) return
    move(last, endRequest)
    virtualizer.scrollToIndex(last, { align: 'end' })
  }, [endRequest, moreToLoad, last, move, virtualizer, onEndDone])

  const openMenuForFocus = () => {
    const row = rows[focusIndex]
    if (!row) return
    const rect = document.getElementById(rowElementId(focusIndex))?.getBoundingClientRect()
    onContextMenu(row, (rect?.left ?? 0) + 24, rect?.bottom ?? 0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the header's buttons or a row's Share button are theirs.
    if (event.target !== event.currentTarget) return
    const command = gridCommand(event)
    if (!command) return
    switch (command.type) {
      case 'move': {
        if (command.to === 'last' && moreToLoad) {
          onGoToEnd({ extend: command.extend, keep: command.keep })
          break
        }
        if (rows.length === 0) break
        const index = moveTarget(command.to, focusIndex, last, pageSize())
        selector.move(index, command)
        virtualizer.scrollToIndex(index, { align: 'auto' })
        break
      }
      case 'open': {
        const row = rows[focusIndex]
        if (row) onOpen(row)
        break
      }
      case 'up':
        onUp()
        break
      case 'menu':
        openMenuForFocus()
        break
      case 'selectAll':
        selector.all()
        break
      case 'clear':
        // Nothing to clear: Escape is left to whoever else listens.
        if (selection.ids.size === 0) return
        selector.clear()
        break
      case 'toggle':
        selector.toggleFocused()
        break
    }
    event.preventDefault()
  }

  const onGridContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    // A context menu on the grid itself came from the keyboard: use the selected row.
    if (event.target !== event.currentTarget) return
    event.preventDefault()
    openMenuForFocus()
  }

  return { onKeyDown, onGridContextMenu }
}
