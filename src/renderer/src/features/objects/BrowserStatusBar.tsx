import type { ReactNode } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { pluralize } from '../../../../shared/format'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import type { useObjects } from './use-objects'

export interface BrowserStatusBarProps {
  query: ReturnType<typeof useObjects>['query']
  /** How many items the folder has, as loaded so far ("1,000 of many loaded"). */
  countText: string
  /** How many rows the filter leaves; null without a filter. */
  matches: number | null
  copyError: unknown
  /** The selection's actions, when several rows are selected. */
  selection: ReactNode
}

/** Under the table: counts, what went wrong while paging or refreshing, and "Load more". */
export function BrowserStatusBar({
  query,
  countText,
  matches,
  copyError,
  selection
}: BrowserStatusBarProps) {
  const locale = uiLocale()
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query
  return (
    <footer className="statusbar">
      <span role="status" className="status-count">
        {matches !== null && !query.isPending && (
          <>{pluralize(matches, 'match', 'matches', locale)} · </>
        )}
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
          <Icon name="warning" /> Couldn't load more: <Message text={errorMessage(query.error)} />
        </span>
      )}
      <CopyError error={copyError} className="status-error" />
      {hasNextPage && (
        <button
          type="button"
          className="button button-small statusbar-more"
          disabled={isFetchingNextPage}
          onClick={() => void fetchNextPage()}
        >
          {isFetchingNextPage ? 'Loading…' : isFetchNextPageError ? 'Try again' : 'Load more'}
        </button>
      )}
    </footer>
  )
}
