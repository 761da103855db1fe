import { formatBytes, formatExactBytes } from '../../../../shared/format'
import { hasDotSegments } from '../../../../shared/object-key'
import { uiLocale } from '../../lib/locale'
import type { ShareTarget } from '../objects/share-target'
import { Note } from './Note'
import { MetaItem, ShareSubject } from './ShareSubject'

/** The object a download link is for: key, bucket, size, profile, and a warning for odd keys. */
export function ShareObject({ target }: { target: ShareTarget }) {
  const locale = uiLocale()
  return (
    <>
      <ShareSubject icon="file" uri={`s3://${target.bucket}/${target.key}`} name={target.key}>
        <MetaItem label="Bucket" mono>
          {target.bucket}
        </MetaItem>
        {target.size !== null && (
          <MetaItem label="Size" title={formatExactBytes(target.size, locale)}>
            {formatBytes(target.size, locale)}
          </MetaItem>
        )}
        <MetaItem label="Profile" mono>
          {target.profileId}
        </MetaItem>
      </ShareSubject>

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
