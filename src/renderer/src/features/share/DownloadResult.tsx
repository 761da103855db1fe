import { formatRemaining } from '../../../../shared/countdown'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { Message } from '../../lib/Message'
import { CopyField } from './CopyField'
import type { SharedLink } from './use-share-link'

/** The download link just made: whether it reached the clipboard, its countdown, the URL. */
export function DownloadResult({ result }: { result: SharedLink }) {
  const { link, copyError } = result
  return (
    <section className="share-result" aria-label="New link">
      <p className={`result-line ${copyError ? 'tone-warning' : 'tone-success'}`}>
        <Icon name={copyError ? 'warning' : 'check'} />
        {copyError ? (
          <span>
            Link created, but it could not be copied: <Message text={copyError} />. Copy it from the
            field below.
          </span>
        ) : (
          <span>
            Link copied — <LiveText text={(now) => formatRemaining(link.expiresAt, now)} />
          </span>
        )}
        {link.cappedBy === 'credentials' && (
          <span className="capped-marker">capped by credentials</span>
        )}
      </p>
      <CopyField value={link.url} label="Link URL" />
    </section>
  )
}
