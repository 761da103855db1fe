import { useId, useRef } from 'react'
import { parentPrefix } from '../../../../shared/object-key'
import { useCopyText } from '../../lib/use-copy-text'
import { BrowserToolbar } from './BrowserToolbar'
import type { BrowserRow } from './entries'
import { FolderTablePane, folderCountText } from './FolderTablePane'
import { ObjectDetailsPanel } from './ObjectDetailsPanel'
import { SelectionBar } from './SelectionBar'
import { SearchNote } from './SearchNote'
import { SelectionDetails } from './SelectionDetails'
import type { ReceiveTarget } from '../share/receive-target'
import type { BulkShareTarget, ShareTarget } from './share-target'
import { useDetailsPanel } from './use-details-panel'
import { useFolderView } from './use-folder-view'
import { useObjectMenu } from './use-object-menu'
import { useShareActions } from './use-share-actions'
import './objects.css'

export interface ObjectBrowserProps {
  profileId: string
  bucket: string
  prefix: string
  onNavigate: (prefix: string) => void
  onShare: (target: ShareTarget) => void
  /** Shares several objects, or whole folders, in one go. */
  onShareMany: (target: BulkShareTarget) => void
  /** Opens the receive dialog (upload links) for a folder. */
  onReceive?: (target: ReceiveTarget) => void
}

/**
 * One bucket's folder: path, filter, the object table, a status line with paging and the
 * selection's actions, and the details panel.
 */
export function ObjectBrowser({
  profileId,
  bucket,
  prefix,
  onNavigate,
  onReceive,
  ...props
}: ObjectBrowserProps) {
  const view = useFolderView(profileId, bucket, prefix)
  const { filter, selection, selectedRows, selector } = view
  const noteId = useId()
  const { copy, copied, error: copyError } = useCopyText()
  const { share, shareVersion, sharePrefix, shareFolder, shareRows } = useShareActions({
    profileId,
    bucket,
    ...props
  })
  const details = useDetailsPanel()
  const gridRef = useRef<HTMLDivElement>(null)
  const focusGrid = () => gridRef.current?.focus()
  const menu = useObjectMenu((reason) => {
    if (reason !== 'outside') gridRef.current?.focus()
  })

  // Moving elsewhere starts without a selection, or with the folder just left selected.
  const navigate = (target: string, select: string | null = null) => {
    view.reset(`${profileId}\n${bucket}\n${target}`, select)
    menu.hide()
    onNavigate(target)
  }
  const goUp = () => {
    if (prefix !== '') navigate(parentPrefix(prefix), prefix)
  }
  const shareSelection = () => shareRows(selectedRows)
  const clearSelection = () => {
    selector.clear()
    focusGrid()
  }

  const open = (row: BrowserRow) => (row.kind === 'folder' ? navigate(row.prefix) : details.focus())

  // Built when the menu opens: a right-click inside a selection of several acts on all of them
  // (the table keeps that selection; any other row becomes the only one selected).
  const receive = onReceive && ((at: string) => onReceive({ profileId, bucket, prefix: at }))
  const menuActions = { open, share, shareFolder, receive, shareSelection, clearSelection, copy }
  const openMenu = (row: BrowserRow, x: number, y: number) => {
    const selectedCount = selection.ids.has(row.id) ? selectedRows.length : 1
    menu.show(row, x, y, { ...menuActions, bucket, selectedCount })
  }

  const hideDetails = () => {
    details.hide()
    focusGrid()
  }

  const leaveFilter = () => {
    const first = view.visibleRows[0]
    if (first && selectedRows.length === 0) selector.only(first.id)
    focusGrid()
  }

  const folderName = prefix ? `${bucket}/${prefix}` : bucket
  const several = selectedRows.length > 1

  return (
    <section className="browser" aria-label={`Browsing ${folderName}`}>
      <BrowserToolbar
        bucket={bucket}
        prefix={prefix}
        onNavigate={(target) => {
          navigate(target)
          focusGrid()
        }}
        filter={filter.text}
        onFilterChange={filter.setText}
        onFilterLeave={leaveFilter}
        filterRef={filter.inputRef}
        filterNoteId={noteId}
        refreshing={view.query.isFetching && !view.query.isFetchingNextPage}
        onRefresh={view.refresh}
        onShareFolder={() => sharePrefix(prefix)}
        onReceive={receive && (() => receive(prefix))}
        detailsOpen={details.open}
        onToggleDetails={details.toggle}
      />
      <SearchNote
        id={noteId}
        mode={view.mode}
        text={view.typed}
        onLoadAll={view.loadEverything}
        loadingAll={view.loadRun !== null}
      />
      <div className={details.open ? 'browser-body with-details' : 'browser-body'}>
        <FolderTablePane
          profileId={profileId}
          bucket={bucket}
          prefix={prefix}
          view={view}
          gridRef={gridRef}
          onOpen={open}
          onUp={goUp}
          onShare={share}
          onShareFolder={shareFolder}
          onContextMenu={openMenu}
          copyError={copyError}
          selection={
            several && (
              <SelectionBar
                count={selectedRows.length}
                onShare={shareSelection}
                onClear={clearSelection}
              />
            )
          }
        />
        {details.open && several && (
          <SelectionDetails
            bucket={bucket}
            prefix={prefix}
            rows={selectedRows}
            onShare={shareSelection}
            onClear={clearSelection}
            onHide={hideDetails}
            onLeave={focusGrid}
          />
        )}
        {details.open && !several && (
          <ObjectDetailsPanel
            profileId={profileId}
            bucket={bucket}
            prefix={prefix}
            row={view.detailsRow}
            itemsSummary={folderCountText(view)}
            focusRequest={details.focusRequest}
            onShare={share}
            onShareVersion={shareVersion}
            onOpenFolder={(row) => {
              navigate(row.prefix)
              focusGrid()
            }}
            onCopy={copy}
            copied={copied}
            onHide={hideDetails}
            onLeave={focusGrid}
          />
        )}
      </div>
      {menu.element}
    </section>
  )
}
