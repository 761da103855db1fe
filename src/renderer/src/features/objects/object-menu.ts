import type { ContextMenuItem } from '../../lib/ContextMenu'
import { s3Uri, type BrowserRow, type FolderRow, type ObjectRow } from './entries'

/** A right-click menu on screen: what it acts on, its items, where it opened. */
export interface OpenMenu {
  label: string
  items: ContextMenuItem[]
  x: number
  y: number
}

export interface ObjectMenuActions {
  bucket: string
  /** How many rows are selected; with several, the menu acts on all of them. */
  selectedCount: number
  open: (row: BrowserRow) => void
  share: (row: ObjectRow) => void
  shareFolder: (row: FolderRow) => void
  /** Opens the receive dialog for a folder; absent where upload links cannot be made. */
  receive?: (prefix: string) => void
  shareSelection: () => void
  clearSelection: () => void
  copy: (text: string) => void
}

/** The right-click menu of a row, or of the selection it is part of. */
export function objectMenuItems(
  row: BrowserRow,
  { bucket, selectedCount, ...actions }: ObjectMenuActions
): ContextMenuItem[] {
  if (selectedCount > 1) {
    return [
      {
        id: 'share-selection',
        label: `Share ${selectedCount} selected…`,
        onSelect: actions.shareSelection
      },
      { id: 'clear-selection', label: 'Clear selection', onSelect: actions.clearSelection }
    ]
  }
  if (row.kind === 'folder') {
    return [
      { id: 'open', label: 'Open', onSelect: () => actions.open(row) },
      { id: 'share-folder', label: 'Share folder…', onSelect: () => actions.shareFolder(row) },
      ...(actions.receive
        ? [
            {
              id: 'receive',
              label: 'Receive files here…',
              onSelect: () => actions.receive?.(row.prefix)
            }
          ]
        : []),
      {
        id: 'copy-uri',
        label: 'Copy S3 URI',
        onSelect: () => actions.copy(s3Uri(bucket, row.prefix))
      }
    ]
  }
  return [
    { id: 'share', label: 'Share…', onSelect: () => actions.share(row) },
    { id: 'details', label: 'Show details', onSelect: () => actions.open(row) },
    { id: 'copy-uri', label: 'Copy S3 URI', onSelect: () => actions.copy(s3Uri(bucket, row.key)) },
    { id: 'copy-key', label: 'Copy key', onSelect: () => actions.copy(row.key) }
  ]
}
