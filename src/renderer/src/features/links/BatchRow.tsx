import { memo, type ReactNode } from 'react'
import { formatCount, pluralize } from '../../../../shared/format'
import type { LinkBatch } from '../../../../shared/models'
import { SECOND_MS } from '../../../../shared/time-units'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { ExpiryCell, PlaceCells, ROW_HEIGHT, StatusBadge } from './LinkCells'
import { useLiveStatus } from './use-live-status'

const STATE_LABELS: Record<LinkBatch['state'], string | null> = {
  running: 'Still running',
  done: null,
  cancelled: 'Cancelled',
  failed: 'Failed'
}

/** "2,000 links from photos/2024/", what a batch without a label is known by. */
export function describeBatch(batch: LinkBatch): string {
  const links = pluralize(batch.linkCount, 'link', 'links', uiLocale())
  if (batch.source.kind === 'selection') return `${links} from a selection`
  return `${links} from ${batch.source.prefix || '/'}`
}

export interface BatchRowProps {
  batch: LinkBatch
  /** How many of the batch's links match the filter. */
  matching: number
  /** Position in the list, from 0. */
  index: number
  top: number
  height: number
  expanded: boolean
  /** The id of the element that shows the batch's links when expanded. */
  panelId: string
  onToggle: (batch: LinkBatch, matching: number, index: number) => void
  /** The batch's links, shown under the row when expanded. */
  children?: ReactNode
}

/** A bulk share as one row: what it shared, where, how many links, and their real expiry. */
export const BatchRow = memo(function BatchRow({
  batch,
  matching,
  index,
  top,
  height,
  expanded,
  panelId,
  onToggle,
  children
}: BatchRowProps) {
  const { createdAtMs, expiresAtMs, status } = useLiveStatus(batch.createdAt, batch.expiresAt)
  const locale = uiLocale()
  const description = describeBatch(batch)
  const requestedExpiresAt = new Date(
    (Number.isFinite(createdAtMs) ? createdAtMs : 0) + batch.requestedExpiresInSeconds * SECOND_MS
  ).toISOString()
  const state = STATE_LABELS[batch.state]
  const details = [
    batch.label ? description : 'Bulk share',
    matching < batch.linkCount ? `${formatCount(matching, locale)} match` : null,
    batch.failedCount > 0 ? `${formatCount(batch.failedCount, locale)} failed` : null
  ].filter(Boolean)

  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`links-row batch-row is-${status}${expanded ? ' is-expanded' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
    >
      <div role="cell" className="links-cell cell-status">
        <StatusBadge status={status} />
        {state && <span className={`batch-state state-${batch.state}`}>{state}</span>}
      </div>
      <div role="cell" className="links-cell cell-object">
        <button
          type="button"
          className="batch-toggle"
          aria-expanded={expanded}
          aria-controls={expanded ? panelId : undefined}
          onClick={() => onToggle(batch, matching, index)}
          title={expanded ? 'Hide the links of this batch' : 'Show the links of this batch'}
        >
          <Icon name="chevronRight" size={14} className="batch-chevron" />
          <span className="object-name">{batch.label || description}</span>
        </button>
        <span className="object-prefix batch-details">{details.join(' · ')}</span>
      </div>
      <PlaceCells {...batch} createdAtMs={createdAtMs} />
      <ExpiryCell {...batch} expiresAtMs={expiresAtMs} requestedExpiresAt={requestedExpiresAt} />
      <div role="cell" className="links-cell cell-actions">
        <span className="count-pill" title={description}>
          {formatCount(batch.linkCount, locale)}
        </span>
      </div>
      {expanded && (
        <div
          role="cell"
          id={panelId}
          className="batch-panel"
          style={{ height: height - ROW_HEIGHT }}
        >
          {children}
        </div>
      )}
    </div>
  )
})
