import type { FilterMode } from './use-folder-view'

export interface SearchNoteProps {
  id: string
  mode: FilterMode
  /** The text typed, trimmed. */
  text: string
  /** Offers "Load all", which turns a server search into a filter of everything. */
  onLoadAll: () => void
  loadingAll: boolean
}

/**
 * Under the toolbar while the filter box has text: whether it searches the server (names that
 * start with the text, capitals exact, as S3 matches a prefix) or filters everything loaded.
 */
export function SearchNote({ id, mode, text, onLoadAll, loadingAll }: SearchNoteProps) {
  if (mode === 'none') return null
  return (
    <p id={id} className="search-note">
      {mode === 'search' ? (
        <>
          Searching the whole folder for names that start with <q>{text}</q>. S3 matches the start
          of a name, capitals exactly (<q>img</q> does not find <q>IMG_0412.jpg</q>).{' '}
          {loadingAll ? (
            'Loading all…'
          ) : (
            <button type="button" className="button button-link" onClick={onLoadAll}>
              Load all to match any part of a name, in any case
            </button>
          )}
        </>
      ) : (
        <>
          Filtering everything in the folder: names that contain <q>{text}</q>, in any case.
        </>
      )}
    </p>
  )
}
