import { AppError, isAppError } from '../../shared/errors'
import type { InvokeArgs } from '../../shared/ipc-contract'
import type { IssuedLink, LinkRemoval, ReceivedFiles, UploadLinkDetails } from '../../shared/models'
import { hasDotSegments } from '../../shared/object-key'
import { assertObjectKey } from '../../shared/s3-names'
import {
  assertPostLimits,
  assertUploadDestination,
  assertUploadKey,
  MAX_SINGLE_UPLOAD_BYTES,
  type PostUploadLimits
} from '../../shared/upload-links'
import { quoteForMessage } from '../../shared/user-text'
import { systemClock, type Clock, type S3Gateway } from './ports'
import type { LinkService } from './registry-ports'

/**
 * Upload links after they are made: what arrived through them, and forgetting them (with their
 * page). Making them is the signing pipeline's job (`signing.ts`, `createUploadLink`); the
 * request rules both share are here.
 */

export type UploadLinkRequest = InvokeArgs<'links:create-upload'>

/** The newest arrivals a check returns. */
export const MAX_RECENT_ARRIVALS = 20

/**
 * How far before the link's X-Amz-Date an object may be dated and still count as received: S3
 * dates objects in whole seconds, by its own clock.
 */
const ARRIVAL_TOLERANCE_MS = 1000

/** The limits a POST link writes into its policy: any size up to 5 GiB and any type by default. */
export function postLimitsOf(request: UploadLinkRequest): PostUploadLimits {
  return {
    minBytes: request.minBytes ?? 0,
    maxBytes: request.maxBytes ?? MAX_SINGLE_UPLOAD_BYTES,
    contentType: request.contentType ?? null
  }
}

function messageOf(check: () => void): string | null {
  try {
    check()
    return null
  } catch (error) {
    if (isAppError(error)) return error.message
    throw error
  }
}

/**
 * Why an upload link cannot be made as asked, or null: the rules that span several fields
 * (a PUT cannot limit the size, the page must not sit where uploads land...). Shared by the
 * IPC schema and the signing service, so both refuse with the same words.
 */
export function uploadRequestProblem(request: UploadLinkRequest): string | null {
  const { destination, method, page } = request
  const destinationProblem = messageOf(() => assertUploadDestination(destination))
  if (destinationProblem !== null) return destinationProblem

  if (method === 'PUT') {
    if (destination.kind === 'prefix') {
      return 'A PUT link writes one exact file name. Type the name the file will be saved as, or make a POST link to accept any file name under the folder.'
    }
    if (request.contentType?.kind === 'starts-with') {
      return 'A PUT link can require one exact Content-Type (such as `image/png`), not a family of types. Make a POST link to accept every type that starts with a prefix.'
    }
    if (request.minBytes !== undefined || request.maxBytes !== undefined) {
      return 'A PUT link cannot limit the size of the upload: its signature does not cover the length. Make a POST link to set a size limit.'
    }
  } else {
    const limitsProblem = messageOf(() => assertPostLimits(postLimitsOf(request)))
    if (limitsProblem !== null) return limitsProblem
  }

  if (page !== null && page !== undefined) {
    const pageKey = page.key
    const keyProblem = messageOf(() => {
      assertObjectKey(pageKey)
      assertUploadKey(pageKey)
    })
    if (keyProblem !== null) return `The upload page's location: ${keyProblem}`
    if (hasDotSegments(pageKey)) {
      return `The upload page cannot be stored at ${quoteForMessage(pageKey)}: browsers remove \`.\` and \`..\` path segments before asking for a page, so its link would not open. Choose a location without them.`
    }
    if (destination.kind === 'key' && pageKey === destination.key) {
      return `The upload page cannot be stored at ${quoteForMessage(pageKey)}: that is where the uploaded file goes, so the upload would replace the page. Choose another place for the page.`
    }
    // At the bucket's root nothing is outside, and a POST link for any name there can write
    // every key of the bucket anyway, the page's included: refusing would only forbid the page.
    if (
      destination.kind === 'prefix' &&
      destination.prefix !== '' &&
      pageKey.startsWith(destination.prefix)
    ) {
      return `The upload page cannot be stored at ${quoteForMessage(pageKey)}: it would be inside ${quoteForMessage(destination.prefix)}, which receives the uploads, so an uploader could replace the page. Store the page outside that folder.`
    }
  }
  return null
}

/** Throws `AppError('invalid-argument')` with `uploadRequestProblem`'s words. */
export function assertUploadRequest(request: UploadLinkRequest): void {
  const problem = uploadRequestProblem(request)
  if (problem !== null) throw new AppError('invalid-argument', problem)
}

export interface UploadServiceDependencies {
  links: Pick<LinkService, 'get' | 'forget'>
  gateway: Pick<S3Gateway, 'headObject' | 'listAllObjects' | 'deleteObject'>
  clock?: Clock
}

export interface UploadService {
  /**
   * What arrived through an upload link since it was made: a HEAD of its key, or a listing of
   * its folder (sub-folders included, the page object and folder markers left out).
   */
  received(id: string): Promise<ReceivedFiles>
  /**
   * Forgets a link; with `deletePage`, first deletes its upload page from the bucket. When the
   * delete fails the link is kept, so the user can try again or forget it alone.
   *
   * Undo (`LinkService.undo` with the returned token) brings back the link's entry only: a
   * deleted page is gone from the bucket for good (make the link again to get a new page).
   */
  forget(id: string, options?: { deletePage?: boolean }): Promise<LinkRemoval>
}

function uploadOf(link: IssuedLink): UploadLinkDetails {
  if (link.upload === undefined || link.upload === null) {
    throw new AppError(
      'invalid-argument',
      `The link to ${quoteForMessage(link.key)} is a download link: nothing is uploaded through it.`
    )
  }
  return link.upload
}

type Arrival = ReceivedFiles['recent'][number]

export function createUploadService({
  links,
  gateway,
  clock = systemClock
}: UploadServiceDependencies): UploadService {
  async function arrivals(link: IssuedLink, upload: UploadLinkDetails): Promise<Arrival[]> {
    const target = { profileId: link.profileId, region: link.region }
    const since = Date.parse(link.createdAt) - ARRIVAL_TOLERANCE_MS
    const arrived = (lastModified: string | null | undefined): boolean =>
      lastModified !== null && lastModified !== undefined && Date.parse(lastModified) >= since
    const { destination } = upload

    if (destination.kind === 'key') {
      try {
        const head = await gateway.headObject(target, { bucket: link.bucket, key: destination.key })
        return arrived(head.lastModified)
          ? [{ key: head.key, size: head.size, lastModified: head.lastModified }]
          : []
      } catch (error) {
        if (isAppError(error) && error.code === 'no-such-key') return []
        throw error
      }
    }

    const found: Arrival[] = []
    for await (const page of gateway.listAllObjects(target, {
      bucket: link.bucket,
      prefix: destination.prefix
    })) {
      for (const object of page) {
        if (object.key === upload.pageKey) continue
        // The zero-byte marker a console makes for a folder is no upload.
        if (object.key.endsWith('/') && object.size === 0) continue
        if (!arrived(object.lastModified)) continue
        found.push({
          key: object.key,
          size: object.size,
          lastModified: object.lastModified ?? null
        })
      }
    }
    return found
  }

  return {
    async received(id) {
      const link = links.get(id)
      const upload = uploadOf(link)
      const found = await arrivals(link, upload)
      const newestFirst = found.sort(
        (a, b) =>
          Date.parse(b.lastModified ?? '') - Date.parse(a.lastModified ?? '') ||
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
      )
      return {
        linkId: link.id,
        files: found.length,
        bytes: found.reduce((total, object) => total + object.size, 0),
        recent: newestFirst.slice(0, MAX_RECENT_ARRIVALS),
        checkedAt: new Date(clock.now()).toISOString()
      }
    },

    async forget(id, { deletePage = false } = {}) {
      if (deletePage) {
        const link = links.get(id)
        const pageKey = link.upload?.pageKey ?? null
        if (pageKey !== null) {
          await gateway.deleteObject(
            { profileId: link.profileId, region: link.region },
            { bucket: link.bucket, key: pageKey }
          )
        }
      }
      return links.forget(id)
    }
  }
}
