import { formatCountdown, formatLifetime } from '../../../../shared/countdown'
import { errorMessage } from '../../../../shared/errors'
import { formatClockTime, formatMoment } from '../../../../shared/format'
import { SECOND_MS } from '../../../../shared/time-units'
import { Icon } from '../../lib/Icon'
import { LiveClockTime, LiveText } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { Note } from './Note'
import { SessionWarning } from './SessionWarning'
import type { useShareExpiry } from './use-share-expiry'

export type ShareExpiry = ReturnType<typeof useShareExpiry>

/**
 * "Expires Tue 14:05 (in 1 hour)": when a link made now really stops working, and what was
 * asked for when the credentials end it earlier. Read with the slider (`id`).
 *
 * While the lifetime typed is invalid (`error`), it says so instead: a confident "Expires in…"
 * next to an error would contradict it.
 */
export function ExpiryPreview({
  id,
  expiry,
  seconds,
  error = null
}: {
  id: string
  expiry: ShareExpiry
  seconds: number
  error?: string | null
}) {
  const locale = uiLocale()
  const { credentialsExpireAt } = expiry
  if (error !== null) {
    return (
      <p id={id} className="share-preview is-invalid">
        <Icon name="warning" className="preview-icon" />
        <span>No expiry yet: fix the lifetime above.</span>
      </p>
    )
  }
  return (
    <p id={id} className={`share-preview${expiry.capped ? ' is-capped' : ''}`}>
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
            formatLifetime(seconds)
          )}
          )
        </span>
        {expiry.capped && (
          <span className="preview-requested">
            {' '}
            instead of{' '}
            <LiveText text={(now) => formatClockTime(now + seconds * SECOND_MS, now, locale)} />
          </span>
        )}
      </span>
    </p>
  )
}

/**
 * Why the link (or links, with `plural`) may stop working before the chosen time: temporary
 * credentials that end first, a session whose end nobody knows, credentials already expired.
 */
export function ExpiryNotes({
  expiry,
  profileId,
  plural = false
}: {
  expiry: ShareExpiry
  profileId: string
  plural?: boolean
}) {
  const { credentials, credentialsExpireAt } = expiry
  const these = plural ? 'These links' : 'This link'
  return (
    <>
      <div aria-live="polite">
        {expiry.capped && credentialsExpireAt !== null && (
          <Note tone="warning" testId="cap-warning">
            <div>
              <p>
                <strong>
                  {these} will stop working at <LiveClockTime at={credentialsExpireAt} />
                </strong>
                , when the temporary credentials of profile <code>{profileId}</code> expire (SSO /
                assume-role sessions end early).
              </p>
              <p className="note-hint">
                A pre-signed URL cannot outlive the credentials that signed it. For a longer link,
                sign with a profile that has long-term access keys.
              </p>
            </div>
          </Note>
        )}
        {expiry.sessionEndUnknown && <SessionWarning profileId={profileId} these={these} />}
        {expiry.expired && credentialsExpireAt !== null && (
          <Note tone="error" testId="cap-warning">
            <div>
              <p>
                <strong>
                  The temporary credentials of profile <code>{profileId}</code> expired at{' '}
                  <LiveClockTime at={credentialsExpireAt} />
                </strong>
                ; {plural ? 'links' : 'a link'} signed with them would not work.
              </p>
              <p className="note-hint">
                Sign in again (for SSO: <code>aws sso login --profile {profileId}</code>), then
                check again.
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
          Checking when the credentials of profile <code>{profileId}</code> expire…
        </p>
      )}
      {credentials.isError && (
        <p className="share-aside">
          Could not check when the credentials of profile <code>{profileId}</code> expire:{' '}
          <Message text={errorMessage(credentials.error)} />
        </p>
      )}
    </>
  )
}
