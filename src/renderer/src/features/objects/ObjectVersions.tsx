import { formatBytes, formatExactBytes, formatFullDateTime } from '../../../../shared/format'
import type { ObjectVersion } from '../../../../shared/models'
import { ErrorState } from '../../lib/ErrorState'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Pending } from './DetailsProps'
import { useObjectVersions } from './use-object-versions'

export interface ObjectVersionsProps {
  profileId: string
  bucket: string
  objectKey: string
  /** Opens the share dialog pinned to this version. */
  onShare: (versionId: string, size: number) => void
}

/**
 * The versions of an object on a versioned bucket, newest first: when, how big, which is the
 * latest and which are delete markers, and a link to any version that holds data.
 *
 * A link pinned to a version keeps giving those bytes after the object is overwritten.
 */
export function ObjectVersions({ profileId, bucket, objectKey, onShare }: ObjectVersionsProps) {
  const versions = useObjectVersions(profileId, bucket, objectKey)
  return (
    <section className="details-section" aria-label="Versions">
      <h3 className="details-subtitle">
        Versions
        {versions.data && <span className="count-pill">{versions.data.length}</span>}
      </h3>
      {versions.isPending ? (
        <Pending />
      ) : versions.isError ? (
        <ErrorState
          compact
          title="Couldn't list the versions"
          error={versions.error}
          onRetry={() => void versions.refetch()}
          retrying={versions.isFetching}
        />
      ) : (
        <ol className="version-list">
          {versions.data.map((version) => (
            <VersionItem key={version.versionId} version={version} onShare={onShare} />
          ))}
        </ol>
      )}
    </section>
  )
}

function VersionItem({
  version,
  onShare
}: {
  version: ObjectVersion
  onShare: (versionId: string, size: number) => void
}) {
  const locale = uiLocale()
  const when = formatFullDateTime(version.lastModified, locale)
  return (
    <li className="version-item">
      <div className="version-facts">
        <span className="version-date">{when}</span>
        {version.isLatest && <span className="badge badge-kind">Latest</span>}
        {version.isDeleteMarker ? (
          <span className="badge">Delete marker</span>
        ) : (
          <span title={formatExactBytes(version.size, locale)}>
            {formatBytes(version.size, locale)}
          </span>
        )}
      </div>
      <code className="version-id selectable" title={version.versionId}>
        {version.versionId}
      </code>
      {!version.isDeleteMarker && (
        <button
          type="button"
          className="button button-small"
          aria-label={`Share this version (${when})`}
          onClick={() => onShare(version.versionId, version.size)}
        >
          <Icon name="share" />
          Share this version
        </button>
      )}
    </li>
  )
}
