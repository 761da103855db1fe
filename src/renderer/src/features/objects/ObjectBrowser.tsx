import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatCount, pluralize } from '../../../../shared/format'
import { parentPrefix } from '../../../../shared/object-key'
import {
  ContextMenu,
  type ContextMenuCloseReason,
  type ContextMenuItem
} from '../../lib/ContextMenu'
import { CopyError } from '../../lib/CopyError'
import { EmptyState } from '../../lib/EmptyState'
import { ErrorState } from '../../lib/ErrorState'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { uiLocale } from '../../lib/locale'
import { queryKeys } from '../../lib/query-keys'
import { useCopyText } from '../../lib/use-copy-text'
import { Breadcrumbs } from './Breadcrumbs'
import {
  DEFAULT_SORT,
  filterRows,
  s3Uri,
  sortRows,
  type BrowserRow,
  type ObjectRow,
  type SortOrder
} from './entries'
import { ObjectDetailsPanel } from './ObjectDetailsPanel'
import { ObjectTable } from './ObjectTable'
import type { ShareTarget } from './share-target'
import { useObjects } from './use-objects'

export interface ObjectBrowserProps {
  profileId: string
  bucket: string
  prefix: string
  onNavigate: (prefix: string) => void
  onShare: (target: ShareTarget) => void
}

interface MenuState {
  row: BrowserRow
  x: number
  y: number
}

/** One bucket's folder: path, filter, the object table, a status line with paging, and the details panel. */
export function ObjectBrowser({
  profileId,
  bucket,
  prefix,
  onNavigate,
  onShare
}: ObjectBrowserProps) {
  const locale = uiLocale()
  const queryClient = useQueryClient()
  const location = `${profileId}\n${bucket}\n${prefix}`
  const { query, rows } = useObjects(profileId, bucket, prefix)
  const { copy, copied, error: copyError } = useCopyText()

  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT)
  // Filter text and selection belong to one folder: moving elsewhere starts them afresh.
  const [filterState, setFilterState] = useState({ location, text: '' })
  const filter = filterState.location === location ? filterState.text : ''
  const deferredFilter = useDeferredValue(filter)
  const filtering = deferredFilter.trim() !== ''
  const [selection, setSelection] = useState<{ location: string; id: string } | null>(null)
  const selectedId = selection?.location === location ? selection.id : null
  const [detailsOpen, setDetailsOpen] = useState(true)
  const [detailsFocusRequest, setDetailsFocusRequest] = useState(0)
  const [menu, setMenu] = useState<MenuState | null>(null)
  const gridRef = useRef<HTMLDivElement>(null)
  const filterRef = useRef<HTMLInputElement>(null)

  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort])
  const visibleRows = useMemo(() => filterRows(sorted, deferredFilter), [sorted, deferredFilter])
  const rowById = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows])
  const selectedRow = selectedId === null ? null : (rowById.get(selectedId) ?? null)

  const locationOf = (target: string) => `${profileId}\n${bucket}\n${target}`

  const navigate = (target: string, select: string | null = null) => {
    setSelection(select === null ? null : { location: locationOf(target), id: select })
    setMenu(null)
    onNavigate(target)
  }

  const goUp = () => {
    if (prefix !== '') navigate(parentPrefix(prefix), prefix)
  }

  // Stable, like `select`: the table's rows are memoized on them.
  const share = useCallback(
    (row: ObjectRow) => onShare({ profileId, bucket, key: row.key, size: row.size }),
    [profileId, bucket, onShare]
  )
  const select = useCallback((id: string) => setSelection({ location, id }), [location])

  const open = (row: BrowserRow) => {
    if (row.kind === 'folder') {
      navigate(row.prefix)
    } else {
      setDetailsOpen(true)
      setDetailsFocusRequest((count) => count + 1)
    }
  }

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query
  const onEndReached = useCallback(() => {
    // With a filter, a few matches would keep the end in view and page through the whole
    // folder unasked; "Load more" stays available instead.
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !filtering) {
      void fetchNextPage()
    }
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, filtering, fetchNextPage])

  const refresh = () => {
    // Back to the first page: refetching every loaded page of a huge folder would take long.
    void queryClient.resetQueries({ queryKey: queryKeys.objects(profileId, bucket, prefix) })
    void queryClient.invalidateQueries({
      queryKey: queryKeys.bucketObjectDetails(profileId, bucket)
    })
  }

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'f') {
        const input = filterRef.current
        if (!input || input.closest('[hidden]')) return
        event.preventDefault()
        input.focus()
        input.select()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const closeMenu = useCallback((reason: ContextMenuCloseReason) => {
    setMenu(null)
    if (reason !== 'outside') gridRef.current?.focus()
  }, [])

  const menuItems = (row: BrowserRow): ContextMenuItem[] =>
    row.kind === 'folder'
      ? [
          { id: 'open', label: 'Open', onSelect: () => navigate(row.prefix) },
          { id: 'copy-uri', label: 'Copy S3 URI', onSelect: () => copy(s3Uri(bucket, row.prefix)) }
        ]
      : [
          { id: 'share', label: 'Share…', onSelect: () => share(row) },
          { id: 'details', label: 'Show details', onSelect: () => open(row) },
          { id: 'copy-uri', label: 'Copy S3 URI', onSelect: () => copy(s3Uri(bucket, row.key)) },
          { id: 'copy-key', label: 'Copy key', onSelect: () => copy(row.key) }
        ]

  const total = rows.length
  const listFailed = query.isError && !query.data
  const countText = listFailed
    ? 'Not listed'
    : query.isPending
      ? 'Loading…'
      : hasNextPage
        ? `${formatCount(total, locale)} of many loaded`
        : pluralize(total, 'item', 'items', locale)

  const emptyMessage = filtering ? (
    <EmptyState compact icon="search" title={`Nothing loaded matches “${deferredFilter.trim()}”`}>
      {hasNextPage ? (
        <p>More items are not loaded yet: use Load more below to search them too.</p>
      ) : (
        <p>Try another name, or clear the filter with Escape.</p>
      )}
    </EmptyState>
  ) : (
    <EmptyState compact icon="folder" title="This folder is empty">
      <p>
        Upload with <code>aws s3 cp FILE {s3Uri(bucket, prefix)}</code>, then refresh.
      </p>
    </EmptyState>
  )

  const folderName = prefix ? `${bucket}/${prefix}` : bucket

  return (
    <section className="browser" aria-label={`Browsing ${folderName}`}>
      <div className="browser-toolbar">
        <Breadcrumbs
          bucket={bucket}
          prefix={prefix}
          onNavigate={(target) => {
            navigate(target)
            gridRef.current?.focus()
          }}
        />
        <div className="toolbar-actions">
          <div className="search-field">
            <Icon name="search" className="search-icon" />
            <input
              ref={filterRef}
              type="search"
              className="input"
              placeholder="Filter loaded items"
              aria-label="Filter loaded items"
              spellCheck={false}
              autoComplete="off"
              value={filter}
              onChange={(event) => setFilterState({ location, text: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && filter) {
                  event.preventDefault()
                  setFilterState({ location, text: '' })
                } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
                  event.preventDefault()
                  const first = visibleRows[0]
                  if (first && !visibleRows.some((row) => row.id === selectedId)) {
                    select(first.id)
                  }
                  gridRef.current?.focus()
                }
              }}
            />
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Refresh folder"
            title="Refresh folder"
            disabled={query.isFetching && !isFetchingNextPage}
            onClick={refresh}
          >
            <Icon
              name="refresh"
              className={query.isFetching && !isFetchingNextPage ? 'spin' : undefined}
            />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Details panel"
            title={detailsOpen ? 'Hide details' : 'Show details'}
            aria-pressed={detailsOpen}
            onClick={() => {
              setDetailsFocusRequest(0)
              setDetailsOpen((value) => !value)
            }}
          >
            <Icon name="details" />
          </button>
        </div>
      </div>
      <div className={detailsOpen ? 'browser-body with-details' : 'browser-body'}>
        <div className="table-pane">
          {listFailed ? (
            <ErrorState
              title={`Couldn't list ${s3Uri(bucket, prefix)}`}
              error={query.error}
              onRetry={() => void query.refetch()}
              retrying={query.isFetching}
            >
              {prefix !== '' && (
                <button type="button" className="button button-link" onClick={goUp}>
                  Go up to {s3Uri(bucket, parentPrefix(prefix))}
                </button>
              )}
            </ErrorState>
          ) : (
            <ObjectTable
              gridRef={gridRef}
              label={`Contents of ${folderName}`}
              locationKey={location}
              rows={visibleRows}
              loading={query.isPending}
              emptyMessage={emptyMessage}
              sort={sort}
              onSortChange={setSort}
              selectedId={selectedId}
              onSelect={select}
              onOpen={open}
              onUp={goUp}
              onShare={share}
              onContextMenu={(row, x, y) => setMenu({ row, x, y })}
              onEndReached={onEndReached}
            />
          )}
          <footer className="statusbar">
            <span role="status" className="status-count">
              {filtering && !query.isPending && (
                <>{pluralize(visibleRows.length, 'match', 'matches', locale)} · </>
              )}
              {countText}
            </span>
            {query.isRefetchError && (
              <span className="status-error" title={errorMessage(query.error)}>
                <Icon name="warning" /> Refresh failed: <Message text={errorMessage(query.error)} />
              </span>
            )}
            {isFetchNextPageError && (
              <span className="status-error">
                <Icon name="warning" /> Couldn't load more:{' '}
                <Message text={errorMessage(query.error)} />
              </span>
            )}
            <CopyError error={copyError} className="status-error" />
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
          </footer>
        </div>
        {detailsOpen && (
          <ObjectDetailsPanel
            profileId={profileId}
            bucket={bucket}
            prefix={prefix}
            row={selectedRow}
            itemsSummary={countText}
            focusRequest={detailsFocusRequest}
            onShare={share}
            onOpenFolder={(row) => {
              navigate(row.prefix)
              gridRef.current?.focus()
            }}
            onCopy={copy}
            copied={copied}
            onHide={() => {
              setDetailsFocusRequest(0)
              setDetailsOpen(false)
              gridRef.current?.focus()
            }}
            onLeave={() => gridRef.current?.focus()}
          />
        )}
      </div>
      {menu && (
        <ContextMenu
          label={menu.row.name}
          x={menu.x}
          y={menu.y}
          items={menuItems(menu.row)}
          onClose={closeMenu}
        />
      )}
    </section>
  )
}
