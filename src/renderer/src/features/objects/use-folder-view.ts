import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { queryKeys } from '../../lib/query-keys'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { DEFAULT_SORT, filterRows, sortRows, type SortOrder } from './entries'
import { useFolderFilter } from './use-folder-filter'
import { useLoadAll, type PagedListing } from './use-load-all'
import { useObjectSearch } from './use-object-search'
import { useObjects } from './use-objects'
import { useRowSelection } from './use-row-selection'

/** How long typing must pause before the server is asked: one request per word, not per key. */
export const SEARCH_DELAY_MS = 300

/**
 * What the filter box does: nothing (empty), filter the rows locally (the whole folder is
 * loaded: any part of a name, any case), or search the server (names that start with the text,
 * as S3's `Prefix` matches them: exact case).
 */
export type FilterMode = 'none' | 'filter' | 'search'

/** A keyboard move to the last row that waits for the remaining pages first. */
export interface EndRequest {
  extend: boolean
  keep: boolean
}

/**
 * What the object browser shows of one folder: its rows (loaded, or found by a search) sorted
 * and filtered, the selection among them, paging, "Load all", and End's wait for the last page.
 */
export function useFolderView(profileId: string, bucket: string, prefix: string) {
  const queryClient = useQueryClient()
  const location = `${profileId}\n${bucket}\n${prefix}`
  const folder = useObjects(profileId, bucket, prefix)
  const query = folder.query
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT)
  const filter = useFolderFilter(location)

  const typed = filter.text.trim()
  const complete = query.isSuccess && !query.hasNextPage
  const mode: FilterMode = typed === '' ? 'none' : complete ? 'filter' : 'search'
  const debounced = useDebouncedValue(mode === 'search' ? typed : '', SEARCH_DELAY_MS)
  const searchText = mode === 'search' ? debounced : ''
  const search = useObjectSearch(profileId, bucket, prefix, searchText)
  const active = mode === 'search' ? search : folder
  const searching =
    mode === 'search' &&
    (searchText !== typed || (search.query.isFetching && !search.query.isFetchingNextPage))

  const sorted = useMemo(() => sortRows(active.rows, sort), [active.rows, sort])
  const visibleRows = useMemo(() => {
    if (mode === 'filter') return filterRows(sorted, filter.deferred)
    // A search still on its way shows the last one's rows narrowed to what is typed now.
    if (mode === 'search') return sorted.filter((row) => row.name.startsWith(typed))
    return sorted
  }, [mode, sorted, filter.deferred, typed])
  const order = useMemo(() => visibleRows.map((row) => row.id), [visibleRows])
  const rowById = useMemo(
    () => new Map([...folder.rows, ...search.rows].map((row) => [row.id, row])),
    [folder.rows, search.rows]
  )
  const rowSelection = useRowSelection(location, order)
  const { focusId, ids } = rowSelection.selection
  /** The row the details panel shows: the keyboard's row, when it is selected. */
  const detailsRow = focusId !== null && ids.has(focusId) ? (rowById.get(focusId) ?? null) : null
  const selectedRows = useMemo(
    () => rowSelection.selectedIds.flatMap((id) => rowById.get(id) ?? []),
    [rowSelection.selectedIds, rowById]
  )

  /** The listing the table pages through: the folder's, or the search's. */
  const paging = active.query
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = paging
  const listing = (key: readonly unknown[]): PagedListing => ({
    queryKey: key,
    hasNextPage,
    fetchNextPage
  })
  const activeKey =
    mode === 'search'
      ? [...queryKeys.objects(profileId, bucket, prefix), 'search', searchText]
      : queryKeys.objects(profileId, bucket, prefix)
  const loadAll = useLoadAll()
  const [endState, setEndRequest] = useState<{ listing: string; how: EndRequest } | null>(null)
  const activeId = JSON.stringify(activeKey)
  /** End's wait, for the listing shown only: another folder or search forgets it. */
  const endRequest = endState?.listing === activeId ? endState.how : null
  const folderId = JSON.stringify(queryKeys.objects(profileId, bucket, prefix))
  const runningFor = loadAll.run?.listingKey
  /** A run of this folder's pages ("Load all", even from a search) or of the search shown. */
  const ours = runningFor === activeId || runningFor === folderId
  const loadRun = ours ? loadAll.run : null

  const onEndReached = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage])

  /** "Load all": every page of the folder, after which the filter covers everything. */
  const loadEverything = () => {
    void loadAll.start(
      {
        queryKey: queryKeys.objects(profileId, bucket, prefix),
        hasNextPage: query.hasNextPage,
        fetchNextPage: query.fetchNextPage
      },
      'all'
    )
  }
  /** End with pages still to come: load them (visibly, with Cancel), then move. */
  const goToEnd = (how: EndRequest) => {
    setEndRequest({ listing: activeId, how })
    void loadAll.start(listing(activeKey), 'end').then((reached) => {
      if (!reached) setEndRequest(null)
    })
  }
  const cancelLoading = () => {
    setEndRequest(null)
    loadAll.stop()
  }

  // A run belongs to the listing it started on: another folder or search stops it.
  const { stop } = loadAll
  useEffect(() => {
    if (runningFor !== undefined && !ours) stop()
  }, [runningFor, ours, stop])

  const refresh = () => {
    cancelLoading()
    // Back to the first page: refetching every loaded page of a huge folder would take long.
    void queryClient.resetQueries({ queryKey: queryKeys.objects(profileId, bucket, prefix) })
    void queryClient.invalidateQueries({
      queryKey: queryKeys.bucketObjectDetails(profileId, bucket)
    })
  }

  const listFailed = query.isError && !query.data

  return {
    location,
    query,
    paging,
    listFailed,
    loadedCount: folder.rows.length,
    mode,
    typed,
    searching,
    sort,
    setSort,
    filter,
    visibleRows,
    /** Changes when rows may move for a reason other than pages arriving. */
    anchorKey: `${location}\n${mode}\n${sort.column}\n${sort.direction}\n${typed}`,
    ...rowSelection,
    selectedRows,
    detailsRow,
    onEndReached,
    loadRun,
    loadEverything,
    goToEnd,
    endRequest,
    endDone: () => setEndRequest(null),
    cancelLoading,
    refresh
  }
}
