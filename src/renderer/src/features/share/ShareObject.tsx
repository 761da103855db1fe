import { formatBytes, formatExactBytes } from '../../../../shared/format'
import { hasDotSegments } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import type { ShareTarget } from '../objects/share-target'
import { Note } from './Note'

/** The object a download link is for: key, bucket, size, profile, and a warning for odd keys. */
export function ShareObject({ target }: { target: ShareTarget }) {
  const locale = uiLocale()
  return (
    <>
      <div className="share-object">
        <Icon name="file" className="share-object-icon" />
        <div className="share-object-text">
          <div className="share-key mono selectable" title={`s3://${target.bucket}/${target.key}`}>
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
            rewrite such paths, so the link only works with clients that send it unchanged, such as{' '}
            <code>curl --path-as-is</code>.
          </p>
        </Note>
      )}
    </>
  )
}
