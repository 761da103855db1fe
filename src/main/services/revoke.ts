import { AppError } from '../../shared/errors'
import type { IssuedLink, LinkRevocation, RevokePlan, RevokeResult } from '../../shared/models'
import { quoteForMessage } from '../../shared/user-text'
import { systemClock, type Clock, type S3Gateway } from './ports'
import type { LinkService } from './registry-ports'

/**
 * Revoking links, honestly.
 *
 * A pre-signed URL cannot be revoked on its own: S3 checks only its signature and its expiry.
 * What ends it is deleting (or moving, or overwriting) the object, deactivating the access key
 * that signed it, or, for role sessions, revoking the role's active sessions. So `revoke`
 * either deletes the object, which ends every link to it (and says which, before), or only
 * marks the entry, for a user who ended the link another way.
 */

export type RevokeAction = 'delete-object' | 'mark'

export interface RevokeServiceDependencies {
  links: Pick<LinkService, 'get' | 'linksTo' | 'updateMany'>
  gateway: Pick<S3Gateway, 'deleteObject' | 'listObjectVersions'>
  clock?: Clock
}

export interface RevokeService {
  /** What `revoke(id, 'delete-object')` would end; nothing changes. */
  plan(id: string): Promise<RevokePlan>
  /**
   * `delete-object` deletes the object (the version a pinned link names) and marks the link and
   * every other link it ends revoked; `mark` marks the link alone. A delete that fails marks
   * nothing and throws its error.
   */
  revoke(id: string, action: RevokeAction): Promise<RevokeResult>
}

/** Why an upload link is never ended by deleting an object: shown in the plan. */
export const UPLOAD_LINK_REASON =
  'This is an upload link: deleting a file does not stop anyone uploading another through it. It ends when it expires, or when the access key that signed it is deactivated (for role sessions: when the role’s active sessions are revoked). Mark it revoked once you have done so.'

function isUploadLink(link: IssuedLink): boolean {
  return (link.upload !== undefined && link.upload !== null) || link.method !== 'GET'
}

function pinnedVersion(link: IssuedLink): string | null {
  return link.versionId ?? null
}

export function createRevokeService({
  links,
  gateway,
  clock = systemClock
}: RevokeServiceDependencies): RevokeService {
  /**
   * The other live download links a deletion ends. Deleting a version ends the links pinned to
   * it; deleting without a version ends the links to the latest (and, in a versioned bucket,
   * leaves the older versions and the links pinned to them: see `note`).
   */
  function endedWith(
    link: IssuedLink,
    now: number,
    versioned: boolean | null
  ): { others: IssuedLink[]; pinned: IssuedLink[] } {
    const live = links
      .linksTo({ endpoint: link.endpoint, bucket: link.bucket, key: link.key })
      .filter(
        (other) =>
          other.id !== link.id &&
          !isUploadLink(other) &&
          (other.revoked ?? null) === null &&
          Date.parse(other.expiresAt) > now
      )
    // A bucket that keeps no versions holds one version of the object, `null`: a link pinned
    // to it and a link to the latest end together.
    const versionOf = (other: IssuedLink) =>
      versioned === false ? (pinnedVersion(other) ?? 'null') : pinnedVersion(other)
    const version = versionOf(link)
    return {
      others: live.filter((other) => versionOf(other) === version),
      pinned: live.filter((other) => versionOf(other) !== version)
    }
  }

  /** Whether the bucket keeps versions, as far as this link's delete is concerned. */
  async function versioningFor(link: IssuedLink): Promise<boolean | null> {
    const version = pinnedVersion(link)
    // Only a real version id proves versioning; `null` is also what unversioned buckets list.
    return version !== null && version !== 'null' ? true : keepsVersions(link)
  }

  /** Whether deleting without a version leaves older versions behind; null when unknown. */
  async function keepsVersions(link: IssuedLink): Promise<boolean | null> {
    try {
      const versions = await gateway.listObjectVersions(
        { profileId: link.profileId, region: link.region },
        { bucket: link.bucket, key: link.key }
      )
      // An unversioned bucket lists its objects under the version id "null".
      return versions.some((version) => version.versionId !== 'null')
    } catch {
      // Not allowed to list versions, or the object is gone: the plan says it cannot tell.
      return null
    }
  }

  function note(link: IssuedLink, versioned: boolean | null, pinned: IssuedLink[]): string {
    const version = pinnedVersion(link)
    if (versioned === false) return 'The object is deleted for good: the bucket keeps no versions.'
    if (version !== null) {
      return `Only version ${quoteForMessage(version)} is deleted, for good. Links to the object without a version keep working as long as another version of it remains.`
    }
    const survivors =
      pinned.length === 0
        ? ''
        : ` ${pinned.length === 1 ? '1 link is' : `${pinned.length} links are`} pinned to an older version and will keep working.`
    if (versioned === true) {
      return `This bucket keeps versions: deleting adds a delete marker, so links to the latest version stop working, but the older versions stay (and can be restored).${survivors}`
    }
    return `Whether this bucket keeps versions could not be checked. If it does, deleting only hides the object behind a delete marker and links to older versions keep working.${survivors}`
  }

  async function plan(id: string): Promise<RevokePlan> {
    const link = links.get(id)
    if (isUploadLink(link)) {
      return {
        link,
        otherLinks: [],
        canDeleteObject: false,
        cannotDeleteReason: UPLOAD_LINK_REASON,
        versioned: null
      }
    }
    const versioned = await versioningFor(link)
    const { others, pinned } = endedWith(link, clock.now(), versioned)
    return {
      link,
      otherLinks: others,
      canDeleteObject: true,
      cannotDeleteReason: null,
      versioned,
      survivingLinks: pinnedVersion(link) === null && versioned !== false ? pinned : [],
      note: note(link, versioned, pinned)
    }
  }

  async function revoke(id: string, action: RevokeAction): Promise<RevokeResult> {
    const link = links.get(id)
    const now = clock.now()
    const at = new Date(now).toISOString()
    if (action === 'mark') {
      if ((link.revoked ?? null) !== null) return { revoked: 0, deletedObject: false }
      const revoked: LinkRevocation = { at, how: 'marked' }
      return { revoked: links.updateMany([link.id], { revoked }).length, deletedObject: false }
    }
    if (isUploadLink(link)) throw new AppError('invalid-argument', UPLOAD_LINK_REASON)
    // Worked out before the delete: afterwards every link to the object looks the same.
    const { others } = endedWith(link, now, await versioningFor(link))
    await gateway.deleteObject(
      { profileId: link.profileId, region: link.region },
      { bucket: link.bucket, key: link.key, versionId: pinnedVersion(link) }
    )
    const revoked: LinkRevocation = { at, how: 'object-deleted' }
    const marked = links.updateMany([link.id, ...others.map((other) => other.id)], { revoked })
    return { revoked: marked.length, deletedObject: true }
  }

  return { plan, revoke }
}
