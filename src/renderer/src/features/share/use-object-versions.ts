import { useQuery } from '@tanstack/react-query'
import type { ObjectVersion } from '../../../../shared/models'
import { call } from '../../lib/api'
import type { ShareTarget } from '../objects/share-target'

/** The version a link can be pinned to: its id, and what is known of it. */
export interface PinTarget {
  versionId: string
  lastModified: string | null
  /** False for an older version; null when the list did not say (it failed, or is on its way). */
  isLatest: boolean | null
}

/** S3's id for objects written while versioning was off: pinning to it pins nothing useful. */
const NULL_VERSION = 'null'

/** The object's versions, newest first, to offer pinning a link to one. */
export function useObjectVersions(target: ShareTarget) {
  const { profileId, bucket, key } = target
  return useQuery({
    queryKey: ['share-versions', profileId, bucket, key],
    queryFn: () => call('listObjectVersions', { profileId, bucket, key }),
    // Without versions the dialog simply offers no choice; nothing to retry for.
    retry: false,
    staleTime: 30_000
  })
}

/**
 * The version "this version" means: the one the dialog was opened for, else the newest real
 * version (not a delete marker); null when the object has no versions to pin to.
 */
export function pinTarget(
  versions: ObjectVersion[] | undefined,
  initialVersionId: string | null
): PinTarget | null {
  if (initialVersionId !== null) {
    const known = versions?.find((version) => version.versionId === initialVersionId)
    return {
      versionId: initialVersionId,
      lastModified: known?.lastModified ?? null,
      isLatest: known ? known.isLatest : null
    }
  }
  const newest = versions?.find(
    (version) => !version.isDeleteMarker && version.versionId !== NULL_VERSION
  )
  return newest
    ? { versionId: newest.versionId, lastModified: newest.lastModified, isLatest: newest.isLatest }
    : null
}
