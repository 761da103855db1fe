import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { defaultDownloadFilename } from '../../../../shared/content-disposition'
import {
  formatClockTime,
  formatCountdown,
  formatLifetime,
  formatMoment,
  formatRemaining
} from '../../../../shared/countdown'
import { effectiveExpiry } from '../../../../shared/expiry'
import { MAX_EXPIRY_SECONDS } from '../../../../shared/expiry-scale'
import { formatBytes, formatExactBytes } from '../../../../shared/format'
import { hasDotSegments, keyBaseName } from '../../../../shared/object-key'
import { errorMessage } from '../../lib/api'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import { useNow, useNowSelect } from '../../lib/use-now'
import { ExpiryPicker, type ExpiryCap } from './ExpiryPicker'
import { useCredentialsStatus } from './use-credentials-status'
import { useExpiryChoice } from './use-expiry-choice'
import { useShareLink } from './use-share-link'
import './share.css'

interface ShareTarget {
  profileId: string
  bucket: string
  key: string
  size: number | null
}

/** "expires in 59 min 59 s", live; re-renders only when the text changes. */
function LiveRemaining({ expiresAt }: { expiresAt: string }) {
  return <>{useNowSelect((now) => formatRemaining(expiresAt, now))}</>
}

/**
 * Makes a pre-signed download link for one object and copies it.
 *
 * A native modal `<dialog>`: the browser traps focus in it and Escape closes it (through the
 * `close` event, which calls `onClose`). Before anything is created, it says when the link will
 * really stop working: temporary credentials (SSO, assume-role) end a link early.
 */
export function ShareDialog(props: { target: ShareTarget; onClose: () => void }) {
  const { target, onClose } = props
  const ids = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const sliderRef = useRef<HTMLInputElement>(null)
  const locale = uiLocale()

  const { choice, setSeconds, setAmount, setUnit } = useExpiryChoice()
  const [label, setLabel] = useState('')
  const [filename, setFilename] = useState(() => defaultDownloadFilename(target.key) ?? '')
  const [announcement, setAnnouncement] = useState('')
  const credentials = useCredentialsStatus(target.profileId)
  const share = useShareLink()
  const copyText = useCopyText()
  const now = useNow()

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (!dialog.open) dialog.showModal()
    sliderRef.current?.focus()
  }, [])

  const name = keyBaseName(target.key) || target.key
  const credentialsExpireAt = credentials.data?.expiresAt
    ? Date.parse(credentials.data.expiresAt)
    : null
  const credentialsExpired = credentialsExpireAt !== null && credentialsExpireAt <= now
  const expiry = effectiveExpiry(now, choice.seconds, credentialsExpireAt)
  const capped = expiry.cappedBy === 'credentials' && !credentialsExpired
  const cap: ExpiryCap | null =
    credentialsExpireAt !== null && credentialsExpireAt - now < MAX_EXPIRY_SECONDS * 1000
      ? {
          seconds: (credentialsExpireAt - now) / 1000,
          at: formatClockTime(credentialsExpireAt, now, locale),
          profileId: target.profileId
        }
      : null

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
            Share <span className="mono">{name}</span>
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
            <div className="share-note tone-warning">
              <Icon name="warning" />
              <p>
                This key has a <code>.</code> or <code>..</code> segment. Browsers and most tools
                rewrite such paths, so the link only works with clients that send it unchanged, such
                as <code>curl --path-as-is</code>.
              </p>
            </div>
          )}

          <ExpiryPicker
            choice={choice}
            onSeconds={setSeconds}
            onAmount={setAmount}
            onUnit={setUnit}
            cap={cap}
            describedBy={`${ids}-preview`}
            sliderRef={sliderRef}
          />

          <p id={`${ids}-preview`} className={`share-preview${capped ? ' is-capped' : ''}`}>
            <Icon name={capped ? 'warning' : 'check'} className="preview-icon" />
            <span>
              Expires{' '}
              <strong className="preview-time">
                {formatMoment(
                  credentialsExpired ? expiry.requestedExpiresAt : expiry.expiresAt,
                  locale
                )}
              </strong>{' '}
              <span className="preview-in">
                (in{' '}
                {capped ? formatCountdown(expiry.expiresAt - now) : formatLifetime(choice.seconds)})
              </span>
              {capped && (
                <span className="preview-requested">
                  {' '}
                  instead of {formatClockTime(expiry.requestedExpiresAt, now, locale)}
                </span>
              )}
            </span>
          </p>

          <div aria-live="polite">
            {capped && credentialsExpireAt !== null && (
              <div className="share-note tone-warning" data-testid="cap-warning">
                <Icon name="warning" />
                <div>
                  <p>
                    <strong>
                      This link will stop working at{' '}
                      {formatClockTime(credentialsExpireAt, now, locale)}
                    </strong>
                    , when the temporary credentials of profile <code>{target.profileId}</code>{' '}
                    expire (SSO / assume-role sessions end early).
                  </p>
                  <p className="note-hint">
                    A pre-signed URL cannot outlive the credentials that signed it. For a longer
                    link, sign with a profile that has long-term access keys.
                  </p>
                </div>
              </div>
            )}
            {credentialsExpired && credentialsExpireAt !== null && (
              <div className="share-note tone-error" data-testid="cap-warning">
                <Icon name="error" />
                <div>
                  <p>
                    <strong>
                      The temporary credentials of profile <code>{target.profileId}</code> expired
                      at {formatClockTime(credentialsExpireAt, now, locale)}
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
              </div>
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
            <div className="share-note tone-error" role="alert">
              <Icon name="error" />
              <p>
                Could not create the link: <Message text={errorMessage(share.error)} />
              </p>
            </div>
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
                    Link copied — <LiveRemaining expiresAt={result.link.expiresAt} />
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
              {copyText.error && (
                <p className="field-error" role="alert">
                  Could not copy: <Message text={errorMessage(copyText.error)} />
                </p>
              )}
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
