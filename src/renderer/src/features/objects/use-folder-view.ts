import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { formatCount, pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'
import { queryKeys } from '../../lib/query-keys'
import { DEFAULT_SORT, filterRows, sortRows, type SortOrder } from './entries'
import { useFolderFilter } from './use-folder-filter'
import { useObjects } from './use-objects'
import { useRowSelection } from './use-row-selection'

/**
 * What the object browser shows of one folder: its loaded rows sorted and filtered, the
 * selection among them, and how many there are.
 */
export function useFolderView(profileId: string, bucket: string, prefix: string) {
  const locale = uiLocale()
  const queryClient = useQueryClient()
  const location = `${profileId}\n${bucket}\n${prefix}`
  const { query, rows } = useObjects(profileId, bucket, prefix)
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT)
  const filter = useFolderFilter(location)

  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort])
  const visibleRows = useMemo(() => filterRows(sorted, filter.deferred), [sorted, filter.deferred])
  const order = useMemo(() => visibleRows.map((row) => row.id), [visibleRows])
  const rowById = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows])
  const rowSelection = useRowSelection(location, order)
  const { focusId, ids } = rowSelection.selection
  /** The row the details panel shows: the keyboard's row, when it is selected. */
  const detailsRow = focusId !== null && ids.has(focusId) ? (rowById.get(focusId) ?? null) : null
  const selectedRows = useMemo(
    () => rowSelection.selectedIds.flatMap((id) => rowById.get(id) ?? []),
    [rowSelection.selectedIds, rowById]
  )

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query
  const filtering = filter.deferred !== ''
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

  const total = rows.length
  const listFailed = query.isError && !query.data
  const countText = listFailed
    ? 'Not listed'
    : query.isPending
      ? 'Loading…'
      : hasNextPage
        ? `${formatCount(total, locale)} of many loaded`
        : pluralize(total, 'item', 'items', locale)

  return {
    location,
    query,
    listFailed,
    countText,
    sort,
    setSort,
    filter,
    filtering,
    visibleRows,
    ...rowSelection,
    selectedRows,
    detailsRow,
    onEndReached,
    refresh
  }
}
