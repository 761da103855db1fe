import { parentPrefix } from '../../../../shared/object-key'
import { EmptyState } from '../../lib/EmptyState'
import { ErrorState } from '../../lib/ErrorState'
import { s3Uri } from './entries'
import type { FilterMode } from './use-folder-view'

/** What the table shows with no rows: nothing matches the filter or search, or the folder is empty. */
export function FolderEmptyMessage({
  bucket,
  prefix,
  filter,
  mode
}: {
  bucket: string
  prefix: string
  /** The filter text, trimmed; empty without a filter. */
  filter: string
  mode: FilterMode
}) {
  if (filter && mode === 'search') {
    const lower = filter.toLowerCase()
    const other = lower === filter ? filter.toUpperCase() : lower
    return (
      <EmptyState compact icon="search" title={`No names start with “${filter}”`}>
        <p>
          S3 matches capitals exactly: “{filter}” does not find names that start with “{other}”. Use
          Load all below to match any part of a name, in any case.
        </p>
      </EmptyState>
    )
  }
  if (filter) {
    return (
      <EmptyState compact icon="search" title={`Nothing matches “${filter}”`}>
        <p>Try another name, or clear the filter with Escape.</p>
      </EmptyState>
    )
  }
  return (
    <EmptyState compact icon="folder" title="This folder is empty">
      <p>
        Upload with <code>aws s3 cp FILE {s3Uri(bucket, prefix)}</code>, then refresh.
      </p>
    </EmptyState>
  )
}

/** The folder could not be listed: why, a retry, and a way up. */
export function FolderListError({
  bucket,
  prefix,
  error,
  retrying,
  onRetry,
  onUp
}: {
  bucket: string
  prefix: string
  error: unknown
  retrying: boolean
  onRetry: () => void
  onUp: () => void
}) {
  return (
    <ErrorState
      title={`Couldn't list ${s3Uri(bucket, prefix)}`}
      error={error}
      onRetry={onRetry}
      retrying={retrying}
    >
      {prefix !== '' && (
        <button type="button" className="button button-link" onClick={onUp}>
          Go up to {s3Uri(bucket, parentPrefix(prefix))}
        </button>
      )}
    </ErrorState>
  )
}
