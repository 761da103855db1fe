import { memo } from 'react'
import type { IssuedLink } from '../../../../shared/models'
import { parentPrefix } from '../../../../shared/object-key'
import { linkName } from '../share/upload-words'
import { Icon } from '../../lib/Icon'
import { ExpiryCell, PlaceCells, ROW_HEIGHT, StatusBadge } from './LinkCells'
import { CheckReceivedButton, ReceivedLine, UploadObjectCell } from './UploadCells'
import { useLiveStatus } from './use-live-status'

export interface LinkRowProps {
  link: IssuedLink
  /** 1-based position among the rows, header included, for `aria-rowindex`. */
  rowIndex: number
  top: number
  justCopied: boolean
  onCopy: (link: IssuedLink) => void
  onOpen: (link: IssuedLink) => void
  onForget: (link: IssuedLink) => void
}

/**
 * One link.
 *
 * Memoized: a row re-renders when its link, position or "copied" state changes, or when its
 * status does (it asks the shared clock to wake at exactly those moments). The countdown inside
 * re-renders on its own as its text changes.
 */
export const LinkRow = memo(function LinkRow({
  link,
  rowIndex,
  top,
  justCopied,
  onCopy,
  onOpen,
  onForget
}: LinkRowProps) {
  const { createdAtMs, expiresAtMs, status } = useLiveStatus(link.createdAt, link.expiresAt)
  const { upload } = link
  const name = linkName(link)
  // A PUT or POST URL answers a browser's GET with an error; only a page is worth opening.
  const openable = !upload || upload.kind === 'page'
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`links-row is-${status}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="links-cell cell-status">
        <StatusBadge status={status} />
        {upload && <ReceivedLine linkId={link.id} status={status} />}
      </div>
      {upload ? (
        <UploadObjectCell bucket={link.bucket} upload={upload} />
      ) : (
        <div role="cell" className="links-cell cell-object">
          <span className="object-name" title={link.key}>
            {name}
          </span>
          <span className="object-prefix" title={`s3://${link.bucket}/${link.key}`}>
            {parentPrefix(link.key) || '/'}
          </span>
        </div>
      )}
      {/* Not spread: a link's `key` (its object key) would become the cells' React key. */}
      <PlaceCells
        label={link.label}
        bucket={link.bucket}
        profileId={link.profileId}
        createdAt={link.createdAt}
        createdAtMs={createdAtMs}
      />
      <ExpiryCell
        expiresAt={link.expiresAt}
        requestedExpiresAt={link.requestedExpiresAt}
        cappedBy={link.cappedBy}
        profileId={link.profileId}
        expiresAtMs={expiresAtMs}
      />
      <div role="cell" className="links-cell cell-actions">
        <button
          type="button"
          className={`icon-button${justCopied ? ' is-done' : ''}`}
          onClick={() => onCopy(link)}
          aria-label={
            upload?.kind === 'post' ? `Copy upload command for ${name}` : `Copy link to ${name}`
          }
          title={
            justCopied
              ? 'Copied'
              : upload?.kind === 'post'
                ? 'Copy the curl command: a form upload needs its fields too'
                : 'Copy the link again'
          }
        >
          <Icon name={justCopied ? 'check' : 'copy'} />
        </button>
        {upload && <CheckReceivedButton link={link} name={name} />}
        {openable && (
          <button
            type="button"
            className="icon-button"
            onClick={() => onOpen(link)}
            aria-label={upload ? `Open the upload page for ${name}` : `Show ${name} in browser`}
            title={
              upload ? 'Open the upload page in your browser' : 'Open the link in your browser'
            }
          >
            <Icon name="external" />
          </button>
        )}
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
