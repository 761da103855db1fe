import { useEffect, useRef, type ReactNode, type RefObject } from 'react'
import { formatBytes, formatExactBytes, formatFullDateTime } from '../../../../shared/format'
import { keyName } from '../../../../shared/object-key'
import { ErrorState } from '../../lib/ErrorState'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { DetailsFrame } from './DetailsFrame'
import { s3Uri, type BrowserRow, type FolderRow, type ObjectRow } from './entries'
import { useObjectDetails } from './use-object-details'

/** Storage classes whose objects must be restored before a GET (and so a shared link) works. */
const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE'])

/** Waiting this long after the selection settles before asking S3 keeps arrow-key scrolling cheap. */
const HEAD_DELAY_MS = 150

export interface ObjectDetailsPanelProps {
  profileId: string
  bucket: string
  prefix: string
  row: BrowserRow | null
  /** How many items the folder has, as the status line says it ("1,000 of many loaded"). */
  itemsSummary: string
  /** Increments when the user asks to open the details: focus moves to the main action. */
  focusRequest: number
  onShare: (row: ObjectRow) => void
  onOpenFolder: (row: FolderRow) => void
  onCopy: (text: string) => void
  copied: string | null
  onHide: () => void
  /** Escape: back to the list. */
  onLeave: () => void
}

/** What the selected object is (HeadObject), with the action that matters most: sharing it. */
export function ObjectDetailsPanel(props: ObjectDetailsPanelProps) {
  const { row } = props
  const primaryRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (props.focusRequest > 0) primaryRef.current?.focus()
  }, [props.focusRequest])

  return (
    <DetailsFrame
      icon={row === null ? 'bucket' : row.kind === 'folder' ? 'folder' : 'file'}
      title={row === null ? (props.prefix ? keyName(props.prefix) : props.bucket) : row.name}
      onHide={props.onHide}
      onLeave={props.onLeave}
    >
      {row === null ? (
        <FolderSummary {...props} />
      ) : (
        <div className="details-body">
          <RowActions {...props} row={row} primaryRef={primaryRef} />
          {row.kind === 'folder' ? (
            <FolderDetails bucket={props.bucket} row={row} />
          ) : (
            <ObjectDetails profileId={props.profileId} bucket={props.bucket} row={row} />
          )}
        </div>
      )}
    </DetailsFrame>
  )
}

function FolderSummary({ bucket, prefix, itemsSummary }: ObjectDetailsPanelProps) {
  return (
    <div className="details-body">
      <dl className="props">
        <Prop label="Location" mono>
          {s3Uri(bucket, prefix)}
        </Prop>
        <Prop label="Items">{itemsSummary}</Prop>
      </dl>
      <p className="details-hint">Select a file to see its details and share it.</p>
    </div>
  )
}

/** The selected item's main action (open a folder, share an object) and copying its S3 URI. */
function RowActions({
  bucket,
  row,
  onOpenFolder,
  onShare,
  onCopy,
  copied,
  primaryRef
}: ObjectDetailsPanelProps & {
  row: BrowserRow
  primaryRef: RefObject<HTMLButtonElement | null>
}) {
  const uri = s3Uri(bucket, row.kind === 'folder' ? row.prefix : row.key)
  const done = copied === uri
  return (
    <div className="details-actions">
      <button
        ref={primaryRef}
        type="button"
        className="button button-primary"
        onClick={() => (row.kind === 'folder' ? onOpenFolder(row) : onShare(row))}
      >
        <Icon name={row.kind === 'folder' ? 'folder' : 'share'} />
        {row.kind === 'folder' ? 'Open folder' : 'Share link'}
      </button>
      <button type="button" className="button" onClick={() => onCopy(uri)}>
        <Icon name={done ? 'check' : 'copy'} />
        {done ? 'Copied' : 'Copy S3 URI'}
      </button>
    </div>
  )
}

function FolderDetails({ bucket, row }: { bucket: string; row: FolderRow }) {
  return (
    <dl className="props">
      <Prop label="Prefix" mono>
        {row.prefix}
      </Prop>
      <Prop label="S3 URI" mono>
        {s3Uri(bucket, row.prefix)}
      </Prop>
    </dl>
  )
}

function ObjectDetails({
  profileId,
  bucket,
  row
}: {
  profileId: string
  bucket: string
  row: ObjectRow
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
    </>
  )
}

function Prop({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <div className="prop">
      <dt>{label}</dt>
      <dd className={mono ? 'mono selectable' : 'selectable'}>{children}</dd>
    </div>
  )
}

function Etag({ etag }: { etag: string }) {
  const bare = etag.replace(/^"|"$/g, '')
  const parts = /-(\d+)$/.exec(bare)?.[1]
  return (
    <>
      {bare}
      {parts && <span className="muted"> (multipart, {parts} parts)</span>}
    </>
  )
}

function Pending() {
  return (
    <span className="skeleton-line skeleton-inline" role="status">
      <span className="visually-hidden">Loading…</span>
    </span>
  )
}
