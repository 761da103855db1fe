import type { ReactNode } from 'react'
import { formatBytes, formatExactBytes, formatFullDateTime } from '../../../../shared/format'
import { ErrorState } from '../../lib/ErrorState'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { Etag, Pending, Prop } from './DetailsProps'
import type { ObjectRow } from './entries'
import { ObjectVersions } from './ObjectVersions'
import { useObjectDetails } from './use-object-details'

/** Storage classes whose objects must be restored before a GET (and so a shared link) works. */
const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE'])

/** Waiting this long after the selection settles before asking S3 keeps arrow-key scrolling cheap. */
const HEAD_DELAY_MS = 150

/** An object's HeadObject facts, its metadata and, on a versioned bucket, its versions. */
export function ObjectFacts({
  profileId,
  bucket,
  row,
  onShareVersion
}: {
  profileId: string
  bucket: string
  row: ObjectRow
  /** Opens the share dialog pinned to one version. */
  onShareVersion: (row: ObjectRow, versionId: string, size: number) => void
}) {
  const locale = uiLocale()
  const key = useDebouncedValue(row.key, HEAD_DELAY_MS)
  const details = useObjectDetails(profileId, bucket, key)
  const head = details.data?.key === row.key ? details.data : undefined
  const headPending = !head && !details.isError
  const size = head?.size ?? row.size
  const storageClass = head?.storageClass ?? row.storageClass
  const etag = head?.etag ?? row.etag
  const metadata = head ? Object.entries(head.metadata) : []

  const later = (value: ReactNode) => (headPending ? <Pending /> : value)

  return (
    <>
      {storageClass && ARCHIVE_CLASSES.has(storageClass) && (
        <p className="callout callout-warning">
          <Icon name="warning" />
          <span>
            This object is in <code>{storageClass}</code>. A link only downloads it after it has
            been restored.
          </span>
        </p>
      )}
      {details.isError && (
        <ErrorState
          compact
          title="Couldn't read the object's details"
          error={details.error}
          onRetry={() => void details.refetch()}
          retrying={details.isFetching}
        />
      )}
      <dl className="props">
        <Prop label="Key" mono>
          {row.key}
        </Prop>
        <Prop label="Size">
          <span title={formatExactBytes(size, locale)}>{formatBytes(size, locale)}</span>{' '}
          <span className="muted">({formatExactBytes(size, locale)})</span>
        </Prop>
        <Prop label="Content type" mono>
          {later(head?.contentType ?? '—')}
        </Prop>
        <Prop label="Last modified">
          {formatFullDateTime(head?.lastModified ?? row.lastModified, locale)}
        </Prop>
        <Prop label="Storage class">{storageClass ?? '—'}</Prop>
        <Prop label="ETag" mono>
          {etag ? <Etag etag={etag} /> : '—'}
        </Prop>
        <Prop label="Version" mono>
          {later(head?.versionId ?? <span className="muted">None (unversioned)</span>)}
        </Prop>
        {head?.cacheControl && (
          <Prop label="Cache-Control" mono>
            {head.cacheControl}
          </Prop>
        )}
        {head?.contentDisposition && (
          <Prop label="Content-Disposition" mono>
            {head.contentDisposition}
          </Prop>
        )}
        <Prop label="Region" mono>
          {later(head?.region ?? '—')}
        </Prop>
      </dl>
      <section className="details-section" aria-label="Metadata">
        <h3 className="details-subtitle">Metadata</h3>
        {headPending ? (
          <Pending />
        ) : metadata.length === 0 ? (
          <p className="muted">No user metadata.</p>
        ) : (
          <dl className="props props-metadata">
            {metadata.map(([name, value]) => (
              <Prop key={name} label={name} mono>
                {value}
              </Prop>
            ))}
          </dl>
        )}
      </section>
      {head?.versionId && (
        <ObjectVersions
          profileId={profileId}
          bucket={bucket}
          objectKey={row.key}
          onShare={(versionId, size) => onShareVersion(row, versionId, size)}
        />
      )}
    </>
  )
}
