import { formatBytes, formatCount, pluralize } from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { DetailsFrame } from './DetailsFrame'
import { s3Uri, type BrowserRow } from './entries'

export interface SelectionDetailsProps {
  bucket: string
  prefix: string
  /** The selected rows, two or more. */
  rows: BrowserRow[]
  onShare: () => void
  onClear: () => void
  onHide: () => void
  /** Escape: back to the list. */
  onLeave: () => void
}

/** The details panel while several rows are selected: what they add up to, and sharing them. */
export function SelectionDetails({ bucket, prefix, rows, ...actions }: SelectionDetailsProps) {
  const locale = uiLocale()
  let objects = 0
  let bytes = 0
  for (const row of rows) {
    if (row.kind === 'object') {
      objects += 1
      bytes += row.size
    }
  }
  const folders = rows.length - objects
  const count = formatCount(rows.length, locale)

  return (
    <DetailsFrame
      icon="check"
      title={`${count} selected`}
      onHide={actions.onHide}
      onLeave={actions.onLeave}
    >
      <div className="details-body">
        <div className="details-actions">
          <button type="button" className="button button-primary" onClick={actions.onShare}>
            <Icon name="share" />
            Share {count}…
          </button>
          <button type="button" className="button" onClick={actions.onClear}>
            Clear selection
          </button>
        </div>
        <dl className="props">
          {objects > 0 && (
            <div className="prop">
              <dt>Objects</dt>
              <dd>
                {formatCount(objects, locale)}{' '}
                <span className="muted">({formatBytes(bytes, locale)})</span>
              </dd>
            </div>
          )}
          {folders > 0 && (
            <div className="prop">
              <dt>Folders</dt>
              <dd>
                {pluralize(folders, 'folder', 'folders', locale)}{' '}
                <span className="muted">with everything under them</span>
              </dd>
            </div>
          )}
          <div className="prop">
            <dt>Location</dt>
            <dd className="mono selectable">{s3Uri(bucket, prefix)}</dd>
          </div>
        </dl>
        <p className="details-hint">
          Shift-click or Shift+arrows extend the selection; Ctrl-click (⌘-click on a Mac) adds or
          removes one item; Ctrl+A selects everything loaded.
        </p>
      </div>
    </DetailsFrame>
  )
}
