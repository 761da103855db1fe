import { useCallback, useMemo, useState } from 'react'
import {
  EMPTY_SELECTION,
  clearSelection,
  clickRow,
  moveTo,
  selectAll,
  selectOnly,
  selectedInOrder,
  toggleRow,
  type ClickModifiers,
  type RowSelection
} from './selection'

/** The selection commands the object table calls; each acts on the rows as shown. */
export interface RowSelector {
  click: (id: string, modifiers: ClickModifiers) => void
  /** Keyboard move to a row index; see `moveTo` for `extend` and `keep`. */
  move: (index: number, how?: { extend?: boolean; keep?: boolean }) => void
  only: (id: string) => void
  toggleFocused: () => void
  all: () => void
  clear: () => void
}

/**
 * The selected rows of one folder's table.
 *
 * Selection belongs to a folder: moving elsewhere starts afresh (or at the row `reset` names,
 * such as the folder just left when going up). Actions take `selectedIds`: the selected rows
 * still shown, so a filter that hides a row also leaves it out of "Share N…".
 */
export function useRowSelection(location: string, order: readonly string[]) {
  const [state, setState] = useState<{ location: string; selection: RowSelection }>({
    location,
    selection: EMPTY_SELECTION
  })
  const selection = state.location === location ? state.selection : EMPTY_SELECTION

  const update = useCallback(
    (change: (current: RowSelection) => RowSelection) =>
      setState((previous) => ({
        location,
        selection: change(previous.location === location ? previous.selection : EMPTY_SELECTION)
      })),
    [location]
  )

  const selector = useMemo<RowSelector>(
    () => ({
      click: (id, modifiers) => update((current) => clickRow(current, order, id, modifiers)),
      move: (index, how) => update((current) => moveTo(current, order, index, how)),
      only: (id) => update(() => selectOnly(id)),
      toggleFocused: () =>
        update((current) =>
          current.focusId === null ? current : toggleRow(current, current.focusId)
        ),
      all: () => update((current) => selectAll(current, order)),
      clear: () => update(clearSelection)
    }),
    [order, update]
  )

  /** Starts another folder with `id` selected, or nothing. */
  const reset = useCallback((nextLocation: string, id: string | null) => {
    setState({ location: nextLocation, selection: id === null ? EMPTY_SELECTION : selectOnly(id) })
  }, [])

  const selectedIds = useMemo(() => selectedInOrder(selection, order), [selection, order])

  return { selection, selectedIds, selector, reset }
}
