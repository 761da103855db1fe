import { memo } from 'react'
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatExactBytes,
  formatFullDateTime
} from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import type { BrowserRow } from './entries'

export interface RowCellsProps {
  row: BrowserRow
  /** The keyboard's row: its Share button is the one Tab reaches. */
  focused: boolean
  locale: string | undefined
  /** A row's Share button: one object, or a whole folder. */
  onShare: (row: BrowserRow) => void
}

/**
 * One row's cells. Memoized: scrolling re-renders the table but only rows that come into view
 * (or change selection) compute their sizes and dates.
 */
export const RowCells = memo(function RowCells({ row, focused, locale, onShare }: RowCellsProps) {
  if (row.kind === 'folder') {
    return (
      <>
        <div role="gridcell" className="cell cell-name" title={row.prefix}>
          <Icon name="folder" className="row-icon folder-icon" />
          <span className="name-text">{row.name || '(empty name)'}</span>
        </div>
        <div role="gridcell" className="cell cell-size">
          <span className="muted">—</span>
        </div>
        <div role="gridcell" className="cell cell-lastModified" />
        <div role="gridcell" className="cell cell-storageClass" />
        <div role="gridcell" className="cell cell-actions">
          <ShareButton
            label={`Share folder ${row.name}…`}
            focused={focused}
            onClick={() => onShare(row)}
          />
        </div>
      </>
    )
  }
  return (
    <>
      <div role="gridcell" className="cell cell-name" title={row.key}>
        <Icon name="file" className="row-icon file-icon" />
        <span className="name-text">{row.name}</span>
      </div>
      <div role="gridcell" className="cell cell-size" title={formatExactBytes(row.size, locale)}>
        {formatBytes(row.size, locale)}
      </div>
      <div
        role="gridcell"
        className="cell cell-lastModified"
        title={row.lastModified ? formatFullDateTime(row.lastModified, locale) : undefined}
      >
        <span className="date-long">{formatDateTime(row.lastModified, locale)}</span>
        <span className="date-short">{formatDate(row.lastModified, locale)}</span>
      </div>
      <div role="gridcell" className="cell cell-storageClass">
        {row.storageClass ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell cell-actions">
        <ShareButton label={`Share ${row.name}`} focused={focused} onClick={() => onShare(row)} />
      </div>
    </>
  )
})

function ShareButton({
  label,
  focused,
  onClick
}: {
  label: string
  focused: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      className="row-share"
      // Only the keyboard's row has its button as a tab stop: Tab from the grid reaches it
      // without walking through thousands of rows.
      tabIndex={focused ? 0 : -1}
      aria-label={label}
      onClick={(event) => {
        event.stopPropagation()
        onClick()
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <Icon name="share" />
      <span className="row-share-label">Share</span>
    </button>
  )
}
