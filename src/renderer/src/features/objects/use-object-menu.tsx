import { useState } from 'react'
import { ContextMenu, type ContextMenuCloseReason } from '../../lib/ContextMenu'
import type { BrowserRow } from './entries'
import { objectMenuItems, type ObjectMenuActions, type OpenMenu } from './object-menu'

/**
 * The object table's right-click menu: `show` opens it for a row (or the selection the row is
 * part of), `element` is what to render.
 */
export function useObjectMenu(onClosed: (reason: ContextMenuCloseReason) => void) {
  const [menu, setMenu] = useState<OpenMenu | null>(null)
  return {
    // Built when it opens, from the actions as they are then.
    show: (row: BrowserRow, x: number, y: number, actions: ObjectMenuActions) =>
      setMenu({
        label: actions.selectedCount > 1 ? `${actions.selectedCount} selected` : row.name,
        items: objectMenuItems(row, actions),
        x,
        y
      }),
    hide: () => setMenu(null),
    element: menu && (
      <ContextMenu
        label={menu.label}
        x={menu.x}
        y={menu.y}
        items={menu.items}
        onClose={(reason) => {
          setMenu(null)
          onClosed(reason)
        }}
      />
    )
  }
}
