import type { IssuedLink } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import type { RowStatus } from './LinkCells'
import { CheckReceivedButton } from './UploadCells'
import type { LinkRowActions as Actions } from './link-row-handlers'
import { watchExplanation } from './link-trust-words'

const UPLOAD_UNTESTED = 'Not tested by uploading: a test would put a file in the bucket.'

export interface LinkRowActionsProps {
  link: IssuedLink
  name: string
  status: RowStatus
  justCopied: boolean
  busy: boolean
  actions: Actions
}

/**
 * A row's buttons: copy, open, test, renew, QR code, watch, revoke, details and, apart from
 * the rest so that it is not hit by mistake, forget.
 */
export function LinkRowActions({
  link,
  name,
  status,
  justCopied,
  busy,
  actions
}: LinkRowActionsProps) {
  const { upload } = link
  const live = status === 'active' || status === 'expiring'
  // A PUT or POST URL answers a browser's GET with an error; only a page is worth opening.
  const openable = (!upload || upload.kind === 'page') && live
  const renewable = !upload && !link.renewedById && (status === 'expiring' || status === 'expired')
  const watched = link.watched === true
  return (
    <div role="cell" className="links-cell cell-actions">
      <button
        type="button"
        className={`icon-button${justCopied ? ' is-done' : ''}`}
        onClick={() => actions.onCopy(link)}
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
          onClick={() => actions.onOpen(link)}
          aria-label={upload ? `Open the upload page for ${name}` : `Show ${name} in browser`}
          title={upload ? 'Open the upload page in your browser' : 'Open the link in your browser'}
        >
          <Icon name="external" />
        </button>
      )}
      {upload && (
        <span className="untested-mark" title={UPLOAD_UNTESTED}>
          <Icon name="test" />
          <span className="visually-hidden">{UPLOAD_UNTESTED}</span>
        </span>
      )}
      {!upload && status !== 'revoked' && (
        <button
          type="button"
          className="icon-button"
          disabled={busy}
          aria-busy={busy}
          onClick={() => actions.onTest(link)}
          aria-label={`Test link to ${name}`}
          title="Fetch the link once (its first byte) to see that it works"
        >
          <Icon name="test" />
        </button>
      )}
      {renewable && (
        <button
          type="button"
          className="icon-button renew-button"
          disabled={busy}
          onClick={() => actions.onRenew(link)}
          aria-label={`Renew link to ${name}`}
          title="Make a new link to the same object, with the same name, label and lifetime"
        >
          <Icon name="renew" />
        </button>
      )}
      {live && upload?.kind !== 'post' && (
        <button
          type="button"
          className="icon-button"
          aria-haspopup="dialog"
          onClick={() => actions.onQr(link)}
          aria-label={`QR code of link to ${name}`}
          title="Show the link as a QR code, for a phone"
        >
          <Icon name="qr" />
        </button>
      )}
      {status !== 'revoked' && (
        <button
          type="button"
          className={`icon-button${watched ? ' is-on' : ''}`}
          aria-pressed={watched}
          onClick={() => actions.onWatch(link, !watched)}
          aria-label={`Watch link to ${name}`}
          title={`${watched ? 'Watched: ' : 'Watch: '}${watchExplanation(link)}`}
        >
          <Icon name="bell" />
        </button>
      )}
      {!upload && live && (
        <button
          type="button"
          className="icon-button"
          aria-haspopup="dialog"
          onClick={() => actions.onRevoke(link)}
          aria-label={`Revoke link to ${name}`}
          title="End this link before it expires: what works, and what it takes"
        >
          <Icon name="revoke" />
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-haspopup="dialog"
        onClick={() => actions.onDetails(link)}
        aria-label={`Details of link to ${name}`}
        title="Details: self-test, version, renewals"
      >
        <Icon name="more" />
      </button>
      <button
        type="button"
        className="icon-button danger forget-button"
        onClick={() => actions.onForget(link)}
        aria-label={`Forget link to ${name}`}
        title="Remove from this list (you can undo for 10 seconds). The URL itself keeps working until it expires."
      >
        <Icon name="trash" />
      </button>
    </div>
  )
}
