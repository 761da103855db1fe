import type { ReactNode, Ref } from 'react'
import { pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'
import { BrowserStatusBar } from './BrowserStatusBar'
import type { BrowserRow, FolderRow, ObjectRow } from './entries'
import { FolderEmptyMessage, FolderListError } from './FolderMessages'
import { ListingWait } from './ListingWait'
import { ObjectTable } from './ObjectTable'
import { loadedText, searchText } from './status-text'
import type { useFolderView } from './use-folder-view'

export interface FolderTablePaneProps {
  profileId: string
  bucket: string
  prefix: string
  view: ReturnType<typeof useFolderView>
  gridRef: Ref<HTMLDivElement>
  onOpen: (row: BrowserRow) => void
  onUp: () => void
  onShare: (row: ObjectRow) => void
  onShareFolder: (row: FolderRow) => void
  onContextMenu: (row: BrowserRow, x: number, y: number) => void
  copyError: unknown
  /** The selection's actions, when several rows are selected. */
  selection: ReactNode
}

/** The folder's rows (or why they cannot be listed), the slow-listing line and the status bar. */
export function FolderTablePane({
  profileId,
  bucket,
  prefix,
  view,
  gridRef,
  copyError,
  selection,
  ...handlers
}: FolderTablePaneProps) {
  const locale = uiLocale()
  const { query, paging, mode } = view
  const folderName = prefix ? `${bucket}/${prefix}` : bucket
  const countText = folderCountText(view, locale)
  const matchText =
    mode === 'filter'
      ? pluralize(view.visibleRows.length, 'match', 'matches', locale)
      : mode === 'search'
        ? searchText(
            {
              text: view.typed,
              searching: view.searching,
              found: view.visibleRows.length,
              more: paging.hasNextPage
            },
            locale
          )
        : null

  return (
    <div className="table-pane">
      {view.listFailed ? (
        <FolderListError
          bucket={bucket}
          prefix={prefix}
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
          onUp={handlers.onUp}
        />
      ) : (
        <ObjectTable
          gridRef={gridRef}
          label={`Contents of ${folderName}`}
          locationKey={view.location}
          anchorKey={view.anchorKey}
          rows={view.visibleRows}
          loading={query.isPending || (mode === 'search' && paging.isPending)}
          emptyMessage={
            <FolderEmptyMessage bucket={bucket} prefix={prefix} filter={view.typed} mode={mode} />
          }
          sort={view.sort}
          onSortChange={view.setSort}
          selection={view.selection}
          selector={view.selector}
          onEndReached={view.onEndReached}
          moreToLoad={paging.hasNextPage}
          endRequest={view.endRequest}
          onGoToEnd={view.goToEnd}
          onEndDone={view.endDone}
          {...handlers}
        />
      )}
      <ListingWait
        profileId={profileId}
        bucket={bucket}
        prefix={prefix}
        fetching={query.isFetching}
      />
      <BrowserStatusBar
        query={query}
        paging={paging}
        countText={countText}
        matchText={matchText}
        moreInFolder={query.hasNextPage}
        loadRun={view.loadRun}
        onLoadAll={view.loadEverything}
        onCancelLoad={view.cancelLoading}
        copyError={copyError}
        selection={selection}
      />
    </div>
  )
}

/** "4,800 loaded, more to come", "5,200 items", "Loading…" or "Not listed". */
export function folderCountText(
  view: Pick<ReturnType<typeof useFolderView>, 'listFailed' | 'query' | 'loadedCount'>,
  locale?: string
): string {
  return loadedText(
    {
      failed: view.listFailed,
      pending: view.query.isPending,
      loaded: view.loadedCount,
      more: view.query.hasNextPage
    },
    locale
  )
}
