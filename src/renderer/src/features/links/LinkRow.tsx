import { memo } from 'react'
import { formatMoment } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { parentPrefix } from '../../../../shared/object-key'
import { uiLocale } from '../../lib/locale'
import { linkName } from '../share/upload-words'
import { ExpiryCell, PlaceCells, RevokedExpiryCell, ROW_HEIGHT, StatusBadge } from './LinkCells'
import type { LinkRowActions as Actions } from './link-row-handlers'
import { selfTestSummary, signingNotes } from './link-trust-words'
import { LinkRowActions } from './LinkRowActions'
import { ReceivedLine, UploadObjectCell } from './UploadCells'
import { useLiveStatus } from './use-live-status'

export interface LinkRowProps {
  link: IssuedLink
  /** 1-based position among the rows, header included, for `aria-rowindex`. */
  rowIndex: number
  top: number
  justCopied: boolean
  /** A test or a renewal of this link is under way. */
  busy: boolean
  actions: Actions
}

/** "Works", "Failed: Wrong region" or "Not tested", with the whole story as its title. */
function SelfTestLine({ link, busy }: { link: IssuedLink; busy: boolean }) {
  if (busy) return <span className="self-test tone-untested">Testing…</span>
  const { words, tone, detail } = selfTestSummary(link)
  const tested = link.selfTest?.testedAt
  const title = tested ? `${detail} Tested ${formatMoment(tested, uiLocale())}.` : detail
  return (
    <span className={`self-test tone-${tone}`} title={title}>
      {words}
      {tone === 'failed' && <span className="visually-hidden">. {detail}</span>}
    </span>
  )
}

/**
 * One link.
 *
 * Memoized: a row re-renders when its link, position, "copied" or busy state changes, or when
 * its status does (it asks the shared clock to wake at exactly those moments). The countdown
 * inside re-renders on its own as its text changes.
 */
export const LinkRow = memo(function LinkRow({
  link,
  rowIndex,
  top,
  justCopied,
  busy,
  actions
}: LinkRowProps) {
  const live = useLiveStatus(link.createdAt, link.expiresAt)
  const status = link.revoked ? 'revoked' : live.status
  const { upload } = link
  const name = linkName(link)
  const notes = signingNotes(link)
  // The whole chain is in the details; the row says which end of it this link is.
  const chain = link.renewedFromId ? 'renewal' : link.renewedById ? 'renewed' : null
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`links-row is-${status}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="links-cell cell-status">
        <StatusBadge status={status} />
        {upload ? (
          <ReceivedLine linkId={link.id} status={live.status} />
        ) : (
          status !== 'revoked' && <SelfTestLine link={link} busy={busy} />
        )}
      </div>
      {upload ? (
        <UploadObjectCell bucket={link.bucket} upload={upload} />
      ) : (
        <div role="cell" className="links-cell cell-object">
          <span className="object-name" title={link.key}>
            {name}
          </span>
          <span className="object-prefix" title={`s3://${link.bucket}/${link.key}`}>
            {[parentPrefix(link.key) || '/', ...notes, chain].filter(Boolean).join(' · ')}
          </span>
        </div>
      )}
      {/* Not spread: a link's `key` (its object key) would become the cells' React key. */}
      <PlaceCells
        label={link.label}
        bucket={link.bucket}
        profileId={link.profileId}
        createdAt={link.createdAt}
        createdAtMs={live.createdAtMs}
      />
      {link.revoked ? (
        <RevokedExpiryCell revoked={link.revoked} />
      ) : (
        <ExpiryCell
          expiresAt={link.expiresAt}
          requestedExpiresAt={link.requestedExpiresAt}
          cappedBy={link.cappedBy}
          profileId={link.profileId}
          expiresAtMs={live.expiresAtMs}
        />
      )}
      <LinkRowActions
        link={link}
        name={name}
        status={status}
        justCopied={justCopied}
        busy={busy}
        actions={actions}
      />
    </div>
  )
})
