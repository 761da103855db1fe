import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { defaultDownloadFilename } from '../../../../shared/content-disposition'
import { formatCountdown, formatLifetime, formatRemaining } from '../../../../shared/countdown'
import { errorMessage } from '../../../../shared/errors'
import {
  formatBytes,
  formatClockTime,
  formatExactBytes,
  formatMoment
} from '../../../../shared/format'
import { hasDotSegments, keyName } from '../../../../shared/object-key'
import { SECOND_MS } from '../../../../shared/time-units'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { LiveClockTime, LiveText } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import type { ShareTarget } from '../objects/share-target'
import { ExpiryPicker } from './ExpiryPicker'
import { useExpiryChoice } from './use-expiry-choice'
import { useShareExpiry } from './use-share-expiry'
import { useShareLink } from './use-share-link'
import './share.css'

export interface ShareDialogProps {
  target: ShareTarget
  onClose: () => void
}

/**
 * Makes a pre-signed download link for one object and copies it.
 *
 * A native modal `<dialog>`: the browser traps focus in it and Escape closes it (through the
 * `close` event, which calls `onClose`). Before anything is created, it says when the link will
 * really stop working: temporary credentials (SSO, assume-role) end a link early.
 *
 * Nothing here reads the clock: the dialog renders when its fields change or the expiry's
 * circumstances do (`useShareExpiry`); the times in it follow the clock in small live children.
 */
export function ShareDialog({ target, onClose }: ShareDialogProps) {
  const ids = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const sliderRef = useRef<HTMLInputElement>(null)
  const locale = uiLocale()

  const { choice, setSeconds, setAmount, setUnit } = useExpiryChoice()
  const [label, setLabel] = useState('')
  const [filename, setFilename] = useState(() => defaultDownloadFilename(target.key) ?? '')
  const [announcement, setAnnouncement] = useState('')
  const expiry = useShareExpiry(target.profileId, choice.seconds)
  const { credentials, credentialsExpireAt } = expiry
  const share = useShareLink()
  const copyText = useCopyText()

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (!dialog.open) dialog.showModal()
    sliderRef.current?.focus()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (choice.error !== null || share.isPending) return
    share.mutate(
      {
        profileId: target.profileId,
        bucket: target.bucket,
        key: target.key,
        expiresInSeconds: choice.seconds,
        label: label.trim(),
        downloadFilename: filename.trim() || null
      },
      {
        onSuccess: ({ copyError }) =>
          setAnnouncement(
            copyError
              ? 'Link created, but it could not be copied to the clipboard.'
              : 'Link created and copied to the clipboard.'
          )
      }
    )
  }

  const result = share.data
  const url = result?.link.url ?? ''

  return (
    <dialog
      ref={dialogRef}
      className="share-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
    >
      <form className="share-form" onSubmit={submit} noValidate>
        <header className="share-header">
          <Icon name="share" className="share-header-icon" />
          <h2 id={`${ids}-title`} className="share-title">
            Share <span className="mono">{keyName(target.key)}</span>
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>

        <div className="share-body">
          <div className="share-object">
            <Icon name="file" className="share-object-icon" />
            <div className="share-object-text">
              <div
                className="share-key mono selectable"
                title={`s3://${target.bucket}/${target.key}`}
              >
                {target.key}
              </div>
              <div className="share-meta">
                <span>
                  <span className="meta-label">Bucket</span>{' '}
                  <span className="mono">{target.bucket}</span>
                </span>
                {target.size !== null && (
                  <span title={formatExactBytes(target.size, locale)}>
                    <span className="meta-label">Size</span> {formatBytes(target.size, locale)}
                  </span>
                )}
                <span>
                  <span className="meta-label">Profile</span>{' '}
                  <span className="mono">{target.profileId}</span>
                </span>
              </div>
            </div>
          </div>

          {hasDotSegments(target.key) && (
            <Note tone="warning">
              <p>
                This key has a <code>.</code> or <code>..</code> segment. Browsers and most tools
                rewrite such paths, so the link only works with clients that send it unchanged, such
                as <code>curl --path-as-is</code>.
              </p>
            </Note>
          )}

          <ExpiryPicker
            choice={choice}
            onSeconds={setSeconds}
            onAmount={setAmount}
            onUnit={setUnit}
            cap={
              credentialsExpireAt === null
                ? null
                : { expiresAt: credentialsExpireAt, profileId: target.profileId }
            }
            describedBy={`${ids}-preview`}
            sliderRef={sliderRef}
          />

          <p id={`${ids}-preview`} className={`share-preview${expiry.capped ? ' is-capped' : ''}`}>
            <Icon name={expiry.capped ? 'warning' : 'check'} className="preview-icon" />
            <span>
              Expires{' '}
              <strong className="preview-time">
                <LiveText text={(now) => formatMoment(expiry.endsAt(now), locale)} />
              </strong>{' '}
              <span className="preview-in">
                (in{' '}
                {expiry.capped && credentialsExpireAt !== null ? (
                  <LiveText text={(now) => formatCountdown(credentialsExpireAt - now)} />
                ) : (
                  formatLifetime(choice.seconds)
                )}
                )
              </span>
              {expiry.capped && (
                <span className="preview-requested">
                  {' '}
                  instead of{' '}
                  <LiveText
                    text={(now) => formatClockTime(now + choice.seconds * SECOND_MS, now, locale)}
                  />
                </span>
              )}
            </span>
          </p>

          <div aria-live="polite">
            {expiry.capped && credentialsExpireAt !== null && (
              <Note tone="warning" testId="cap-warning">
                <div>
                  <p>
                    <strong>
                      This link will stop working at <LiveClockTime at={credentialsExpireAt} />
                    </strong>
                    , when the temporary credentials of profile <code>{target.profileId}</code>{' '}
                    expire (SSO / assume-role sessions end early).
                  </p>
                  <p className="note-hint">
                    A pre-signed URL cannot outlive the credentials that signed it. For a longer
                    link, sign with a profile that has long-term access keys.
                  </p>
                </div>
              </Note>
            )}
            {expiry.sessionEndUnknown && (
              <Note tone="warning" testId="session-warning">
                <div>
                  <p>
                    <strong>This link may stop working before the time chosen here.</strong> Profile{' '}
                    <code>{target.profileId}</code> signs with temporary credentials (a session
                    token), and a link stops working when the session behind that token ends. The
                    app cannot see when that is.
                  </p>
                  <p className="note-hint">
                    For a link that surely lasts, sign with a profile that has long-term access
                    keys.
                  </p>
                </div>
              </Note>
            )}
            {expiry.expired && credentialsExpireAt !== null && (
              <Note tone="error" testId="cap-warning">
                <div>
                  <p>
                    <strong>
                      The temporary credentials of profile <code>{target.profileId}</code> expired
                      at <LiveClockTime at={credentialsExpireAt} />
                    </strong>
                    ; a link signed with them would not work.
                  </p>
                  <p className="note-hint">
                    Sign in again (for SSO: <code>aws sso login --profile {target.profileId}</code>
                    ), then check again.
                  </p>
                </div>
                <button
                  type="button"
                  className="button"
                  onClick={() => void credentials.refetch()}
                  disabled={credentials.isFetching}
                >
                  Check again
                </button>
              </Note>
            )}
          </div>
          {credentials.isPending && (
            <p className="share-aside">
              Checking when the credentials of profile <code>{target.profileId}</code> expire…
            </p>
          )}
          {credentials.isError && (
            <p className="share-aside">
              Could not check when the credentials of profile <code>{target.profileId}</code>{' '}
              expire: <Message text={errorMessage(credentials.error)} />
            </p>
          )}

          <div className="share-fields">
            <label className="share-field">
              <span className="field-label">
                Label <span className="optional">optional</span>
              </span>
              <input
                type="text"
                className="input"
                value={label}
                onChange={(event) => setLabel(event.target.value)}
                placeholder="Who or what it is for"
                maxLength={200}
              />
            </label>
            <label className="share-field">
              <span className="field-label">
                Download as <span className="optional">optional</span>
              </span>
              <input
                type="text"
                className="input mono"
                value={filename}
                onChange={(event) => setFilename(event.target.value)}
                placeholder="Keep the browser's default"
                maxLength={255}
                spellCheck={false}
                autoComplete="off"
              />
            </label>
          </div>

          {share.isError && (
            <Note tone="error" role="alert">
              <p>
                Could not create the link: <Message text={errorMessage(share.error)} />
              </p>
            </Note>
          )}

          {result && (
            <section className="share-result" aria-label="New link">
              <p className={`result-line ${result.copyError ? 'tone-warning' : 'tone-success'}`}>
                <Icon name={result.copyError ? 'warning' : 'check'} />
                {result.copyError ? (
                  <span>
                    Link created, but it could not be copied: <Message text={result.copyError} />.
                    Copy it from the field below.
                  </span>
                ) : (
                  <span>
                    Link copied —{' '}
                    <LiveText text={(now) => formatRemaining(result.link.expiresAt, now)} />
                  </span>
                )}
                {result.link.cappedBy === 'credentials' && (
                  <span className="capped-marker">capped by credentials</span>
                )}
              </p>
              <div className="url-row">
                <input
                  type="text"
                  readOnly
                  className="input mono url-field"
                  value={url}
                  aria-label="Link URL"
                  onFocus={(event) => event.currentTarget.select()}
                />
                <button type="button" className="button" onClick={() => copyText.copy(url)}>
                  <Icon name={copyText.copied === url ? 'check' : 'copy'} />
                  {copyText.copied === url ? 'Copied' : 'Copy'}
                </button>
              </div>
              <CopyError error={copyText.error} />
            </section>
          )}
          <div className="visually-hidden" role="status">
            {announcement}
          </div>
        </div>

        <footer className="share-footer">
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={choice.error !== null || share.isPending}
          >
            <Icon name={share.isPending ? 'refresh' : 'copy'} />
            {share.isPending ? 'Creating…' : 'Create link & copy'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}

/** A remark in the dialog: a warning, or an error that blocks sharing. */
function Note({
  tone,
  testId,
  role,
  children
}: {
  tone: 'warning' | 'error'
  testId?: string
  role?: 'alert'
  children: ReactNode
}) {
  return (
    <div className={`share-note tone-${tone}`} data-testid={testId} role={role}>
      <Icon name={tone} />
      {children}
    </div>
  )
}
