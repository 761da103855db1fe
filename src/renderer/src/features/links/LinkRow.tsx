import { memo } from 'react'
import {
  formatAgo,
  formatRemaining,
  linkStatus,
  type LinkStatus
} from '../../../../shared/countdown'
import { formatFullDateTime, formatMoment } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { parentPrefix } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'
import { useDeadline, useNowSelect } from '../../lib/use-now'
import type { LinkEntry } from './link-list'

export const ROW_HEIGHT = 44

const STATUS_LABELS: Record<LinkStatus, string> = {
  active: 'Active',
  expiring: 'Expiring soon',
  expired: 'Expired'
}

export function StatusBadge({ status }: { status: LinkStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  )
}

export interface LinkRowProps {
  entry: LinkEntry
  /** 1-based position among the rows, header included, for `aria-rowindex`. */
  rowIndex: number
  top: number
  justCopied: boolean
  onCopy: (link: IssuedLink) => void
  onOpen: (link: IssuedLink) => void
  onForget: (link: IssuedLink) => void
}

/**
 * One link in the panel.
 *
 * Memoized: a row re-renders when its link, position or "copied" state changes, or when its
 * status does (it asks the shared clock to wake at exactly those moments). The countdown inside
 * re-renders on its own as its text changes.
 */
export const LinkRow = memo(function LinkRow({
  entry,
  rowIndex,
  top,
  justCopied,
  onCopy,
  onOpen,
  onForget
}: LinkRowProps) {
  const { link, name, createdAtMs, expiresAtMs, expiringSoonAtMs } = entry
  useDeadline(expiringSoonAtMs)
  useDeadline(expiresAtMs)
  const status = useNowSelect((now) =>
    linkStatus({ createdAt: createdAtMs, expiresAt: expiresAtMs }, now)
  )
  const prefix = parentPrefix(link.key)
  const locale = uiLocale()
  const cappedTitle =
    link.cappedBy === 'credentials'
      ? `Stops early: the credentials of profile ${link.profileId} expire at ` +
        `${formatMoment(expiresAtMs, locale)} (${formatMoment(link.requestedExpiresAt, locale)} was requested).`
      : undefined

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`links-row is-${status}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="links-cell cell-status">
        <StatusBadge status={status} />
      </div>
      <div role="cell" className="links-cell cell-object">
        <span className="object-name" title={link.key}>
          {name}
        </span>
        <span className="object-prefix" title={`s3://${link.bucket}/${link.key}`}>
          {prefix || '/'}
        </span>
      </div>
      <div role="cell" className="links-cell cell-label">
        {link.label ? (
          <span className="link-label" title={link.label}>
            {link.label}
          </span>
        ) : (
          <span className="muted" aria-label="No label">
            —
          </span>
        )}
      </div>
      <div role="cell" className="links-cell cell-where">
        <span className="bucket-name" title={link.bucket}>
          {link.bucket}
        </span>
        <span className="profile-name" title={`Profile ${link.profileId}`}>
          {link.profileId}
        </span>
      </div>
      <div role="cell" className="links-cell cell-created">
        <span title={formatFullDateTime(link.createdAt, locale)}>
          <LiveText text={(now) => formatAgo(createdAtMs, now)} />
        </span>
      </div>
      <div role="cell" className="links-cell cell-expiry">
        <LiveText className="countdown" text={(now) => formatRemaining(expiresAtMs, now)} />
        <span className="expiry-moment">
          <span title={formatFullDateTime(link.expiresAt, locale)}>
            {formatMoment(expiresAtMs, locale)}
          </span>
          {cappedTitle && (
            <span className="capped-marker" title={cappedTitle}>
              <Icon name="key" size={12} />
              capped<span className="visually-hidden"> by credentials</span>
            </span>
          )}
        </span>
      </div>
      <div role="cell" className="links-cell cell-actions">
        <button
          type="button"
          className={`icon-button${justCopied ? ' is-done' : ''}`}
          onClick={() => onCopy(link)}
          aria-label={`Copy link to ${name}`}
          title={justCopied ? 'Copied' : 'Copy the link again'}
        >
          <Icon name={justCopied ? 'check' : 'copy'} />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => onOpen(link)}
          aria-label={`Show ${name} in browser`}
          title="Open the link in your browser"
        >
          <Icon name="external" />
        </button>
        <button
          type="button"
          className="icon-button danger"
          onClick={() => onForget(link)}
          aria-label={`Forget link to ${name}`}
          title="Remove from this list. The URL itself keeps working until it expires."
        >
          <Icon name="trash" />
        </button>
      </div>
    </div>
  )
})
