import { useEffect, useRef, type RefObject } from 'react'
import { keyName } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { DetailsFrame } from './DetailsFrame'
import { Prop } from './DetailsProps'
import { s3Uri, type BrowserRow, type FolderRow, type ObjectRow } from './entries'
import { ObjectFacts } from './ObjectFacts'

export interface ObjectDetailsPanelProps {
  profileId: string
  bucket: string
  prefix: string
  row: BrowserRow | null
  /** How many items the folder has, as the status line says it ("1,000 loaded, more to come"). */
  itemsSummary: string
  /** Increments when the user asks to open the details: focus moves to the main action. */
  focusRequest: number
  onShare: (row: ObjectRow) => void
  /** Shares one version of an object (a versioned bucket's details list them). */
  onShareVersion: (row: ObjectRow, versionId: string, size: number) => void
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
            <ObjectFacts
              profileId={props.profileId}
              bucket={props.bucket}
              row={row}
              onShareVersion={props.onShareVersion}
            />
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
