import type { Ref } from 'react'
import { formatRemaining } from '../../../../shared/countdown'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { Message } from '../../lib/Message'
import { QrCodeButton } from '../qr/QrCodeButton'
import { CopyField } from './CopyField'
import { LongLinkNote } from './LinkLength'
import { SelfTestResult, selfTestFailed } from './SelfTestResult'
import type { SharedLink } from './use-share-link'

/**
 * The download link just made: whether it works, whether it reached the clipboard, its
 * countdown and length, the URL, and its QR code.
 */
export function DownloadResult({
  result,
  name,
  onCopied,
  ref
}: {
  result: SharedLink
  /** What the link is for, to name its QR code. */
  name: string
  /** Called when the user copies the link from the field ("Copy anyway" included). */
  onCopied: () => void
  ref?: Ref<HTMLElement>
}) {
  const { link, copyError, copied } = result
  const failed = selfTestFailed(link)
  const tone = failed || copyError ? 'tone-warning' : 'tone-success'
  return (
    <section
      ref={ref}
      className={`share-result${failed ? ' is-failed' : ''}`}
      aria-label="New link"
      data-testid="share-result"
      tabIndex={-1}
    >
      <SelfTestResult link={link} />
      <p className={`result-line ${tone}`}>
        <Icon name={failed || copyError ? 'warning' : 'check'} />
        {copyError ? (
          <span>
            Link created, but it could not be copied: <Message text={copyError} />. Copy it from the
            field below.
          </span>
        ) : (
          <span>
            {copied ? 'Link copied' : 'Not copied'} —{' '}
            <LiveText text={(now) => formatRemaining(link.expiresAt, now)} />
          </span>
        )}
        {link.cappedBy === 'credentials' && (
          <span className="capped-marker">capped by credentials</span>
        )}
        <span className="result-length">{link.url.length.toLocaleString('en')} characters</span>
      </p>
      <LongLinkNote length={link.url.length} />
      <CopyField
        value={link.url}
        label="Link URL"
        copyLabel={failed && !copied ? 'Copy anyway' : 'Copy'}
        onCopied={onCopied}
      />
      <div className="result-actions">
        <QrCodeButton url={link.url} name={name} className="button-small" />
      </div>
    </section>
  )
}
