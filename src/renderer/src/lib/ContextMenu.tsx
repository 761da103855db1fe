import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'

export interface ContextMenuItem {
  id: string
  label: string
  onSelect: () => void
  disabled?: boolean
}

/** Why the menu closed: keyboard dismissal and picking an item hand focus back; a click elsewhere does not. */
export type ContextMenuCloseReason = 'escape' | 'select' | 'outside'

export interface ContextMenuProps {
  /** The accessible name of the menu, e.g. the item it acts on. */
  label: string
  /** Where to open, in viewport pixels; the menu is kept inside the window. */
  x: number
  y: number
  items: ContextMenuItem[]
  onClose: (reason: ContextMenuCloseReason) => void
}

const EDGE_MARGIN = 4

/**
 * A right-click menu following the WAI-ARIA menu pattern.
 *
 * Focus moves to the first item, arrows move between items, Escape or Tab closes it, and a click
 * outside, a scroll, a resize or the window losing focus dismisses it.
 */
export function ContextMenu({ label, x, y, items, onClose }: ContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const menu = menuRef.current
    if (!menu) return
    const { width, height } = menu.getBoundingClientRect()
    const left = Math.max(EDGE_MARGIN, Math.min(x, window.innerWidth - width - EDGE_MARGIN))
    const top = Math.max(EDGE_MARGIN, Math.min(y, window.innerHeight - height - EDGE_MARGIN))
    menu.style.left = `${left}px`
    menu.style.top = `${top}px`
    menuItems(menu)[0]?.focus()
  }, [x, y])

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return
      onClose('outside')
    }
    const dismiss = () => onClose('outside')
    document.addEventListener('pointerdown', onPointerDown, true)
    document.addEventListener('scroll', dismiss, true)
    window.addEventListener('resize', dismiss)
    window.addEventListener('blur', dismiss)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true)
      document.removeEventListener('scroll', dismiss, true)
      window.removeEventListener('resize', dismiss)
      window.removeEventListener('blur', dismiss)
    }
  }, [onClose])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const menu = menuRef.current
    if (!menu) return
    const enabled = menuItems(menu)
    const current = enabled.indexOf(document.activeElement as HTMLButtonElement)
    const focusAt = (index: number) => {
      enabled[(index + enabled.length) % enabled.length]?.focus()
    }
    switch (event.key) {
      case 'ArrowDown':
        focusAt(current + 1)
        break
      case 'ArrowUp':
        focusAt(current - 1)
        break
      case 'Home':
        focusAt(0)
        break
      case 'End':
        focusAt(enabled.length - 1)
        break
      case 'Escape':
      case 'Tab':
        onClose('escape')
        break
      default:
        return
    }
    event.preventDefault()
    event.stopPropagation()
  }

  return createPortal(
    <div
      ref={menuRef}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="context-menu-item"
          disabled={item.disabled}
          onClick={() => {
            onClose('select')
            item.onSelect()
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body
  )
}

function menuItems(menu: HTMLElement): HTMLButtonElement[] {
  return Array.from(menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)'))
}
