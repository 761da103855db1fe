import { useCallback } from 'react'
import type { BrowserRow, FolderRow, ObjectRow } from './entries'
import type { BulkShareTarget, ShareTarget } from './share-target'

/**
 * What the browser's Share buttons and menus open: the share dialog for one object, the bulk
 * dialog for a folder (everything under it) or for the selected rows.
 */
export function useShareActions({
  profileId,
  bucket,
  onShare,
  onShareMany
}: {
  profileId: string
  bucket: string
  onShare: (target: ShareTarget) => void
  onShareMany: (target: BulkShareTarget) => void
}) {
  // Stable: the table's rows are memoized on them.
  const share = useCallback(
    (row: ObjectRow) => onShare({ profileId, bucket, key: row.key, size: row.size }),
    [profileId, bucket, onShare]
  )
  const shareVersion = useCallback(
    (row: ObjectRow, versionId: string, size: number) =>
      onShare({ profileId, bucket, key: row.key, size, versionId }),
    [profileId, bucket, onShare]
  )
  const sharePrefix = useCallback(
    (prefix: string) => onShareMany({ profileId, bucket, objects: [], folders: [prefix] }),
    [profileId, bucket, onShareMany]
  )
  const shareFolder = useCallback((row: FolderRow) => sharePrefix(row.prefix), [sharePrefix])
  const shareRows = (rows: BrowserRow[]) => {
    const target: BulkShareTarget = { profileId, bucket, objects: [], folders: [] }
    for (const row of rows) {
      if (row.kind === 'folder') target.folders.push(row.prefix)
      else target.objects.push({ key: row.key, size: row.size })
    }
    onShareMany(target)
  }
  return { share, shareVersion, sharePrefix, shareFolder, shareRows }
}
