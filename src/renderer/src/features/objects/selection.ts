/**
 * Which rows of the object table are selected, and how clicks and keys change that.
 *
 * Pure functions over the rows' ids in the order they are shown, so the rules (a Shift range
 * runs from the anchor, a Ctrl/Cmd-click toggles one row and moves the anchor there) are tested
 * without rendering a table. The model follows desktop file managers.
 */
export interface RowSelection {
  /** The selected rows' ids. */
  ids: ReadonlySet<string>
  /**
   * The row the keyboard is on: arrows move from it, the details panel shows it, Space toggles
   * it. It may be unselected (after a Ctrl/Cmd-click that deselected it, or after Escape).
   */
  focusId: string | null
  /** Where a Shift range starts: the last row clicked or moved to without Shift. */
  anchorId: string | null
}

export const EMPTY_SELECTION: RowSelection = { ids: new Set(), focusId: null, anchorId: null }

/** How a pointer click was made: Shift extends a range, Ctrl (Cmd on macOS) toggles. */
export interface ClickModifiers {
  shift: boolean
  toggle: boolean
}

/** Just this row. */
export function selectOnly(id: string): RowSelection {
  return { ids: new Set([id]), focusId: id, anchorId: id }
}

/** Adds or removes one row; the anchor moves there so a later Shift-click ranges from it. */
export function toggleRow(selection: RowSelection, id: string): RowSelection {
  const ids = new Set(selection.ids)
  if (ids.has(id)) ids.delete(id)
  else ids.add(id)
  return { ids, focusId: id, anchorId: id }
}

/** The ids from `from` to `to` (either way round), inclusive; empty when one is not shown. */
function rangeOf(order: readonly string[], from: string, to: string): string[] {
  const start = order.indexOf(from)
  const end = order.indexOf(to)
  if (start < 0 || end < 0) return []
  return order.slice(Math.min(start, end), Math.max(start, end) + 1)
}

/** The anchor if it is still shown, else the focused row if it is, else `fallback`. */
function anchorIn(selection: RowSelection, order: readonly string[], fallback: string): string {
  for (const candidate of [selection.anchorId, selection.focusId]) {
    if (candidate !== null && order.includes(candidate)) return candidate
  }
  return fallback
}

/**
 * Selects the rows from the anchor to `id`, replacing the selection (or adding to it with
 * `add`, for Ctrl/Cmd+Shift). The anchor stays, so the range can be changed again.
 */
export function selectRange(
  selection: RowSelection,
  order: readonly string[],
  id: string,
  add = false
): RowSelection {
  const anchorId = anchorIn(selection, order, id)
  const ids = new Set(add ? selection.ids : [])
  for (const rowId of rangeOf(order, anchorId, id)) ids.add(rowId)
  return { ids, focusId: id, anchorId }
}

/** What a click on a row does, given its modifier keys. */
export function clickRow(
  selection: RowSelection,
  order: readonly string[],
  id: string,
  modifiers: ClickModifiers
): RowSelection {
  if (modifiers.shift) return selectRange(selection, order, id, modifiers.toggle)
  if (modifiers.toggle) return toggleRow(selection, id)
  return selectOnly(id)
}

/**
 * The keyboard moved to the row at `index` (clamped to the rows shown).
 *
 * `extend` (Shift) selects from the anchor to it; `keep` (Ctrl/Cmd) moves without changing the
 * selection, so Space can then add rows that are not next to each other; otherwise only that
 * row is selected.
 */
export function moveTo(
  selection: RowSelection,
  order: readonly string[],
  index: number,
  how: { extend?: boolean; keep?: boolean } = {}
): RowSelection {
  if (order.length === 0) return selection
  const id = order[Math.max(0, Math.min(order.length - 1, index))] as string
  if (how.extend) return selectRange(selection, order, id)
  if (how.keep) return { ...selection, focusId: id }
  return selectOnly(id)
}

/** Every row shown; the focused row stays (or becomes the first). */
export function selectAll(selection: RowSelection, order: readonly string[]): RowSelection {
  const focusId =
    selection.focusId !== null && order.includes(selection.focusId)
      ? selection.focusId
      : (order[0] ?? null)
  return { ids: new Set(order), focusId, anchorId: selection.anchorId ?? focusId }
}

/** Nothing selected; the keyboard stays on its row, which becomes the anchor. */
export function clearSelection(selection: RowSelection): RowSelection {
  return { ids: new Set(), focusId: selection.focusId, anchorId: selection.focusId }
}

/** The selected rows among those shown, in their order: what an action on the selection takes. */
export function selectedInOrder(selection: RowSelection, order: readonly string[]): string[] {
  if (selection.ids.size === 0) return []
  return order.filter((id) => selection.ids.has(id))
}
