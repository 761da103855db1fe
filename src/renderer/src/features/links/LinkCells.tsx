import type { LinkStatus } from '../../../../shared/countdown'
import type { LinkRevocation } from '../../../../shared/models'
import { formatAgo, formatRemaining } from '../../../../shared/countdown'
import { formatFullDateTime, formatMoment } from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'

export const ROW_HEIGHT = 44

/** What a row shows: a revoked link shows as revoked whatever its times say. */
export type RowStatus = LinkStatus | 'revoked'

const STATUS_LABELS: Record<RowStatus, string> = {
  active: 'Active',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked'
}

export function StatusBadge({ status }: { status: RowStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  )
}

/** The countdown to the real expiry, with the moment itself and a mark when credentials cut it short. */
export function ExpiryCell(props: {
  expiresAtMs: number
  expiresAt: string
  requestedExpiresAt: string
  cappedBy: 'credentials' | null
  profileId: string
}) {
  const locale = uiLocale()
  const cappedTitle =
    props.cappedBy === 'credentials'
      ? `Stops early: the credentials of profile ${props.profileId} expire at ` +
        `${formatMoment(props.expiresAtMs, locale)} (${formatMoment(props.requestedExpiresAt, locale)} was requested).`
      : undefined
  return (
    <div role="cell" className="links-cell cell-expiry">
      <LiveText className="countdown" text={(now) => formatRemaining(props.expiresAtMs, now)} />
      <span className="expiry-moment">
        <span title={formatFullDateTime(props.expiresAt, locale)}>
          {formatMoment(props.expiresAtMs, locale)}
        </span>
        {cappedTitle && (
          <span className="capped-marker" title={cappedTitle}>
            <Icon name="key" size={12} />
            capped<span className="visually-hidden"> by credentials</span>
          </span>
        )}
      </span>
    </div>
  )
}

/** A revoked link has no countdown: it says when and how it was revoked instead. */
export function RevokedExpiryCell({ revoked }: { revoked: LinkRevocation }) {
  const locale = uiLocale()
  return (
    <div role="cell" className="links-cell cell-expiry">
      <span className="revoked-note">
        {revoked.how === 'object-deleted' ? 'Object deleted' : 'Marked revoked'}
      </span>
      <span className="expiry-moment" title={formatFullDateTime(revoked.at, locale)}>
        {formatMoment(revoked.at, locale)}
      </span>
    </div>
  )
}

/** Label, bucket, profile and age: the cells links and batches share. */
export function PlaceCells(props: {
  label: string
  bucket: string
  profileId: string
  createdAt: string
  createdAtMs: number
}) {
  return (
    <>
      <div role="cell" className="links-cell cell-label">
        {props.label ? (
          <span className="link-label" title={props.label}>
            {props.label}
          </span>
        ) : (
          <span className="muted" aria-label="No label">
            —
          </span>
        )}
      </div>
      <div role="cell" className="links-cell cell-bucket">
        <span className="bucket-name" title={props.bucket}>
          {props.bucket}
        </span>
      </div>
      <div role="cell" className="links-cell cell-profile">
        <span className="profile-name" title={`Profile ${props.profileId}`}>
          {props.profileId}
        </span>
      </div>
      <div role="cell" className="links-cell cell-created">
        <span title={formatFullDateTime(props.createdAt, uiLocale())}>
          <LiveText text={(now) => formatAgo(props.createdAtMs, now)} />
        </span>
      </div>
    </>
  )
}

/** A row whose page is on its way. */
export function PendingRow({ rowIndex, top }: { rowIndex: number; top: number }) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-busy="true"
      className="links-row is-pending"
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="links-cell cell-status">
        <span className="skeleton-line skeleton-short" />
        <span className="visually-hidden">Loading…</span>
      </div>
      <div role="cell" className="links-cell cell-object">
        <span className="skeleton-line" />
      </div>
    </div>
  )
}
