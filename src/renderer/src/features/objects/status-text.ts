import { formatCount, pluralize } from '../../../../shared/format'

/**
 * How many items of the folder are loaded, as the status line says it.
 *
 * A delimiter listing has no total until its last page (S3 does not tell, and counting the
 * folder's keys would count sub-folders' contents too), so while pages are still to come it
 * says "4,800 loaded, more to come"; `total`, when some day known, gives "4,800 of 5,200 loaded".
 */
export function loadedText(
  state: { failed: boolean; pending: boolean; loaded: number; more: boolean; total?: number },
  locale?: string
): string {
  if (state.failed) return 'Not listed'
  if (state.pending) return 'Loading…'
  if (!state.more) return pluralize(state.loaded, 'item', 'items', locale)
  if (state.total !== undefined) {
    return `${formatCount(state.loaded, locale)} of ${formatCount(state.total, locale)} loaded`
  }
  return `${formatCount(state.loaded, locale)} loaded, more to come`
}

/** What a server search has found so far, or that it is still searching. */
export function searchText(
  state: { text: string; searching: boolean; found: number; more: boolean },
  locale?: string
): string {
  if (state.searching) return `Searching names that start with “${state.text}”…`
  const found =
    state.found === 1
      ? `1 name starts with “${state.text}”`
      : `${formatCount(state.found, locale)} names start with “${state.text}”`
  return state.more ? `${found}, more to come` : found
}
