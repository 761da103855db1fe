/** Where a key moves the keyboard's row in the object table. */
export type GridMove = 'up' | 'down' | 'first' | 'last' | 'pageUp' | 'pageDown'

/** What a key pressed on the object table asks for. */
export type GridCommand =
  /** `extend`: Shift grows the selection; `keep`: Ctrl/Cmd moves without selecting. */
  | { type: 'move'; to: GridMove; extend: boolean; keep: boolean }
  | { type: 'open' }
  | { type: 'up' }
  | { type: 'menu' }
  | { type: 'selectAll' }
  | { type: 'clear' }
  | { type: 'toggle' }

export interface KeyPress {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

const MOVES: Partial<Record<string, GridMove>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
  PageUp: 'pageUp',
  PageDown: 'pageDown'
}

/**
 * The command for a key on the table, or null for keys it leaves alone.
 *
 * Ctrl and Cmd mean the same (the app runs on Linux, Windows and macOS). Arrows move the
 * selection, Shift+arrows extend it, Ctrl/Cmd+arrows move without selecting and Space (or
 * Ctrl/Cmd+Space) then toggles the row: the keyboard can pick rows that are not adjacent.
 */
export function gridCommand(press: KeyPress): GridCommand | null {
  if (press.altKey) return null
  const command = press.ctrlKey || press.metaKey
  const move = MOVES[press.key]
  if (move)
    return { type: 'move', to: move, extend: press.shiftKey, keep: command && !press.shiftKey }
  switch (press.key) {
    case 'Enter':
      return { type: 'open' }
    case 'Backspace':
      return { type: 'up' }
    case 'ContextMenu':
      return { type: 'menu' }
    case 'F10':
      return press.shiftKey ? { type: 'menu' } : null
    case 'Escape':
      return { type: 'clear' }
    case ' ':
      return { type: 'toggle' }
    case 'a':
    case 'A':
      return command ? { type: 'selectAll' } : null
    default:
      return null
  }
}

/** The index a move lands on, before clamping to the rows; `from` is -1 with no row yet. */
export function moveTarget(to: GridMove, from: number, last: number, pageSize: number): number {
  switch (to) {
    case 'down':
      return from < 0 ? 0 : Math.min(last, from + 1)
    case 'up':
      return from < 0 ? 0 : Math.max(0, from - 1)
    case 'first':
      return 0
    case 'last':
      return last
    case 'pageDown':
      return Math.min(last, Math.max(0, from) + pageSize)
    case 'pageUp':
      return Math.max(0, from - pageSize)
  }
}
