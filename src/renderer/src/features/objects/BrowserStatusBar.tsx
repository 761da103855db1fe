import type { ReactNode } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import type { LoadAllRun } from './use-load-all'
import type { useObjects } from './use-objects'

type Listing = ReturnType<typeof useObjects>['query']

export interface BrowserStatusBarProps {
  /** The folder's listing: its refresh failures show here. */
  query: Listing
  /** The listing the table pages through: the folder's, or a search's. */
  paging: Pick<
    Listing,
    'hasNextPage' | 'isFetchingNextPage' | 'isFetchNextPageError' | 'fetchNextPage' | 'error'
  >
  /** How many items of the folder are loaded ("4,800 loaded, more to come"). */
  countText: string
  /** What the filter or search found ("3 matches"); null without one. */
  matchText: string | null
  /** The folder has pages not loaded yet: "Load all" is offered. */
  moreInFolder: boolean
  /** Pages being loaded one after another ("Load all", or End), with Cancel. */
  loadRun: LoadAllRun | null
  onLoadAll: () => void
  onCancelLoad: () => void
  copyError: unknown
  /** The selection's actions, when several rows are selected. */
  selection: ReactNode
}

/** Under the table: counts, paging ("Load more", "Load all"), and what went wrong while paging. */
export function BrowserStatusBar({
  query,
  paging,
  countText,
  matchText,
  moreInFolder,
  loadRun,
  onLoadAll,
  onCancelLoad,
  copyError,
  selection
}: BrowserStatusBarProps) {
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = paging
  return (
    <footer className="statusbar">
      <span role="status" className="status-count">
        {matchText !== null && <>{matchText} · </>}
        {countText}
      </span>
      {selection}
      {query.isRefetchError && (
        <span className="status-error" title={errorMessage(query.error)}>
          <Icon name="warning" /> Refresh failed: <Message text={errorMessage(query.error)} />
        </span>
      )}
      {isFetchNextPageError && (
        <span className="status-error">
          <Icon name="warning" /> Couldn't load more: <Message text={errorMessage(paging.error)} />
        </span>
      )}
      <CopyError error={copyError} className="status-error" />
      {loadRun ? (
        <span className="status-loading">
          <span className="spinner-ring status-loading-spinner" aria-hidden="true" />
          {loadRun.purpose === 'end' ? 'Loading up to the end…' : 'Loading all…'}
          <button type="button" className="button button-small" onClick={onCancelLoad}>
            Cancel
          </button>
        </span>
      ) : (
        (hasNextPage || moreInFolder) && (
          <span className="status-paging">
            {hasNextPage && (
              <button
                type="button"
                className="button button-small"
                disabled={isFetchingNextPage}
                onClick={() => void fetchNextPage()}
              >
                {isFetchingNextPage ? 'Loading…' : isFetchNextPageError ? 'Try again' : 'Load more'}
              </button>
            )}
            {moreInFolder && (
              <button
                type="button"
                className="button button-small"
                title="Load every page of this folder, so that sorting and the filter cover it all"
                onClick={onLoadAll}
              >
                Load all
              </button>
            )}
          </span>
        )
      )}
    </footer>
  )
}
