import type { Ref } from 'react'
import { Icon } from '../../lib/Icon'
import { Breadcrumbs } from './Breadcrumbs'
import { s3Uri } from './entries'

export interface BrowserToolbarProps {
  bucket: string
  prefix: string
  onNavigate: (prefix: string) => void
  filter: string
  onFilterChange: (text: string) => void
  /** Arrow down or Enter in the filter: on to the table. */
  onFilterLeave: () => void
  filterRef: Ref<HTMLInputElement>
  /** The id of the line that says what the filter box does (search or filter). */
  filterNoteId?: string
  refreshing: boolean
  onRefresh: () => void
  /** Shares every object under the folder shown, sub-folders included. */
  onShareFolder: () => void
  /** Makes an upload link into the folder shown. */
  onReceive?: () => void
  detailsOpen: boolean
  onToggleDetails: () => void
}

/** Above the table: where the listing is, the filter, and the folder's actions. */
export function BrowserToolbar({
  bucket,
  prefix,
  onNavigate,
  filter,
  onFilterChange,
  onFilterLeave,
  filterRef,
  filterNoteId,
  refreshing,
  onRefresh,
  onShareFolder,
  onReceive,
  detailsOpen,
  onToggleDetails
}: BrowserToolbarProps) {
  return (
    <div className="browser-toolbar">
      <Breadcrumbs bucket={bucket} prefix={prefix} onNavigate={onNavigate} />
      <div className="toolbar-actions">
        <div className="search-field">
          <Icon name="search" className="search-icon" />
          <input
            ref={filterRef}
            type="search"
            className="input"
            placeholder="Search this folder"
            aria-label="Search this folder"
            aria-describedby={filterNoteId}
            title="Names that start with the text (exact case); once everything is loaded, any part of a name, any case"
            spellCheck={false}
            autoComplete="off"
            value={filter}
            onChange={(event) => onFilterChange(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && filter) {
                event.preventDefault()
                onFilterChange('')
              } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
                event.preventDefault()
                onFilterLeave()
              }
            }}
          />
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Share folder…"
          title={`Share every object in ${s3Uri(bucket, prefix)} and its sub-folders`}
          onClick={onShareFolder}
        >
          <Icon name="share" />
        </button>
        {onReceive && (
          <button
            type="button"
            className="icon-button"
            aria-label="Receive files here…"
            title={`Make an upload link into ${s3Uri(bucket, prefix)}`}
            onClick={onReceive}
          >
            <Icon name="upload" />
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Refresh folder"
          title="Refresh folder"
          disabled={refreshing}
          onClick={onRefresh}
        >
          <Icon name="refresh" className={refreshing ? 'spin' : undefined} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Details panel"
          title={detailsOpen ? 'Hide details' : 'Show details'}
          aria-pressed={detailsOpen}
          onClick={onToggleDetails}
        >
          <Icon name="details" />
        </button>
      </div>
    </div>
  )
}
